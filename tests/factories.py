"""Test data for every test package: people, checklists, transcripts and recordings, calls with scorecards, exams,
motivation rows.

Builders that write rows run inside an app context and flush; the ones that commit say so. Builders of calls are
named by what decides the scorecard: ``scored_call`` (items given), ``checklist_call`` (every item of a published
version), ``skills_call``, ``objection_call``, ``final_score_call``, ``engine_call`` (the real engine) and
``intake_call`` (the upload service).
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import os
import wave
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CALLS_DIR = ROOT / "tests" / "data" / "calls"
# The speech pipeline commits its generated recordings here; the variable points elsewhere while it has not.
AUDIO = Path(os.environ.get("SALESDOJO_TEST_AUDIO_DIR") or ROOT / "tests" / "data" / "audio")
GOOD_CALL = "call01_strela_docs_gk_connects_good.json"

_seq = itertools.count(1)


# People ----------------------------------------------------------------------------------------------------------


def build_people(make_user, make_team) -> dict[str, Any]:
    """A supervisor with a team of two managers, another team with its supervisor and manager, an admin, a trainer.

    Keys: supervisor, team, anna, boris, other, other_supervisor, other_team, admin, trainer (detached rows).
    """
    supervisor = make_user(role="supervisor", full_name="Игорь Васильев")
    team = make_team("Корпоративные клиенты", supervisor)
    other_supervisor = make_user(role="supervisor")
    other_team = make_team("Интернет-магазины", other_supervisor)
    return {
        "supervisor": supervisor,
        "team": team,
        "anna": make_user(role="sales_manager", team=team, full_name="Анна Петрова", email="anna@example.test"),
        "boris": make_user(role="sales_manager", team=team, full_name="Борис Иванов", email="boris@example.test"),
        "other": make_user(role="sales_manager", team=other_team, email="other@example.test"),
        "other_supervisor": other_supervisor,
        "other_team": other_team,
        "admin": make_user(role="admin"),
        "trainer": make_user(role="trainer"),
    }


def build_world(make_user, make_team) -> dict[str, Any]:
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


def attach(obj):  # type: ignore[no-untyped-def]
    """The same row in the current session (fixtures hand out detached users)."""
    from app.extensions import db

    return db.session.merge(obj)


# Transcripts and recordings --------------------------------------------------------------------------------------


def transcript(name: str = GOOD_CALL) -> dict[str, Any]:
    """One of the evaluation transcripts in ``tests/data/calls`` as contract JSON."""
    return json.loads((CALLS_DIR / name).read_text(encoding="utf-8"))


TRANSCRIPT: dict[str, Any] = {
    "language": "ru",
    "duration": 60.0,
    "segments": [
        {
            "speaker": "manager",
            "start": 0.0,
            "end": 4.0,
            "text": "Добрый день, меня зовут Анна, компания СтрелаЭкспресс.",
        },
        {"speaker": "client", "start": 4.5, "end": 6.0, "text": "Здравствуйте, слушаю вас."},
        {
            "speaker": "manager",
            "start": 6.5,
            "end": 12.0,
            "text": "Сколько отправлений в день вы сейчас отправляете по городу?",
        },
        {
            "speaker": "client",
            "start": 12.5,
            "end": 16.0,
            "text": "Примерно тридцать посылок, возим сами на своей машине.",
        },
        {
            "speaker": "manager",
            "start": 16.5,
            "end": 22.0,
            "text": "Бывает ли, что посылки опаздывают к вашим клиентам?",
        },
        {"speaker": "client", "start": 22.5, "end": 27.0, "text": "Да, бывает, особенно в пятницу, клиенты жалуются."},
        {
            "speaker": "manager",
            "start": 27.5,
            "end": 35.0,
            "text": "Давайте созвонимся в четверг в десять, я расскажу про доставку в день заказа.",
        },
        {"speaker": "client", "start": 35.5, "end": 37.0, "text": "Хорошо, давайте в четверг."},
        {"speaker": "manager", "start": 37.5, "end": 40.0, "text": "Спасибо, всего доброго!"},
        {"speaker": "client", "start": 40.5, "end": 41.5, "text": "До свидания."},
    ],
}
"""A short call the mini checklist scores: greeting, a meeting agreed, a farewell."""

QUESTIONS = (
    "Сколько курьеров вам нужно в пиковые дни?",
    "Как часто вы отправляете документы контрагентам?",
    "Что происходит, если документы приходят с опозданием?",
    "Насколько для вас важна доставка до конца дня?",
    "Кто у вас отвечает за логистику интернет-магазина?",
    "Были ли случаи, когда посылку теряли?",
    "Во сколько обходится один потерянный заказ?",
    "Если бы курьер приезжал через час, это решило бы проблему?",
    "Какие склады вы сейчас используете?",
    "Сколько возвратов у вас бывает в неделю?",
    "Часто ли клиенты жалуются на сроки?",
    "Как задержки отражаются на повторных покупках?",
    "Что бы изменилось, если бы возвраты забирали на следующий день?",
    "Через какую систему вы принимаете заказы?",
    "Устраивает ли вас стоимость текущей доставки?",
    "Сколько времени менеджеры тратят на заявки курьерам?",
    "Было бы удобно видеть статус каждой посылки онлайн?",
    "В какие города вы чаще всего отправляете?",
    "Бывают ли ошибки при ручном вводе адресов?",
    "К чему приводят такие ошибки для вашего бизнеса?",
    "Насколько полезна была бы интеграция по API?",
    "Кто принимает решение о смене подрядчика?",
    "Какой объём наложенного платежа у вас в месяц?",
    "Сколько дней вы ждёте деньги от текущей службы?",
)


def question_transcript(questions: tuple[str, ...] = QUESTIONS) -> dict[str, Any]:
    """A call where the manager asks every question and the client answers briefly."""
    segments, t = [], 0.0
    segments.append({"speaker": "manager", "start": t, "end": t + 3, "text": "Добрый день, компания СтрелаЭкспресс."})
    t += 3.5
    segments.append({"speaker": "client", "start": t, "end": t + 2, "text": "Здравствуйте, слушаю вас внимательно."})
    for question in questions:
        t += 2.5
        segments.append({"speaker": "manager", "start": t, "end": t + 3, "text": question})
        t += 3.5
        segments.append(
            {"speaker": "client", "start": t, "end": t + 2, "text": "Ну, по-разному бывает, сложно сказать."}
        )
    return {"language": "ru", "duration": t + 3, "segments": segments}


def wav_bytes(seconds: float = 1.0, channels: int = 2, rate: int = 8000, freq: float = 440.0) -> bytes:
    """A short tone as 16-bit PCM WAV; ``freq`` changes the bytes (and so the hash)."""
    t = np.arange(int(seconds * rate)) / rate
    tone = (0.2 * np.sin(2 * np.pi * freq * t) * 32767).astype("<i2")
    frames = np.stack([tone] * channels, axis=1)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames.tobytes())
    return buffer.getvalue()


def recording(**fields: Any):  # type: ignore[no-untyped-def]
    """A recording row (no file behind it unless ``store_wav`` wrote one); ``fields`` override the defaults."""
    from app.calls.models import Recording

    values: dict[str, Any] = dict(
        sha256=hashlib.sha256(f"rec-{next(_seq)}".encode()).hexdigest(),
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
    rec = recording(sha256=hashlib.sha256(pcm).hexdigest(), duration=seconds, size_bytes=len(pcm) + 44)
    path = Path(storage_dir) / rec.storage_key
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
    return rec


def shortest_stereo_fixture() -> Path | None:
    """The shortest stereo recording the speech pipeline generated in ``tests/data/audio`` (None if absent)."""
    refs_path = AUDIO / "refs.json"
    if not refs_path.is_file():
        return None
    refs = json.loads(refs_path.read_text(encoding="utf-8"))
    stereo = [
        (refs.get("calls", {}).get(facts.get("call"), {}).get("duration", 1e9), name)
        for name, facts in refs.get("files", {}).items()
        if facts.get("layout") == "stereo" and facts.get("sample_rate") == 16000 and (AUDIO / name).is_file()
    ]
    return AUDIO / min(stereo)[1] if stereo else None


def speech_pipeline_missing() -> str | None:
    """Why the real-model tests cannot run here (no diarization module or no fixtures), or None."""
    try:
        import scoring.diarize  # noqa: F401
    except ModuleNotFoundError:
        return "scoring.diarize (the speech pipeline) is not in this checkout"
    if shortest_stereo_fixture() is None:
        return "no stereo fixture in tests/data/audio (run tools/audio/make_fixtures.py)"
    return None


# Checklists ------------------------------------------------------------------------------------------------------

MINI_YAML = """\
# Мини-чек-лист для тестов
id: mini
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
        detect:
          phrases: {speaker: manager, any: ["добрый день", "здравствуйте"]}
  - id: closing
    title: Закрытие
    items:
      - id: next_step
        title: Договорился о встрече
        weight: 3
        skill: closing
        detect:
          phrases: {speaker: manager, any: ["встреча"]}
      - id: farewell
        title: Попрощался
        weight: 1
        skill: closing
        detect:
          phrases: {speaker: manager, from_end: {turns: 2}, any: ["до свидания", "всего доброго"]}
