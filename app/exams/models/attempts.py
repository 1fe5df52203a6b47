"""Attempts: the questions each drew (pinned versions), every saved answer with its time, and the grades."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Enum, Float, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User, utcnow
from app.exams.models.bank import Question, QuestionVersion
from app.exams.models.exams import Exam
from app.extensions import db


class AttemptStatus(enum.StrEnum):
    """Life cycle of an attempt."""

    IN_PROGRESS = "in_progress"
    NEEDS_GRADING = "needs_grading"  # submitted; an essay waits for a person
    GRADED = "graded"


class ExamAttempt(db.Model):
    """One person's attempt at an exam; the deadline is fixed when it starts."""

    __tablename__ = "exam_attempts"
    __table_args__ = (UniqueConstraint("exam_id", "user_id", "number", name="uq_exam_attempts_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exams.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[AttemptStatus] = mapped_column(
        Enum(AttemptStatus, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        default=AttemptStatus.IN_PROGRESS,
    )
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    deadline_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    graded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    points: Mapped[float | None] = mapped_column(Float)
    max_points: Mapped[float] = mapped_column(Float, default=0)
    percent: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)

    exam: Mapped[Exam] = relationship()
    user: Mapped[User] = relationship()
    slots: Mapped[list[AttemptSlot]] = relationship(
        back_populates="attempt", order_by="AttemptSlot.position", cascade="all, delete-orphan"
    )

    @property
    def finished(self) -> bool:
        return self.status != AttemptStatus.IN_PROGRESS


class AttemptSlot(db.Model):
    """A question as drawn into an attempt: the pinned version, its mark, presentation and grade."""

    __tablename__ = "exam_attempt_slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("exam_attempts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[int] = mapped_column(ForeignKey("exam_questions.id", ondelete="RESTRICT"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("exam_question_versions.id", ondelete="RESTRICT"))
    max_points: Mapped[float] = mapped_column(Float, default=1.0)
    layout: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    response: Mapped[Any | None] = mapped_column(JSON)  # the answer that counted (set when the attempt ends)
    fraction: Mapped[float | None] = mapped_column(Float)
    points: Mapped[float | None] = mapped_column(Float)
    needs_manual: Mapped[bool] = mapped_column(Boolean, default=False)
    graded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    graded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    comment: Mapped[str] = mapped_column(Text, default="")

    attempt: Mapped[ExamAttempt] = relationship(back_populates="slots")
    question: Mapped[Question] = relationship()
    version: Mapped[QuestionVersion] = relationship()
    graded_by: Mapped[User | None] = relationship()
    responses: Mapped[list[AttemptResponse]] = relationship(
        back_populates="slot", order_by="AttemptResponse.id", cascade="all, delete-orphan"
    )

    @property
    def user_id(self) -> int:
        """The learner (permissions judge a slot by its attempt's owner)."""
        return self.attempt.user_id


class AttemptResponse(db.Model):
    """An answer as saved during the attempt, with the server time it arrived (append-only)."""

    __tablename__ = "exam_attempt_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("exam_attempt_slots.id", ondelete="CASCADE"), index=True)
    value: Mapped[Any | None] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    slot: Mapped[AttemptSlot] = relationship(back_populates="responses")
