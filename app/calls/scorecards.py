"""Scorecards: store the engine's result as a scorecard with one row per item; keep the call's score current.

Used by processing (the first scorecard) and by rescoring (further scorecards; old ones are never edited).
Services flush; callers commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.accounts.models import utcnow
from app.calls.models import Call, ItemResult, Scorecard, ScorecardItem
from app.calls.rules import RESULTS, Verdict, final_score, summarise_metrics
from app.extensions import db


class DuplicateScorecard(RuntimeError):
    """Another worker stored this scorecard first."""


def _meta(item: Any, section: str | None) -> dict[str, Any]:
    return {
        "title": getattr(item, "title", None),
        "section": section or getattr(item, "section", None),
        "skill": getattr(item, "skill", None),
        "critical": bool(getattr(item, "critical", False)),
        "weight": getattr(item, "weight", None),
    }


def checklist_meta(checklist: Any) -> dict[str, dict[str, Any]]:
    """Item id -> title, section, skill, critical, weight from a parsed checklist (sections or a flat list)."""
    meta: dict[str, dict[str, Any]] = {}
    for section in getattr(checklist, "sections", None) or []:
        title = getattr(section, "title", None) or getattr(section, "id", None)
        for item in getattr(section, "items", None) or []:
            meta[item.id] = _meta(item, title)
    for item in getattr(checklist, "items", None) or []:
        meta.setdefault(item.id, _meta(item, None))
    return meta


def _result(value: Any) -> ItemResult:
    value = str(getattr(value, "value", value) or "na").lower()
    return ItemResult(value if value in RESULTS else "na")


def _items(auto: dict[str, Any], meta: dict[str, dict[str, Any]]) -> list[ScorecardItem]:
    rows = []
    for position, raw in enumerate(auto.get("items") or []):
        item_id = str(raw.get("id"))
        info = meta.get(item_id, {})
        weight = raw.get("weight", info.get("weight"))
        rows.append(
            ScorecardItem(
                position=position,
                item_id=item_id[:80],
                title=str(raw.get("title") or info.get("title") or item_id)[:300],
                section=(info.get("section") or raw.get("section") or None),
                skill=raw.get("skill") or info.get("skill"),
                weight=float(weight if weight is not None else 1.0),
                critical=bool(raw.get("critical", info.get("critical", False))),
                auto_result=_result(raw.get("result")),
                auto_points=float(raw.get("points") or 0.0),
                confidence=raw.get("confidence"),
                evidence=list(raw.get("evidence") or []),
                note=str(raw.get("note") or "") or None,
            )
        )
    return rows


def _is_unscorable(auto: dict[str, Any]) -> bool:
    return bool(auto.get("unscorable")) or auto.get("status") == "unscorable"


def create_scorecard(
    call: Call,
    version: Any,
    auto: dict[str, Any],
    checklist: Any,
    *,
    reason: str = "initial",
    created_by_id: int | None = None,
    asr_model: str | None = None,
    engine_version: str | None = None,
) -> Scorecard:
    """Add a scorecard (next sequence number; the first is 1) with its items; flushes.

    Raises ``DuplicateScorecard`` (after rolling the session back) when that sequence number already exists.
    """
    if reason == "initial":
        sequence = 1
    else:
        last = db.session.scalar(select(func.max(Scorecard.sequence)).where(Scorecard.call_id == call.id))
        sequence = (last or 0) + 1
    score = auto.get("score")
    card = Scorecard(
        call_id=call.id,
        sequence=sequence,
        checklist_version_id=version.id,
        engine_version=engine_version,
        asr_model=asr_model,
        auto=auto,
        auto_score=float(score) if score is not None else None,
        auto_critical_failed=bool(auto.get("critical_failed")),
        unscorable=_is_unscorable(auto),
        reason=reason,
        created_by_id=created_by_id,
    )
    for row in _items(auto, checklist_meta(checklist)):
        row.call_id = call.id
        card.items.append(row)
    db.session.add(card)
    try:
        db.session.flush()
    except IntegrityError as error:  # the unique (call, sequence) pair: another worker stored it first
        db.session.rollback()
        raise DuplicateScorecard(f"call {call.id} already has scorecard #{sequence}") from error
    return card


def verdicts(card: Scorecard) -> list[Verdict]:
    """The score formula's view of a scorecard's items."""
    return [
        Verdict(
            i.auto_result.value, i.weight, i.auto_points, i.critical, i.human_result.value if i.human_result else None
        )
        for i in card.items
    ]


def refresh_final_score(call: Call) -> None:
    """Recompute the call's denormalised score and critical flag from its current scorecard."""
    card = call.current_scorecard
    if card is None:
        call.final_score, call.critical_failed = None, False
        return
    result = final_score(verdicts(card), None if card.unscorable else card.auto_score)
    call.final_score, call.critical_failed = result.score, result.critical_failed
    call.updated_at = utcnow()


def set_current_scorecard(call: Call, card: Scorecard) -> None:
    """Make ``card`` the call's scorecard in force and refresh score and metrics."""
    call.current_scorecard = card
    db.session.flush()
    metrics = card.auto.get("metrics") if isinstance(card.auto, dict) else None
    call.metrics = {**(metrics or {}), "summary": summarise_metrics(metrics)}
    refresh_final_score(call)
    db.session.flush()