"""
"""The trainer tools' checklist: three items, no critical one; ``TRANSCRIPT`` passes greet and farewell."""

MINI_CALL_YAML = """\
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
"""The call list's checklist: the same three items, the greeting critical, wider phrases."""
MINI_CALL_ITEMS = ("greet", "next_step", "farewell")

SPIN_YAML = """\
id: spin_mini
title: СПИН-мини
version: 1
sections:
  - id: spin
    title: СПИН
    items:
      - id: implication
        title: Извлекающий вопрос
        weight: 1
        skill: needs_discovery
        detect:
          classifier: {task: spin, label: implication, min_prob: 0.3}
      - id: greet
        title: Поздоровался
        weight: 1
        skill: opening
        detect:
          phrases: {speaker: manager, any: ["добрый день"]}
"""


def publish(yaml_text: str = MINI_YAML, source: str = "mini.yaml", note: str | None = None):  # type: ignore[no-untyped-def]
    """Publish a checklist version (flushed) and return it."""
    from app.quality.checklists import publish_yaml

    return publish_yaml(yaml_text, source=source, note=note)


def publish_cold_call():  # type: ignore[no-untyped-def]
    """Publish the shipped ``checklists/cold_call.yaml``, commit, and return the version."""
    from app.extensions import db
    from app.quality.checklists import CHECKLISTS_DIR

    version = publish((CHECKLISTS_DIR / "cold_call.yaml").read_text(encoding="utf-8"), "cold_call.yaml")
    db.session.commit()
    return version


