"""Fixtures for the exams web tests: the small bank as a course exam, people, a fake clock."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from tests.integration.exams.conftest import BANK, exam_config


@pytest.fixture
def exam_id(app):
    """Import the small bank with its exam (4 random questions from sales/basics, 20 minutes)."""
    from app.exams.importing import import_course_exam
    from app.extensions import db

    with app.app_context():
        report = import_course_exam("basics", BANK, exam_config(), source="test")
        db.session.commit()
        return report.exam_id


@pytest.fixture
def essay_exam_id(app):
    """An exam of one essay (b-5) and one choice question (b-1)."""
    from app.exams.importing import import_course_exam
    from app.extensions import db

    with app.app_context():
        config = exam_config(questions=[{"question": "b-5"}, {"question": "b-1"}])
        report = import_course_exam("essays", BANK, config, source="test")
        db.session.commit()
        return report.exam_id


@pytest.fixture
def clock(app):
    from app.exams.clock import FakeClock

    fake = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    app.config["EXAMS_CLOCK"] = fake
    yield fake
    app.config.pop("EXAMS_CLOCK", None)


def start(client, exam_id: int) -> tuple[int, list[int]]:
    """Start an attempt through the page; returns the attempt id and the slot ids shown."""
    response = client.post(f"/exams/{exam_id}/start")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    attempt_id = int(response.location.rstrip("/").split("/")[-1])
    page = client.get(f"/exams/attempts/{attempt_id}").get_data(as_text=True)
    return attempt_id, [int(s) for s in re.findall(r'data-slot="(\d+)"', page)]


def slot_keys(app, attempt_id: int) -> dict[int, str]:
    from app.exams.models import ExamAttempt
    from app.extensions import db

    with app.app_context():
        attempt = db.session.get(ExamAttempt, attempt_id)
        return {slot.id: slot.question.key for slot in attempt.slots}
