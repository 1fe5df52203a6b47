"""Test data for the trainer tools: a small checklist, a transcript it scores, calls scored with the real engine."""

from __future__ import annotations

import csv
import hashlib
import itertools
from datetime import date, timedelta
from pathlib import Path
from typing import Any

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

_seq = itertools.count(1)


def publish_mini(yaml_text: str = MINI_YAML):  # type: ignore[no-untyped-def]
    """Publish the mini checklist (flushed) and return the version."""
    from app.quality.checklists import publish_yaml

    return publish_yaml(yaml_text, source="mini.yaml")


def recording():  # type: ignore[no-untyped-def]
    """A recording row with no file behind it."""
    from app.calls.models import Recording

    n = next(_seq)
    return Recording(
        sha256=hashlib.sha256(f"quality-rec-{n}".encode()).hexdigest(),
        extension="wav",
        size_bytes=1000,
        mime="audio/wav",
        container="wav",
        codec="pcm_s16le",
        duration=60.0,
        channels=2,
        sample_rate=16000,
    )


def scored_call(manager_id: int, version: Any, transcript: dict[str, Any] | None = None, days_ago: int = 0):  # type: ignore[no-untyped-def]
    """A call scored by the real engine with ``version`` (flushed); returns the call."""
    from app.calls.models import Call, CallStatus
    from app.calls.processing import score_with
    from app.calls.scorecards import set_current_scorecard
    from app.extensions import db

    call = Call(
        recording=recording(),
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
