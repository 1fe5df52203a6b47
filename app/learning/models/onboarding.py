"""Onboarding: a template of dated steps and each new hire's personal plan built from it."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Enum, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User, utcnow
from app.extensions import db


def _enum(cls: type[enum.Enum], length: int = 16) -> Enum:
    return Enum(cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


class StepKind(enum.StrEnum):
    """How a step gets done: by itself (course, exam) or by people (manual, submission)."""

    MANUAL = "manual"  # the supervisor ticks it (after the new hire's «Ознакомлен(а)» when a signature is required)
    COURSE = "course"  # done when the course is completed
    EXAM = "exam"  # done when the course exam is passed
    SUBMISSION = "submission"  # the new hire submits a text, the supervisor attests it


class TaskStatus(enum.StrEnum):
    """Where a step of a personal plan stands."""

    OPEN = "open"
    SUBMITTED = "submitted"  # a submission waits for the supervisor's attestation
    DONE = "done"


class OnboardingTemplate(db.Model):
    """The onboarding program as imported from ``courses/onboarding.yaml``."""

    __tablename__ = "onboarding_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    steps: Mapped[list[OnboardingStep]] = relationship(
        back_populates="template", order_by="OnboardingStep.position", cascade="all, delete-orphan"
    )

    @property
    def active_steps(self) -> list[OnboardingStep]:
        """Steps still present in the template file."""
        return [step for step in self.steps if not step.retired]


class OnboardingStep(db.Model):
    """One step of the template, due ``due_day`` working days after the hire date (day 1 = first day)."""

    __tablename__ = "onboarding_steps"
    __table_args__ = (UniqueConstraint("template_id", "key", name="uq_onboarding_steps_template_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("onboarding_templates.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[StepKind] = mapped_column(_enum(StepKind), default=StepKind.MANUAL)
    course_key: Mapped[str | None] = mapped_column(String(80))
    due_day: Mapped[int] = mapped_column(Integer, default=1)
    requires_signature: Mapped[bool] = mapped_column(Boolean, default=False)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)

    template: Mapped[OnboardingTemplate] = relationship(back_populates="steps")


class OnboardingPlan(db.Model):
    """A person's onboarding plan: the template's steps with due dates counted from ``start_date``."""

    __tablename__ = "onboarding_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("onboarding_templates.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()
    template: Mapped[OnboardingTemplate] = relationship()
    tasks: Mapped[list[OnboardingTask]] = relationship(
        back_populates="plan", order_by="OnboardingTask.due_date", cascade="all, delete-orphan"
    )


class OnboardingTask(db.Model):
    """One step of a personal plan: due date, status, the new hire's submission or signature, who closed it."""

    __tablename__ = "onboarding_tasks"
    __table_args__ = (UniqueConstraint("plan_id", "step_id", name="uq_onboarding_tasks_plan_step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("onboarding_plans.id", ondelete="CASCADE"), index=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("onboarding_steps.id", ondelete="CASCADE"), index=True)
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[TaskStatus] = mapped_column(_enum(TaskStatus), default=TaskStatus.OPEN)
    submission_text: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    comment: Mapped[str | None] = mapped_column(String(1000))

    plan: Mapped[OnboardingPlan] = relationship(back_populates="tasks")
    step: Mapped[OnboardingStep] = relationship()
    completed_by: Mapped[User | None] = relationship(foreign_keys=[completed_by_id])

    @property
    def user_id(self) -> int:
        """The plan owner (permissions judge a task by its owner)."""
        return self.plan.user_id

    @property
    def done(self) -> bool:
        return self.status == TaskStatus.DONE

    @property
    def awaits_review(self) -> bool:
        """The new hire did their part (submitted the text, signed) and the supervisor has not ticked yet."""
        if self.done:
            return False
        if self.status == TaskStatus.SUBMITTED:
            return True
        return self.step.kind == StepKind.MANUAL and self.step.requires_signature and self.signed_at is not None
