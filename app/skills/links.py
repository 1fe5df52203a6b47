"""Links from skills pages to the calls, exam attempts, courses and library they rest on (when those pages exist)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app, url_for

from app.skills.evidence import CALL, EXAM, Evidence
from app.skills.models import ActionKind, SheetAction


def endpoint_url(endpoint: str, **values: Any) -> str | None:
    """URL of an endpoint, or None while the feature that serves it is not registered."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)


def evidence_url(item: Evidence) -> str | None:
    """The call or exam attempt behind an evidence point (ratings have no page of their own)."""
    if item.source == CALL:
        return endpoint_url("calls.detail", call_id=item.link_id)
    if item.source == EXAM:
        return endpoint_url("exams.result", attempt_id=item.link_id)
    return None


def action_url(action: SheetAction) -> str | None:
    """Where a planned action is done: the course, lesson, exam or the library filtered by tag."""
    ref = action.target_ref
    if not ref:
        return None
    if action.kind == ActionKind.COURSE:
        return endpoint_url("learning.course", key=ref)
    if action.kind == ActionKind.LESSON and "/" in ref:
        key, slug = ref.split("/", 1)
        return endpoint_url("learning.lesson", key=key, slug=slug)
    if action.kind == ActionKind.EXAM:
        return endpoint_url("exams.course_exam", course_key=ref)
    if action.kind == ActionKind.LIBRARY:
        return endpoint_url("calls.library", tag=ref)
    return None


def failed_item_url(user_id: int, item_id: str, start: date | None, end: date | None) -> str | None:
    """The person's calls where an item failed, in the analysed window."""
    values: dict[str, Any] = {"manager": user_id, "failed": item_id}
    if start:
        values["date_from"] = start.isoformat()
    if end:
        values["date_to"] = end.isoformat()
    return endpoint_url("calls.index", **values)


def template_helpers() -> dict[str, Any]:
    """Helpers the skills templates use."""
    return {
        "evidence_url": evidence_url,
        "action_url": action_url,
        "failed_item_url": failed_item_url,
        "endpoint_url": endpoint_url,
    }
