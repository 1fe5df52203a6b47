"""Exams: settings (pass mark, time limit, attempts, grading, when to show answers) and question rules."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Enum, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import utcnow
from app.extensions import db


class Grading(enum.StrEnum):
    """Which attempt stands for the exam result."""

    HIGHEST = "highest"
    LAST = "last"


class ShowAnswers(enum.StrEnum):
    """When a learner sees the correct answers and the feedback."""

    NEVER = "never"
    AFTER_SUBMIT = "after_submit"
    AFTER_PASS = "after_pass"


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(cls, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])


class Exam(db.Model):
    """An exam, usually a course's (``course_key``), drawn from the bank by its rules."""

    __tablename__ = "exams"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    pass_mark: Mapped[float] = mapped_column(Float, default=70)
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    max_attempts: Mapped[int | None] = mapped_column(Integer)
    grading: Mapped[Grading] = mapped_column(_enum(Grading), default=Grading.HIGHEST)
    show_answers: Mapped[ShowAnswers] = mapped_column(_enum(ShowAnswers), default=ShowAnswers.AFTER_SUBMIT)
    per_page: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    rules: Mapped[list[ExamRule]] = relationship(
        back_populates="exam", order_by="ExamRule.position", cascade="all, delete-orphan"
    )

    @property
    def question_count(self) -> int:
        """How many questions an attempt asks (as configured; a short pool may give fewer)."""
        return sum(rule.count for rule in self.rules)

    def __repr__(self) -> str:
        return f"<Exam {self.course_key or self.id}>"


class ExamRule(db.Model):
    """One line of the exam's question list: a fixed question (by key) or N random ones by category and/or tag."""

    __tablename__ = "exam_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exams.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    question_key: Mapped[str | None] = mapped_column(String(100))
    count: Mapped[int] = mapped_column(Integer, default=1)
    category: Mapped[str | None] = mapped_column(String(255))
    tag: Mapped[str | None] = mapped_column(String(64))
    subcategories: Mapped[bool] = mapped_column(Boolean, default=True)
    points: Mapped[float] = mapped_column(Float, default=1.0)

    exam: Mapped[Exam] = relationship(back_populates="rules")

    @property
    def is_fixed(self) -> bool:
        return self.question_key is not None