def stub_checklist(key: str | None = None, title: str = "Тестовый чек-лист"):  # type: ignore[no-untyped-def]
    """A checklist with one published version and no real YAML (for calls whose scorecards are built as rows).

    With ``key`` the checklist of that key is reused (made the first time); without one a new key is made up.
    """
    from app.extensions import db
    from app.quality.models import Checklist, ChecklistVersion, VersionStatus

    if key is not None:
        found = db.session.scalar(db.select(Checklist).where(Checklist.key == key))
        if found is not None:
            return found
    row = Checklist(key=key or f"test_{next(_seq)}", title=title)
    row.versions.append(ChecklistVersion(number=1, status=VersionStatus.PUBLISHED, yaml_text="id: test"))
    db.session.add(row)
    db.session.flush()
    return row


def cold_call_stub():  # type: ignore[no-untyped-def]
    """The version of a stub checklist keyed ``cold_call`` (the key the skills and objection code look at)."""
    return stub_checklist("cold_call", "Холодный звонок").versions[0]


# Calls -----------------------------------------------------------------------------------------------------------


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


# Exams -----------------------------------------------------------------------------------------------------------


def exam(course_key: str = "product", title: str = "Экзамен по продукту"):  # type: ignore[no-untyped-def]
    """An exam with a pass mark of 70 (flushed)."""
    from app.exams.models import Exam
    from app.extensions import db

    row = Exam(course_key=course_key, title=title, pass_mark=70)
    db.session.add(row)
    db.session.flush()
    return row


def exam_attempt(user_id: int, exam_row, percent: float, graded_on: date, number: int | None = None):  # type: ignore[no-untyped-def]
    """A graded attempt at ``exam_row`` with ``percent``, at noon of ``graded_on``; commits."""
    from app.exams.models import AttemptStatus, ExamAttempt
    from app.extensions import db

    moment = datetime(graded_on.year, graded_on.month, graded_on.day, 12, tzinfo=UTC)
    row = ExamAttempt(
        exam_id=exam_row.id, user_id=user_id, number=number or next(_seq), status=AttemptStatus.GRADED,
        started_at=moment, submitted_at=moment, graded_at=moment, percent=percent,
        passed=percent >= exam_row.pass_mark, points=percent, max_points=100,
    )  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


def tagged_attempt(
    user_id: int,
    graded_on: date,
    questions: list[tuple[tuple[str, ...], float, float]],
    *,
    status: str = "graded",
    title: str = "Экзамен: работа с возражениями",
) -> int:
    """An attempt at a new exam with one slot per ``(tags, points, max_points)``; commits, returns the id."""
    from app.exams.models import (
        AttemptSlot,
        AttemptStatus,
        Exam,
        ExamAttempt,
        Question,
        QuestionCategory,
        QuestionTag,
        QuestionVersion,
    )
    from app.extensions import db

    n = next(_seq)
    category = db.session.scalar(db.select(QuestionCategory).where(QuestionCategory.path == "skills-test"))
    if category is None:
        category = QuestionCategory(path="skills-test", name="skills-test")
        db.session.add(category)
    exam_row = Exam(title=title, course_key=f"skills-course-{n}")
    attempt = ExamAttempt(
        exam=exam_row,
        user_id=user_id,
        number=1,
        status=AttemptStatus(status),
        graded_at=datetime.combine(graded_on, datetime.min.time(), tzinfo=UTC),
    )
    db.session.add_all([exam_row, attempt])
    for position, (tags, points, max_points) in enumerate(questions):
        question = Question(key=f"skills-q-{n}-{position}", category=category)
        version = QuestionVersion(question=question, number=1, qtype="multichoice", data={}, content_hash="0" * 64)
        question.tag_rows = [QuestionTag(tag=tag) for tag in tags]
        db.session.add_all([question, version])
        db.session.flush()
        attempt.slots.append(
            AttemptSlot(
                position=position, question_id=question.id, version_id=version.id, max_points=max_points, points=points
            )
        )
    db.session.commit()
    return attempt.id


