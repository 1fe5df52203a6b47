"""Test data for the call list, stats, library and rescoring: a small checklist and scored calls built directly."""

from __future__ import annotations

import hashlib
import itertools
import json
import wave
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

MINI_YAML = """\
id: mini_call
title: Мини-чек-лист
version: 1
sections:
  - id: opening
    title: Начало
    items:
      - id: greet
        title: Поздоровался
        weight: 2
        skill: opening
        critical: true
        detect:
          phrases: {speaker: manager, any: ["добрый день", "здравствуйте"]}
  - id: closing
    title: Закрытие
    items:
      - id: next_step
        title: Договорился о следующем шаге
        weight: 3
        skill: closing
        detect:
          phrases: {speaker: manager, any: ["встреча", "созвонимся", "пришлю"]}
      - id: farewell
        title: Попрощался
        weight: 1
        skill: closing
        detect:
          phrases: {speaker: manager, any: ["до свидания", "всего доброго", "хорошего дня"]}
"""
ITEMS = ("greet", "next_step", "farewell")
CALLS_DIR = Path(__file__).resolve().parents[2] / "data" / "calls"
_seq = itertools.count(1)


def publish(yaml_text: str = MINI_YAML, note: str | None = None):  # type: ignore[no-untyped-def]
    """Publish a checklist version (flushed) and return it."""
    from app.quality.checklists import publish_yaml

    return publish_yaml(yaml_text, source="test.yaml", note=note)


def sample_transcript(name: str = "call01_strela_docs_gk_connects_good.json") -> dict[str, Any]:
    """A real transcript from the scoring test data."""
    return json.loads((CALLS_DIR / name).read_text(encoding="utf-8"))


def recording(**fields: Any):  # type: ignore[no-untyped-def]
    """A recording row (no file behind it unless ``store_wav`` wrote one)."""
    from app.calls.models import Recording

    n = next(_seq)
    values = dict(
        sha256=hashlib.sha256(f"rec-{n}".encode()).hexdigest(),
        extension="wav",
        size_bytes=1000,
        mime="audio/wav",
        container="wav",
        codec="pcm_s16le",
        duration=120.0,
        channels=2,
        sample_rate=16000,
    )
    values.update(fields)
    return Recording(**values)


def store_wav(storage_dir: str, seconds: float = 6.0, rate: int = 16000):  # type: ignore[no-untyped-def]
    """A real stereo WAV in the storage (a rising tone, so every fragment differs) and its recording row."""
    t = np.arange(int(seconds * rate)) / rate
    tone = (0.3 * np.sin(2 * np.pi * (200 + 40 * t) * t) * 32767).astype("<i2")
    pcm = np.stack([tone, tone // 2], axis=1).tobytes()
    digest = hashlib.sha256(pcm).hexdigest()
    rec = recording(sha256=digest, duration=seconds, size_bytes=len(pcm) + 44)
    path = Path(storage_dir) / rec.storage_key
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
    return rec


def make_call(
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
    """A call of ``manager`` with a current scorecard of ``version`` (``results``: item id -> auto verdict)."""
    from app.accounts.models import utcnow
    from app.calls.models import Call, CallStatus, ItemResult, Scorecard, ScorecardItem
    from app.calls.scorecards import checklist_meta
    from app.extensions import db
    from app.quality.checklists import parsed_checklist

    results = {item: "pass" for item in ITEMS} | (results or {})
    human = human or {}
    call = Call(
        recording=rec if rec is not None else recording(duration=duration),
        manager_id=manager.id,
        team_id=manager.team_id,
        call_date=call_date,
        checklist_id=version.checklist_id,
        client_company=client,
        status=CallStatus(status),
        duration=duration,
        transcript=transcript,
        reviewed_at=utcnow() if reviewed else None,
    )
    db.session.add(call)
    db.session.flush()
    if status != "scored":
        return call
    meta = checklist_meta(parsed_checklist(version))
    card = Scorecard(call_id=call.id, sequence=1, checklist_version_id=version.id, auto={}, auto_score=score)
    for position, (item_id, info) in enumerate(meta.items()):
        auto = ItemResult(results.get(item_id, "na"))
        card.items.append(
            ScorecardItem(
                call_id=call.id,
                position=position,
                item_id=item_id,
                title=info["title"],
                section=info["section"],
                skill=info["skill"],
                weight=float(info["weight"] or 1),
                critical=info["critical"],
                auto_result=auto,
                auto_points=float(info["weight"] or 1) if auto == ItemResult.PASS else 0.0,
                human_result=ItemResult(human[item_id]) if item_id in human else None,
            )
        )
    db.session.add(card)
    db.session.flush()
    call.current_scorecard_id = card.id
    call.final_score = score
    call.critical_failed = any(i.critical and (i.human_result or i.auto_result) == ItemResult.FAIL for i in card.items)
    db.session.flush()
    return call


def build_world(make_user, make_team) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Two teams with supervisors and managers, plus an admin, a trainer and a new hire (detached users)."""
    rop_a = make_user(role="supervisor", full_name="Руководитель Альфа")
    rop_b = make_user(role="supervisor", full_name="Руководитель Бета")
    team_a = make_team("Альфа", rop_a)
    team_b = make_team("Бета", rop_b)
    return {
        "rop_a": rop_a,
        "rop_b": rop_b,
        "team_a": team_a,
        "team_b": team_b,
        "anna": make_user(role="sales_manager", team=team_a, full_name="Анна Альфина"),
        "boris": make_user(role="sales_manager", team=team_a, full_name="Борис Альфин"),
        "vera": make_user(role="sales_manager", team=team_b, full_name="Вера Бетова"),
        "newbie": make_user(role="new_hire", team=team_b, full_name="Гоша Новиков"),
        "admin": make_user(role="admin", full_name="Админ Админов"),
        "trainer": make_user(role="trainer", full_name="Тренер Тренеров"),
    }
