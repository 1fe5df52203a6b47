"""Calls with scorecards, named by what decides the scorecard."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.factories._common import _seq
from tests.factories.checklists import MINI_CALL_ITEMS, cold_call_stub
from tests.factories.recordings import TRANSCRIPT, recording, wav_bytes


def item(item_id: str, auto: str = "pass", human: str | None = None, **fields: Any) -> dict[str, Any]:
    """A scorecard item's fields for ``scored_call``: the engine's verdict, a reviewer's one if any, the rest."""
    from app.calls.models import ItemResult

    return dict(
        item_id=item_id, auto_result=ItemResult(auto), human_result=ItemResult(human) if human else None, **fields
    )


def scored_call(
    manager_id: int,
    version: Any,
    items: list[dict[str, Any]] | None,
    *,
    call_date: date,
    client: str | None = "ООО Ромашка",
    score: float | None = None,
    status: str = "scored",
    unscorable: bool = False,
    current: bool = True,
    rec: Any = None,
    **call_fields: Any,
):  # type: ignore[no-untyped-def]
    """A call of ``manager_id`` on ``version``'s checklist with one scorecard of ``items`` (see ``item``); flushed.

    ``score`` is the card's auto score and, while the card is current, the call's final score. ``items=None``
    makes no scorecard; ``current=False`` leaves the card an old one (the call points to none). ``call_fields``
    go to the call row (team_id, duration, transcript, reviewed_at, ...). Returns the call.
    """
    from app.calls.models import Call, CallStatus, ItemResult, Scorecard, ScorecardItem
    from app.extensions import db

    call = Call(
        recording=rec if rec is not None else recording(),
        manager_id=manager_id,
        call_date=call_date,
        checklist_id=version.checklist_id,
        client_company=client,
        status=CallStatus(status),
        **call_fields,
    )
    db.session.add(call)
    db.session.flush()
    if items is None:
        return call
    card = Scorecard(
        call_id=call.id, sequence=1, checklist_version_id=version.id, auto={}, auto_score=score, unscorable=unscorable
    )
    card.items = [ScorecardItem(call_id=call.id, position=position, **fields) for position, fields in enumerate(items)]
    db.session.add(card)
    db.session.flush()
    if current:
        call.current_scorecard_id = card.id
        call.final_score = score
        call.critical_failed = any(
            i.critical and (i.human_result or i.auto_result) == ItemResult.FAIL for i in card.items
        )
        db.session.flush()
    return call


def checklist_call(
    manager: Any,
    version: Any,
    *,
    call_date: date,
    score: float | None = 80.0,
    results: dict[str, str] | None = None,
    human: dict[str, str] | None = None,
    status: str = "scored",
    reviewed: bool = False,
    client: str | None = None,
    transcript: dict[str, Any] | None = None,
    duration: float = 120.0,
    rec: Any = None,
):  # type: ignore[no-untyped-def]
    """A call of ``manager`` scored on every item of the published ``version``; flushed, returned.

    ``results``: item id -> the engine's verdict (the rest: pass for ``MINI_CALL_ITEMS``, else n/a); ``human``: item
    id -> a reviewer's verdict.
    A call whose ``status`` is not ``scored`` gets no scorecard.
    """
    from app.accounts.models import utcnow
    from app.calls.models import ItemResult
    from app.calls.scorecards import checklist_meta
    from app.quality.checklists import parsed_checklist

    items = None
    if status == "scored":
        results = results or {}
        human = human or {}
        items = []
        for item_id, info in checklist_meta(parsed_checklist(version)).items():
            weight = float(info["weight"] or 1)
            auto = results.get(item_id, "pass" if item_id in MINI_CALL_ITEMS else "na")
            items.append(
                item(
                    item_id, auto, human.get(item_id), title=info["title"], section=info["section"],
                    skill=info["skill"], weight=weight, critical=info["critical"],
                    auto_points=weight if ItemResult(auto) == ItemResult.PASS else 0.0,
                )
            )  # fmt: skip
    return scored_call(
        manager.id, version, items, call_date=call_date, client=client, score=score, status=status,
        rec=rec if rec is not None else recording(duration=duration), team_id=manager.team_id, duration=duration,
        transcript=transcript, reviewed_at=utcnow() if reviewed else None,
    )  # fmt: skip


