"""Supervisor review: override item verdicts with a reason, comment at a moment, finalize; all audited.

Services flush; the view commits. Permission (``can(user, "review", call)``) is checked by the caller.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from app.accounts.models import User, utcnow
from app.calls.audit import record_changes
from app.calls.models import Call, CallComment, CallStatus, ItemResult, Review, ScorecardItem
from app.calls.scorecards import refresh_final_score
from app.core.domain import DomainError
from app.core.events import call_reviewed
from app.core.numbers import format_number
from app.extensions import db

MAX_COMMENT = 4000


def _require_scored(call: Call) -> None:
    if call.status != CallStatus.SCORED or call.current_scorecard is None:
        raise DomainError(_("Звонок ещё не оценён: дождитесь окончания обработки."))


def _score_changed(call: Call, reviewer: User, before: float | None) -> None:
    record_changes(
        reviewer.id, ("call", call.id), ("call", call.id), {"final_score": before}, {"final_score": call.final_score}
    )
    call_reviewed.send(
        current_app._get_current_object(),
        call_id=call.id,
        manager_id=call.manager_id,
        scorecard_id=call.current_scorecard_id,
    )


def override_item(call: Call, item_id: int, result: str, reason: str, reviewer: User) -> ScorecardItem:
    """Set a human verdict on an item of the current scorecard; the reason is mandatory."""
    _require_scored(call)
    item = db.session.get(ScorecardItem, item_id)
    if item is None or item.scorecard_id != call.current_scorecard_id:
        raise DomainError(_("Такого пункта нет в текущей оценке звонка."), "item_id")
    if result not in {r.value for r in ItemResult}:
        raise DomainError(_("Выберите вердикт: выполнено, не выполнено или неприменимо."), "result")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Укажите причину: менеджер увидит её рядом с вердиктом."), "reason")
    old_verdict, old_score = item.result.value, call.final_score
    item.human_result, item.human_reason = ItemResult(result), reason
    item.reviewed_by_id, item.reviewed_at = reviewer.id, utcnow()
    db.session.flush()
    record_changes(
        reviewer.id,
        ("call", call.id),
        ("scorecard_item", item.id),
        {f"{item.item_id}": old_verdict},
        {f"{item.item_id}": result},
        note=reason,
    )
    refresh_final_score(call)
    db.session.flush()
    if call.final_score != old_score:
        _score_changed(call, reviewer, old_score)
    return item


def add_comment(call: Call, author: User, text: str, at_seconds: float | None) -> CallComment:
    """Pin a remark to a moment of the recording (or to the call as a whole)."""
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Напишите текст комментария."), "text")
    if len(text) > MAX_COMMENT:
        raise DomainError(_("Комментарий длиннее %(n)s символов.", n=MAX_COMMENT), "text")
    if at_seconds is not None:
        limit = call.duration or (call.recording.duration if call.recording else None)
        if at_seconds < 0 or (limit and at_seconds > limit + 1):
            raise DomainError(_("Момент комментария вне записи."), "at_seconds")
        at_seconds = round(at_seconds, 2)
    comment = CallComment(call_id=call.id, author_id=author.id, at_seconds=at_seconds, text=text)
    db.session.add(comment)
    db.session.flush()
    record_changes(
        author.id, ("call", call.id), ("call_comment", comment.id), {"comment": None}, {"comment": text[:200]}
    )
    return comment


def finalize_review(call: Call, reviewer: User, summary: str | None = None) -> Review:
    """Mark the review done (again: updates it) and tell other features the score is final."""
    _require_scored(call)
    review = call.review
    before = {"review": _("завершена") if review else None}
    if review is None:
        review = Review(call_id=call.id)
        db.session.add(review)
    review.reviewer_id, review.scorecard_id = reviewer.id, call.current_scorecard_id
    review.final_score, review.summary = call.final_score, (summary or "").strip() or None
    review.finalized_at = call.reviewed_at = utcnow()
    db.session.flush()
    after = {"review": _("завершена, итог %(s)s", s=_fmt(call.final_score))}
    record_changes(reviewer.id, ("call", call.id), ("review", review.id), before, after, note=review.summary)
    call_reviewed.send(
        current_app._get_current_object(),
        call_id=call.id,
        manager_id=call.manager_id,
        scorecard_id=call.current_scorecard_id,
    )
    return review


def _fmt(score: float | None) -> str:
    return format_number(score)