# Motivation ------------------------------------------------------------------------------------------------------

SEEDS_TEXT = "< 80 → 0\n[80; 90) → 0.5\n[90; 100) → 0.8\n[100; 120) → 1\n≥ 120 → 1.2"


def manager_scheme(
    actor, *, team_id=None, valid_from: date, role: str | None = "sales_manager", gates=(), name: str = "Менеджеры"
):  # type: ignore[no-untyped-def]
    """Base 60 000, target 40 000: sales 50 % (steps), calls 25 % (linear, plan 80), product 15 %, CRM 10 % (manual);
    saved through the service, committed."""
    from app.extensions import db
    from app.motivation.schemes import KpiData, SchemeData, save_scheme

    data = SchemeData(
        name=name, role=role, team_id=team_id, valid_from=valid_from, valid_to=None,
        base_salary="60000", target_bonus="40000",
        kpis=[
            KpiData("План продаж", "sales", "50", formula="steps", bands=SEEDS_TEXT),
            KpiData("Качество звонков", "call_quality", "25", plan="80", formula="linear", cap="120"),
            KpiData("Знание продукта", "product_knowledge", "15", plan="100", formula="threshold", threshold="70",
                    cap="100", options={"course_key": "product", "mode": "best"}),
            KpiData("Порядок в CRM", "manual", "10", plan="100", formula="steps", bands="< 50 → 0\n≥ 50 → 1"),
        ],
        gates=list(gates),
    )  # fmt: skip
    scheme = save_scheme(None, data, actor)
    db.session.commit()
    return scheme


def sales_row(user_id: int, period: date, plan: str | None, fact: str | None, actor_id: int | None = None):  # type: ignore[no-untyped-def]
    """A month's sales plan and fact (strings, or None for not entered); commits."""
    from app.extensions import db
    from app.motivation.models import SalesRow

    row = SalesRow(user_id=user_id, period=period, plan=None if plan is None else Decimal(plan),
                   fact=None if fact is None else Decimal(fact), entered_by_id=actor_id)  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


# Classifier corpus -----------------------------------------------------------------------------------------------

TINY_CORPUS = {
    "spin": {
        "situation": [
            "Сколько отправлений в день вы отправляете?",
            "Кто у вас занимается доставкой?",
            "С какой курьерской службой вы работаете?",
            "Сколько у вас заказов в месяц?",
            "Как вы сейчас возите документы?",
            "Какие города вы обслуживаете?",
        ],
        "problem": [
            "Бывает ли, что курьер опаздывает?",
            "Что вас не устраивает в доставке?",
            "Случаются ли потери посылок?",
            "Есть ли жалобы от клиентов на сроки?",
            "Довольны ли вы скоростью доставки?",
            "Какие сложности бывают с курьерами?",
        ],
        "implication": [
            "К чему приводят эти опоздания?",
            "Во сколько вам обходится каждый возврат?",
            "Как это сказывается на ваших клиентах?",
            "Что происходит, когда посылка теряется?",
            "Сколько клиентов вы теряете из-за задержек?",
            "Как на это реагирует руководство?",
        ],
        "need_payoff": [
            "Если бы курьер приезжал за час, что бы это дало?",
            "Насколько важно доставлять в день заказа?",
            "Как бы изменилась работа с быстрой доставкой?",
            "Было бы полезно отслеживать посылки онлайн?",
            "Что вам даст доставка без опозданий?",
            "Если бы возвраты шли быстрее, это помогло бы?",
        ],
        "other": [
            "Удобно сейчас говорить?",
            "Когда вам удобно созвониться?",
            "Могу я прислать предложение на почту?",
            "Как вас зовут?",
            "Добрый день, вам удобно?",
            "Договоримся на четверг?",
        ],
    }
}


def write_tiny_corpus(directory: Path) -> Path:
    """Write ``spin.csv`` with a few rows per label (fast to train) and return the folder."""
    directory.mkdir(parents=True, exist_ok=True)
    for task, labels in TINY_CORPUS.items():
        with open(directory / f"{task}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["text", "label"])
            for label, texts in labels.items():
                for text in texts:
                    writer.writerow([text, label])
    return directory
