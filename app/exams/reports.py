"""Read-side services: my exams with status, exam results by highest/last, sub-scores, team matrix, queues."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from app.accounts.models import User
from app.accounts.permissions import can, visible_user_ids
from app.exams import attempts as attempt_rules
from app.exams import clock
from app.exams.models import AttemptSlot, AttemptStatus, Exam, ExamAttempt, ShowAnswers
from app.exams.results import AttemptOutcome, SlotScore, SubScore, is_pass, pick_result, tag_subscores
from app.extensions import db


@dataclass
class ExamStanding:
    """Where a person stands on an exam: attempts, the open one, the result that counts."""

    exam: Exam
    attempts: list[ExamAttempt] = field(default_factory=list)
    open: ExamAttempt | None = None
    result: ExamAttempt | None = None
    best: float | None = None
    attempts_left: int | None = None

    @property
    def passed(self) -> bool:
        return self.result is not None and is_pass(self.result.percent, self.exam.pass_mark)

    @property
    def pending(self) -> bool:
        return any(a.status == AttemptStatus.NEEDS_GRADING for a in self.attempts)

    @property
    def status(self) -> str:
        """``in_progress``, ``passed``, ``pending`` (essay being graded), ``failed``, ``exhausted`` or ``new``."""
        if self.open is not None:
            return "in_progress"
        if self.passed:
            return "passed"
        if self.pending:
            return "pending"
        if self.attempts_left == 0:
            return "exhausted"
        return "failed" if self.result is not None else "new"

    @property
    def can_start(self) -> bool:
        return self.open is None and self.exam.active and self.attempts_left != 0


def _outcome(attempt: ExamAttempt) -> AttemptOutcome:
    return AttemptOutcome(attempt.id, attempt.number, attempt.percent, attempt.graded_at)


def standing(exam: Exam, user_id: int, now: datetime | None = None, close_expired: bool = True) -> ExamStanding:
    """A person's standing on one exam (expired open attempts are closed on the way when allowed)."""
    now = now or clock.now()
    open_attempt = attempt_rules.open_attempt(exam, user_id, now) if close_expired else None
    attempts = attempt_rules.attempts_of(exam, user_id)
    if not close_expired:
        open_attempt = next((a for a in attempts if a.status == AttemptStatus.IN_PROGRESS), None)
    picked = pick_result([_outcome(a) for a in attempts if a.status == AttemptStatus.GRADED], exam.grading)
    result = next((a for a in attempts if picked is not None and a.id == picked.attempt_id), None)
    graded = [a.percent for a in attempts if a.percent is not None]
    left = None if exam.max_attempts is None else max(0, exam.max_attempts - len(attempts))
    return ExamStanding(exam, attempts, open_attempt, result, max(graded) if graded else None, left)


def active_exams() -> list[Exam]:
    """Exams open to learners, in the order they were set up."""
    return list(db.session.scalars(select(Exam).where(Exam.active.is_(True)).order_by(Exam.id)))


def my_standings(user: User, now: datetime | None = None, close_expired: bool = True) -> list[ExamStanding]:
    """Every active exam with the person's standing."""
    return [standing(exam, user.id, now, close_expired) for exam in active_exams()]


def exam_skills(exam: Exam) -> list[str]:
    """The skill tags an exam can ask about (tags of the questions its rules draw from)."""
    tags = {tag for rule in exam.rules for question in attempt_rules.rule_pool(rule) for tag in question.tags}
    return sorted(tags)


def subscores(attempt: ExamAttempt) -> list[SubScore]:
    """Per-skill sub-scores of an attempt, from the tags of the pinned question versions."""
    return tag_subscores(
        SlotScore(s.max_points, s.points, tuple(s.version.data.get("tags", ()))) for s in attempt.slots
    )


def answers_visible(attempt: ExamAttempt, viewer: User) -> bool:
    """May the viewer see correct answers and feedback: staff always, the learner per the exam's setting."""
    if viewer.id != attempt.user_id and (can(viewer, "review", attempt) or can(viewer, "edit_content")):
        return True
    if attempt.status == AttemptStatus.IN_PROGRESS:
        return False
    setting = ShowAnswers(attempt.exam.show_answers)
    if setting == ShowAnswers.AFTER_SUBMIT:
        return True
    if setting == ShowAnswers.AFTER_PASS:
        return standing(attempt.exam, attempt.user_id, close_expired=False).passed
    return False


@dataclass(frozen=True)
class ExamOverview:
    """An exam's numbers for staff over the people they may see."""

    exam: Exam
    people: int
    attempts: int
    passed_people: int
    average: float | None
    pending: int


def exam_overviews(viewer: User) -> list[ExamOverview]:
    """Per exam: how many people tried, passed, the mean result and essays waiting, over visible people."""
    visible = visible_user_ids(viewer)
    rows = []
    for exam in active_exams():
        query = select(ExamAttempt).where(ExamAttempt.exam_id == exam.id)
        if visible is not None:
            query = query.where(ExamAttempt.user_id.in_(visible))
        attempts = list(db.session.scalars(query))
        people = {a.user_id for a in attempts}
        standings = [standing(exam, uid, close_expired=False) for uid in people]
        results = [s.result.percent for s in standings if s.result is not None and s.result.percent is not None]
        rows.append(
            ExamOverview(
                exam,
                len(people),
                len(attempts),
                sum(1 for s in standings if s.passed),
                round(sum(results) / len(results), 1) if results else None,
                sum(1 for a in attempts if a.status == AttemptStatus.NEEDS_GRADING),
            )
        )
    return rows


def team_matrix(viewer: User) -> tuple[list[User], list[Exam], dict[tuple[int, int], ExamStanding]]:
    """Learners the viewer may see × active exams -> standing (for the supervisor's Monday look)."""
    from app.accounts.permissions import LEARNERS

    visible = visible_user_ids(viewer)
    query = select(User).where(User.active.is_(True), User.role.in_(list(LEARNERS))).order_by(User.full_name)
    if visible is not None:
        query = query.where(User.id.in_(visible))
    people = list(db.session.scalars(query))
    exams = active_exams()
    cells = {(p.id, e.id): standing(e, p.id, close_expired=False) for p in people for e in exams}
    return people, exams, cells


def can_grade(viewer: User, attempt: ExamAttempt) -> bool:
    """Trainers (and admins) grade every essay; a supervisor grades the essays of their team."""
    return can(viewer, "edit_content") or can(viewer, "review", attempt)


def grading_queue(viewer: User) -> list[AttemptSlot]:
    """Essays waiting for a grade that the viewer may grade, oldest first."""
    query = (
        select(AttemptSlot)
        .join(AttemptSlot.attempt)
        .where(
            AttemptSlot.needs_manual.is_(True),
            AttemptSlot.graded_at.is_(None),
            ExamAttempt.status == AttemptStatus.NEEDS_GRADING,
        )
        .order_by(ExamAttempt.submitted_at, AttemptSlot.position)
    )
    return [slot for slot in db.session.scalars(query) if can_grade(viewer, slot.attempt)]


def visible_attempts(exam: Exam, viewer: User) -> list[ExamAttempt]:
    """Finished and running attempts at an exam by the people the viewer may see, newest first."""
    query = select(ExamAttempt).where(ExamAttempt.exam_id == exam.id)
    visible = visible_user_ids(viewer)
    if visible is not None:
        query = query.where(ExamAttempt.user_id.in_(visible))
    return list(db.session.scalars(query.order_by(ExamAttempt.started_at.desc())))
