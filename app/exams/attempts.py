"""Attempt rules: start (draw questions, pin versions), autosave with server time, submit, deadline, grading."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.accounts.models import User
from app.core.domain import DomainError
from app.core.events import exam_attempt_graded
from app.core.numbers import format_number
from app.exams import bank, clock
from app.exams.grading import grade, is_answered, parse_response
from app.exams.models import (
    AttemptResponse,
    AttemptSlot,
    AttemptStatus,
    Exam,
    ExamAttempt,
    ExamRule,
    Question,
    QuestionCategory,
    QuestionTag,
)
from app.exams.results import SlotScore, attempt_total, is_pass
from app.exams.selection import pick_questions, shuffle_layout
from app.extensions import db

Fields = dict[str, list[str]]


class AttemptClosed(DomainError):
    """The attempt no longer takes answers (time is up or it was submitted)."""


def rule_pool(rule: ExamRule) -> list[Question]:
    """Questions a rule may draw from: the fixed one, or active ones of the category subtree and/or tag."""
    query = select(Question).where(Question.current_version_id.is_not(None))
    if rule.question_key is not None:
        return list(db.session.scalars(query.where(Question.key == rule.question_key)))
    query = query.where(Question.archived.is_(False))
    if rule.category:
        paths = bank.category_paths(rule.category, subtree=rule.subcategories)
        query = query.join(Question.category).where(QuestionCategory.path.in_(paths))
    if rule.tag:
        query = query.where(Question.tag_rows.any(QuestionTag.tag == rule.tag))
    return list(db.session.scalars(query.order_by(Question.key)))


def seen_counts(user_id: int, exclude_attempt_id: int | None = None) -> Counter[str]:
    """How many times the person met each question (by key) in earlier attempts of any exam."""
    query = (
        select(Question.key, func.count())
        .select_from(AttemptSlot)
        .join(AttemptSlot.attempt)
        .join(AttemptSlot.question)
        .where(ExamAttempt.user_id == user_id)
        .group_by(Question.key)
    )
    if exclude_attempt_id is not None:
        query = query.where(ExamAttempt.id != exclude_attempt_id)
    return Counter(dict(db.session.execute(query).all()))


def attempts_of(exam: Exam, user_id: int) -> list[ExamAttempt]:
    """A person's attempts at an exam, oldest first."""
    query = select(ExamAttempt).where(ExamAttempt.exam_id == exam.id, ExamAttempt.user_id == user_id)
    return list(db.session.scalars(query.order_by(ExamAttempt.number)))


def attempts_left(exam: Exam, user_id: int) -> int | None:
    """How many more attempts the person may start (None = unlimited)."""
    if exam.max_attempts is None:
        return None
    return max(0, exam.max_attempts - len(attempts_of(exam, user_id)))


def deadline_passed(attempt: ExamAttempt, now: datetime) -> bool:
    """True once the server time is past the attempt's deadline."""
    deadline = clock.aware(attempt.deadline_at)
    return deadline is not None and now > deadline


def remaining_seconds(attempt: ExamAttempt, now: datetime | None = None) -> int | None:
    """Seconds left before the deadline (0 when over); None without a time limit."""
    deadline = clock.aware(attempt.deadline_at)
    if deadline is None:
        return None
    return max(0, int((deadline - (now or clock.now())).total_seconds()))


def open_attempt(exam: Exam, user_id: int, now: datetime | None = None) -> ExamAttempt | None:
    """The person's unfinished attempt; one whose time ran out is closed and graded first."""
    now = now or clock.now()
    for attempt in attempts_of(exam, user_id):
        if attempt.status == AttemptStatus.IN_PROGRESS and not close_if_expired(attempt, now):
            return attempt
    return None


def _draw(exam: Exam, user: User, rng: random.Random) -> list[tuple[Question, float]]:
    seen = seen_counts(user.id)
    chosen: list[tuple[Question, float]] = []
    taken: set[str] = set()
    for rule in exam.rules:
        pool = {q.key: q for q in rule_pool(rule)}
        for key in pick_questions(list(pool), rule.count, seen, exclude=taken, rng=rng):
            chosen.append((pool[key], rule.points))
            taken.add(key)
    return chosen


def start_attempt(exam: Exam, user: User, now: datetime | None = None, rng: random.Random | None = None) -> ExamAttempt:
    """Resume the open attempt or start a new one: questions drawn, versions pinned, deadline fixed."""
    now = now or clock.now()
    current = open_attempt(exam, user.id, now)
    if current is not None:
        return current
    if not exam.active:
        raise DomainError(_("Экзамен сейчас закрыт."))
    if attempts_left(exam, user.id) == 0:
        raise DomainError(_("Попытки закончились: использованы все %(n)s.", n=exam.max_attempts))
    rng = rng or random.Random()
    drawn = _draw(exam, user, rng)
    if not drawn:
        raise DomainError(_("В экзамене пока нет вопросов: банк вопросов для него пуст."))
    attempt = ExamAttempt(
        exam=exam,
        user_id=user.id,
        number=len(attempts_of(exam, user.id)) + 1,
        started_at=now,
        deadline_at=now + timedelta(minutes=exam.time_limit_minutes) if exam.time_limit_minutes else None,
    )
    for position, (question, points) in enumerate(drawn, start=1):
        version = question.current_version
        assert version is not None  # rule_pool only returns questions with a version
        attempt.slots.append(
            AttemptSlot(
                position=position,
                question=question,
                version=version,
                max_points=points,
                layout=shuffle_layout(version.as_gift(), rng),
            )
        )
    db.session.add(attempt)
    db.session.flush()
    return attempt


