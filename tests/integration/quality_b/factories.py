"""Rows the call script and objection tests need, built through the calls models (inside an app context)."""

from __future__ import annotations

import hashlib
import itertools
from datetime import date

_seq = itertools.count(1)


def objection_call(
    manager_id: int,
    call_date: date,
    results: dict[str, str | tuple[str, str]],
    quotes: list[str],
    *,
    current: bool = True,
) -> int:
    """A scored call whose objection items have ``results`` (``auto`` or ``(auto, human)``) and trigger quotes.

    The quotes become ``trigger`` evidence of the first item, the way the engine's response detector stores
    them. With ``current=False`` the scorecard is an old one (the call points to none). Flushes, returns the id.
    """
    from app.calls.models import Call, CallStatus, ItemResult, Recording, Scorecard, ScorecardItem
    from app.extensions import db
    from app.quality.models import Checklist, ChecklistVersion, VersionStatus

    n = next(_seq)
    checklist = db.session.scalar(db.select(Checklist).where(Checklist.key == "cold_call"))
    if checklist is None:
        checklist = Checklist(key="cold_call", title="Холодный звонок")
        db.session.add(checklist)
        db.session.add(ChecklistVersion(checklist=checklist, number=1, status=VersionStatus.PUBLISHED, yaml_text="x"))
        db.session.flush()
    recording = Recording(
        sha256=hashlib.sha256(f"quality-b-{n}".encode()).hexdigest(),
        extension="wav",
        size_bytes=10,
        mime="audio/wav",
        container="wav",
        codec="pcm",
        channels=2,
        sample_rate=8000,
    )
    call = Call(
        recording=recording,
        manager_id=manager_id,
        call_date=call_date,
        checklist_id=checklist.id,
        client_company=f"ООО Клиент {n}",
        status=CallStatus.SCORED,
    )
    db.session.add_all([recording, call])
    db.session.flush()
    card = Scorecard(call_id=call.id, sequence=1, checklist_version_id=checklist.versions[0].id, auto={})
    evidence = [
        {"segment": 10 + i, "start": 30.0 + i, "end": 32.0 + i, "quote": quote, "note": "trigger"}
        for i, quote in enumerate(quotes)
    ]
    for position, (item_id, result) in enumerate(results.items()):
        auto, human = result if isinstance(result, tuple) else (result, None)
        card.items.append(
            ScorecardItem(
                call_id=call.id,
                position=position,
                item_id=item_id,
                title=item_id,
                skill="objection_handling",
                auto_result=ItemResult(auto),
                human_result=ItemResult(human) if human else None,
                evidence=evidence if position == 0 else [],
            )
        )
    db.session.add(card)
    db.session.flush()
    if current:
        call.current_scorecard_id = card.id
    db.session.flush()
    return call.id
