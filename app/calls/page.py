"""What the call page shows: transcript lines with roles, scorecard by section, metrics, comments, trail."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload, undefer

from app.accounts.models import User
from app.accounts.permissions import can
from app.calls import audit
from app.calls.models import Call, CallComment, CallStatus, Review, Scorecard, ScorecardItem
from app.calls.rules import is_unreliable, speaker_roles
from app.core.numbers import format_number
from app.extensions import db
from app.quality.models import ChecklistVersion


@dataclass
class Line:
    """One transcript segment as displayed."""

    index: int
    role: str
    label: str
    start: float
    end: float
    text: str
    unreliable: bool


@dataclass
class Section:
    """Scorecard items of one checklist section."""

    title: str
    items: list[ScorecardItem] = field(default_factory=list)


def role_labels() -> dict[str, str]:
    """Display names of the transcript roles."""
    return {
        "manager": _("Менеджер"),
        "client": _("Клиент"),
        "gatekeeper": _("Секретарь"),
        "decision_maker": _("ЛПР"),
    }


def transcript_lines(transcript: dict[str, Any] | None, structure: dict[str, Any] | None) -> list[Line]:
    """Segments with speaker labels (secretary vs decision maker after the hand-over) and reliability."""
    segments = (transcript or {}).get("segments") or []
    labels = role_labels()
    return [
        Line(
            i,
            role,
            labels[role],
            float(seg.get("start", 0)),
            float(seg.get("end", 0)),
            str(seg.get("text", "")),
            is_unreliable(seg),
        )
        for i, (seg, role) in enumerate(zip(segments, speaker_roles(segments, structure), strict=True))
    ]


def sections(items: list[ScorecardItem]) -> list[Section]:
    """Items grouped by section in checklist order."""
    grouped: dict[str, Section] = {}
    for item in items:
        title = item.section or _("Прочее")
        grouped.setdefault(title, Section(title)).items.append(item)
    return list(grouped.values())


@dataclass
class TrailRow:
    """An audit entry in words."""

    actor: str | None
    at: Any
    what: str
    before: str
    after: str
    note: str | None


def _value_text(value: str | None) -> str:
    labels = {"pass": _("выполнено"), "fail": _("не выполнено"), "na": _("неприменимо")}
    return "—" if value is None else labels.get(value, value)


def trail_rows(entries: list[Any], items: list[ScorecardItem]) -> list[TrailRow]:
    """Audit entries of a call described for people (item titles, verdict names)."""
    titles = {item.id: item.title for item in items}
    fields = {"final_score": _("Итоговый балл"), "comment": _("Комментарий"), "review": _("Прослушка")}
    rows = []
    for e in entries:
        if e.object_type == "scorecard_item":
            what = _("Пункт «%(t)s»", t=titles.get(e.object_id, e.field))
        else:
            what = fields.get(e.field, e.field)
        text = _score_text if e.field == "final_score" else _value_text
        rows.append(TrailRow(e.actor.full_name if e.actor else None, e.at, what, text(e.before), text(e.after), e.note))
    return rows


def _score_text(value: str | None) -> str:
    """A score kept as text in the trail («72.5»), shown in the reader's locale («72,5»)."""
    try:
        return format_number(float(value)) if value is not None else "—"
    except ValueError:
        return value or "—"


def load_call(call_id: int) -> Call | None:
    """A call with everything its page shows, in a handful of queries."""
    card = joinedload(Call.current_scorecard)
    query = (
        select(Call)
        .where(Call.id == call_id)
        .options(
            joinedload(Call.manager),
            joinedload(Call.team),
            joinedload(Call.recording),
            joinedload(Call.checklist),
            undefer(Call.transcript),
            joinedload(Call.review).joinedload(Review.reviewer),
            card.joinedload(Scorecard.checklist_version).joinedload(ChecklistVersion.checklist),
            card.undefer(Scorecard.auto),
            card.selectinload(Scorecard.items).joinedload(ScorecardItem.reviewed_by),
            selectinload(Call.comments).joinedload(CallComment.author),
            selectinload(Call.scorecards).joinedload(Scorecard.checklist_version),
        )
    )
    return db.session.scalars(query).unique().one_or_none()


def call_page(call: Call, user: User) -> dict[str, Any]:
    """Template context of ``calls/detail.html``."""
    card = call.current_scorecard
    auto = (card.auto if card is not None else None) or {}
    return {
        "call": call,
        "card": card,
        "sections": sections(card.items) if card is not None else [],
        "lines": transcript_lines(call.transcript, auto.get("structure")) if call.transcript else [],
        "handover": auto.get("handover"),
        "summary": (call.metrics or {}).get("summary") or {},
        "comments": call.comments,
        "trail": trail_rows(audit.trail("call", call.id), card.items if card is not None else []),
        "can_review": can(user, "review", call),
        "can_retry": call.status == CallStatus.FAILED and can(user, "act_for", call),
        "processing": call.status not in (CallStatus.SCORED, CallStatus.FAILED),
        "list_url": url_for("calls.index") if "calls.index" in current_app.view_functions else None,
        "older_scorecards": [c for c in call.scorecards if card is None or c.id != card.id],
    }
