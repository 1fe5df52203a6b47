"""Learning fixtures: a small course folder tree and helpers to import it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.learning.course_tree import write_tree


@pytest.fixture(autouse=True)
def no_exams_feature(monkeypatch):
    """Keep these tests independent of the exams feature; tests that need it install a fake."""
    from app.learning import importer

    monkeypatch.setattr(importer, "_exams_module", lambda name: None)


@pytest.fixture
def real_exams_feature(monkeypatch):
    """Undo ``no_exams_feature``: the real exams importer, skipping the test where that feature is absent."""
    from app.learning import importer

    pytest.importorskip(importer.EXAMS_IMPORTING)
    monkeypatch.undo()


@pytest.fixture
def course_root(tmp_path) -> Path:
    return write_tree(tmp_path / "courses")


@pytest.fixture
def imported(ctx, course_root):
    """The test courses and onboarding template, imported and committed."""
    from app.extensions import db
    from app.learning.importer import import_courses

    report = import_courses(course_root)
    assert not report.errors, report.errors
    db.session.commit()
    return report


@pytest.fixture
def events():
    """Record the learning domain events sent during a test."""
    from app.core.events import course_completed, lesson_completed

    seen: list[tuple[str, dict]] = []

    def on_lesson(_sender, **payload):
        seen.append(("lesson", payload))

    def on_course(_sender, **payload):
        seen.append(("course", payload))

    lesson_completed.connect(on_lesson)
    course_completed.connect(on_course)
    yield seen
    lesson_completed.disconnect(on_lesson)
    course_completed.disconnect(on_course)