def skills_call(
    manager_id: int,
    call_date: date,
    items: list[tuple],
    *,
    client: str = "ООО Ромашка",
    unscorable: bool = False,
    status: str = "scored",
) -> int:
    """A call with a current scorecard; items are ``(item_id, skill, auto_result[, human_result])``; commits."""
    from app.extensions import db

    rows = [item(i, auto, *human, title=f"Пункт {i}", skill=skill) for i, skill, auto, *human in items]
    call = scored_call(
        manager_id, cold_call_stub(), rows, call_date=call_date, client=client, score=50.0, status=status,
        unscorable=unscorable,
    )  # fmt: skip
    db.session.commit()
    return call.id


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
    evidence = [
        {"segment": 10 + i, "start": 30.0 + i, "end": 32.0 + i, "quote": quote, "note": "trigger"}
        for i, quote in enumerate(quotes)
    ]
    rows = [
        item(item_id, *(result if isinstance(result, tuple) else (result,)), title=item_id, skill="objection_handling")
        for item_id, result in results.items()
    ]
    if rows:
        rows[0]["evidence"] = evidence
    n = next(_seq)
    return scored_call(
        manager_id, cold_call_stub(), rows, call_date=call_date, client=f"ООО Клиент {n}", current=current
    ).id


def final_score_call(manager_id: int, call_date: date, score: float, checklist: Any, client: str = "ООО Ромашка"):  # type: ignore[no-untyped-def]
    """A call with final score ``score`` on ``checklist`` (a ``stub_checklist``) and two passed items, so a
    reviewer can override one; commits."""
    from app.extensions import db

    rows = [
        item("greeting", title="Приветствие", weight=1.0, auto_points=1.0),
        item("next_step", title="Следующий шаг", weight=1.0, auto_points=1.0),
    ]
    call = scored_call(
        manager_id, checklist.versions[0], rows, call_date=call_date, client=client, score=score,
        rec=recording(duration=60.0), scored_at=datetime.now(UTC),
    )  # fmt: skip
    db.session.commit()
    return call


def engine_call(manager_id: int, version: Any, transcript: dict[str, Any] | None = None, days_ago: int = 0):  # type: ignore[no-untyped-def]
    """A call scored by the real engine with ``version`` (``TRANSCRIPT`` unless given); flushed, returned."""
    from app.calls.models import Call, CallStatus
    from app.calls.processing import score_with
    from app.calls.scorecards import set_current_scorecard
    from app.extensions import db

    call = Call(
        recording=recording(duration=60.0),
        manager_id=manager_id,
        call_date=date(2026, 11, 20) - timedelta(days=days_ago),
        checklist_id=version.checklist_id,
        client_company="ООО Ромашка",
        status=CallStatus.SCORED,
        duration=60.0,
        transcript=transcript or TRANSCRIPT,
    )
    db.session.add(call)
    db.session.flush()
    set_current_scorecard(call, score_with(call, version))
    db.session.flush()
    return call


def intake_call(
    manager_id: int,
    checklist_id: int,
    *,
    sidecar: dict | None = None,
    freq: float = 440.0,
    uploaded_by=None,
    channels: int = 2,
    audio: bytes | None = None,
    call_date: date = date(2026, 11, 20),
    client: str = "ООО Ромашка",
):  # type: ignore[no-untyped-def]
    """A call uploaded through the intake service, ``sidecar`` its transcript; commits, returns its id.

    The recording is ``audio`` or a second of tone (``freq`` and ``channels`` change it).
    """
    from app.calls import intake
    from app.extensions import db

    data = intake.CallData(
        manager_id=manager_id,
        checklist_id=checklist_id,
        call_date=call_date,
        client_company=client,
        transcript=sidecar,
    )
    upload = intake.Upload("call.wav", io.BytesIO(audio or wav_bytes(freq=freq, channels=channels)))
    with intake.intake_batch() as batch:
        call = intake.intake_calls(batch, [upload], data, uploaded_by)[0]
        db.session.commit()
    return call.id