def _slot(attempt: ExamAttempt, slot_id: int) -> AttemptSlot:
    for slot in attempt.slots:
        if slot.id == slot_id:
            return slot
    raise DomainError(_("В этой попытке нет такого вопроса."), "slot")


def _ensure_open(attempt: ExamAttempt, now: datetime) -> None:
    if attempt.status != AttemptStatus.IN_PROGRESS:
        raise AttemptClosed(_("Попытка уже завершена: ответы больше не принимаются."))
    if deadline_passed(attempt, now):
        raise AttemptClosed(_("Время вышло: ответы после окончания времени не принимаются."))


def save_response(attempt: ExamAttempt, slot_id: int, fields: Fields, now: datetime | None = None) -> Any:
    """Autosave one answer with the server's time; refused once the deadline has passed."""
    now = now or clock.now()
    _ensure_open(attempt, now)
    slot = _slot(attempt, slot_id)
    value = parse_response(slot.version.as_gift(), fields)
    slot.responses.append(AttemptResponse(value=value, saved_at=now))
    db.session.flush()
    return value


def _counted_response(slot: AttemptSlot, cutoff: datetime | None) -> Any:
    """The newest answer saved at or before the cutoff (the deadline); None when there is none."""
    valid = [r for r in slot.responses if cutoff is None or clock.aware(r.saved_at) <= cutoff]
    return valid[-1].value if valid else None


def submit_attempt(
    attempt: ExamAttempt, answers: dict[int, Fields] | None = None, now: datetime | None = None
) -> ExamAttempt:
    """Finish an attempt. In time: the submitted answers are saved first. Late: only answers saved in time count."""
    now = now or clock.now()
    if attempt.status != AttemptStatus.IN_PROGRESS:
        return attempt
    late = deadline_passed(attempt, now)
    if not late:
        for slot in attempt.slots:
            if answers and slot.id in answers:
                value = parse_response(slot.version.as_gift(), answers[slot.id])
                last = _counted_response(slot, None)
                if value != last or not slot.responses:
                    slot.responses.append(AttemptResponse(value=value, saved_at=now))
        db.session.flush()
    _finish(attempt, now, late)
    return attempt


def close_if_expired(attempt: ExamAttempt, now: datetime | None = None) -> bool:
    """Close an unfinished attempt whose time ran out, grading what was saved in time."""
    now = now or clock.now()
    if attempt.status != AttemptStatus.IN_PROGRESS or not deadline_passed(attempt, now):
        return False
    _finish(attempt, now, late=True)
    return True


def close_expired_attempts(now: datetime | None = None) -> int:
    """Close every attempt whose deadline passed without a submit; returns how many."""
    now = now or clock.now()
    query = select(ExamAttempt).where(
        ExamAttempt.status == AttemptStatus.IN_PROGRESS, ExamAttempt.deadline_at.is_not(None)
    )
    return sum(1 for attempt in db.session.scalars(query).all() if close_if_expired(attempt, now))


def _finish(attempt: ExamAttempt, now: datetime, late: bool) -> None:
    cutoff = clock.aware(attempt.deadline_at)
    for slot in attempt.slots:
        question = slot.version.as_gift()
        slot.response = _counted_response(slot, cutoff)
        fraction = grade(question, slot.response)
        if fraction is None and is_answered(question, slot.response):
            slot.needs_manual, slot.fraction, slot.points = True, None, None
            continue
        slot.fraction = fraction or 0.0
        slot.points = round(slot.fraction * slot.max_points, 4)
    attempt.submitted_at = now
    attempt.late = late
    recompute(attempt, now)


def recompute(attempt: ExamAttempt, now: datetime | None = None) -> None:
    """Totals and status from the slots; a fully graded attempt announces ``exam_attempt_graded``."""
    now = now or clock.now()
    total = attempt_total(SlotScore(s.max_points, s.points) for s in attempt.slots)
    attempt.points, attempt.max_points = total.points, total.max_points
    if total.pending:
        attempt.status, attempt.percent, attempt.passed = AttemptStatus.NEEDS_GRADING, None, None
        db.session.flush()
        return
    attempt.status, attempt.percent = AttemptStatus.GRADED, total.percent
    attempt.passed = is_pass(total.percent, attempt.exam.pass_mark)
    attempt.graded_at = now
    db.session.flush()
    exam_attempt_graded.send(
        current_app._get_current_object(),  # type: ignore[attr-defined]
        attempt_id=attempt.id,
        user_id=attempt.user_id,
        exam_id=attempt.exam_id,
        course_key=attempt.exam.course_key,
        passed=bool(attempt.passed),
        percent=float(attempt.percent or 0.0),
    )


def grade_manually(slot: AttemptSlot, points: float, comment: str, grader: User, now: datetime | None = None) -> None:
    """A trainer or the learner's supervisor marks an essay; the attempt is graded once nothing is pending."""
    if not slot.needs_manual:
        raise DomainError(_("Этот вопрос оценивается автоматически."), "points")
    if slot.attempt.status == AttemptStatus.IN_PROGRESS:
        raise DomainError(_("Попытка ещё не завершена."), "points")
    if not 0 <= points <= slot.max_points:
        raise DomainError(_("Оценка должна быть от 0 до %(max)s.", max=format_number(slot.max_points, 2)), "points")
    now = now or clock.now()
    slot.points, slot.fraction = round(points, 4), points / slot.max_points if slot.max_points else 0.0
    slot.comment, slot.graded_by_id, slot.graded_at = comment.strip(), grader.id, now
    recompute(slot.attempt, now)
