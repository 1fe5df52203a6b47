"""Fixtures for the exams integration tests: a small tagged bank, exams built from config, a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]

BANK = """
$CATEGORY: sales/basics

// [id:b-1] [tag:needs_discovery]
::Тип::Какой это тип вопроса? {=Извлекающий ~Ситуационный ~Проблемный}

// [id:b-2] [tag:needs_discovery] [tag:closing]
::Следующий шаг::Верно ли, что звонок заканчивается договорённостью с датой? {T}

// [id:b-3] [tag:closing]
::Число::Сколько дней на ответ? {#3:1}

$CATEGORY: sales/basics/extra

// [id:b-4] [tag:closing]
::Короткий::Как называется следующий шаг? {=встреча =*встреч*}

$CATEGORY: sales/essays

// [id:b-5] [tag:needs_discovery]
::Эссе::Напишите два извлекающих вопроса. {####Ориентир\\: вопросы о последствиях.}
"""

RIGHT = {"b-1": {"": ["0"]}, "b-2": {"": ["true"]}, "b-3": {"": ["3"]}, "b-4": {"": ["встреча"]}}
WRONG = {"b-1": {"": ["1"]}, "b-2": {"": ["false"]}, "b-3": {"": ["10"]}, "b-4": {"": ["нет"]}}


def exam_config(**overrides):
    config = {
        "title": "Экзамен: основы",
        "pass_mark": 70,
        "time_limit_minutes": 20,
        "max_attempts": 3,
        "grading": "highest",
        "show_answers": "after_submit",
        "questions": [{"random": 4, "category": "sales/basics"}],
    }
    config.update(overrides)
    return config


@pytest.fixture
def clock(app):
    """A fake clock for the exams (no sleeps): ``clock.advance(minutes=…)``."""
    from app.exams.clock import FakeClock

    fake = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    app.config["EXAMS_CLOCK"] = fake
    yield fake
    app.config.pop("EXAMS_CLOCK", None)


@pytest.fixture
def basics(ctx):
    """The small bank imported as course ``basics`` with its exam; returns the exam."""
    from app.exams.importing import import_course_exam
    from app.exams.models import Exam
    from app.extensions import db

    report = import_course_exam("basics", BANK, exam_config(), source="test")
    db.session.commit()
    return db.session.get(Exam, report.exam_id)


@pytest.fixture
def learner(ctx, make_user):
    from app.accounts.models import User
    from app.extensions import db

    return db.session.get(User, make_user(role="new_hire").id)


@pytest.fixture
def graded_events(app):
    """Collect ``exam_attempt_graded`` payloads."""
    from app.core.events import exam_attempt_graded

    received: list[dict] = []

    def receiver(_sender, **payload):
        received.append(payload)

    exam_attempt_graded.connect(receiver)
    yield received
    exam_attempt_graded.disconnect(receiver)


def answers_for(attempt, table):
    """Form fields per slot id from a {question key: fields} table."""
    return {slot.id: table[slot.question.key] for slot in attempt.slots if slot.question.key in table}


def course_files(slug: str) -> tuple[str, dict]:
    folder = ROOT / "courses" / slug
    exam = yaml.safe_load((folder / "course.yaml").read_text(encoding="utf-8"))["exam"]
    return (folder / "questions.gift").read_text(encoding="utf-8"), exam
