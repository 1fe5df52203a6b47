"""Exams and graded attempts."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.factories._common import _seq


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
