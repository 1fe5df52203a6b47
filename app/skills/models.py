"""Skills framework, supervisor ratings and development sheets (листы развития) with their skills and actions."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, Enum, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User, utcnow
from app.extensions import db
from app.skills.levels import LevelConfig, Method


def _enum(cls: type[enum.Enum], length: int = 16) -> Enum:
    return Enum(cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


class Skill(db.Model):
    """One skill of the framework (``key`` from the shared vocabulary) with five behavioural level descriptors."""

    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    levels: Mapped[list[str]] = mapped_column(JSON, default=list)  # descriptors of levels 1..5
    method: Mapped[Method] = mapped_column(_enum(Method), default=Method.DECAYING)
    half_life_days: Mapped[int] = mapped_column(Integer, default=30)
    n_times: Mapped[int] = mapped_column(Integer, default=3)
    weight_calls: Mapped[float] = mapped_column(Float, default=1.0)
    weight_exams: Mapped[float] = mapped_column(Float, default=1.0)
    weight_ratings: Mapped[float] = mapped_column(Float, default=1.0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    @property
    def config(self) -> LevelConfig:
        """The level method and parameters as plain data for :mod:`app.skills.levels`."""
        return LevelConfig(Method(self.method), float(self.half_life_days or 30), int(self.n_times or 1))

    def descriptor(self, level: int) -> str:
        """Behaviour descriptor of a whole level 1-5 (empty when not written)."""
        return self.levels[level - 1] if self.levels and 1 <= level <= len(self.levels) else ""

    def __repr__(self) -> str:
        return f"<Skill {self.key}>"


class SkillRating(db.Model):
    """A supervisor's rating of a person's skill (1-5) with a comment — one kind of evidence."""

    __tablename__ = "skill_ratings"
    __table_args__ = (
        CheckConstraint("level >= 1 AND level <= 5", name="level_range"),
        Index("ix_skill_ratings_user_skill", "user_id", "skill_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    rated_on: Mapped[date] = mapped_column(Date)
    rated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    skill: Mapped[Skill] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    rated_by: Mapped[User | None] = relationship(foreign_keys=[rated_by_id])


class SheetStatus(enum.StrEnum):
    """Life of a development sheet: the supervisor drafts, shares it with the employee, closes it at the end."""

    DRAFT = "draft"
    ACTIVE = "active"
    CLOSED = "closed"


class ActionKind(enum.StrEnum):
    """What a planned development action asks the employee to do."""

    COURSE = "course"
    LESSON = "lesson"
    EXAM = "exam"
    LIBRARY = "library"  # listen to library calls with a tag
    ROLE_PLAY = "role_play"
    SIT_IN = "sit_in"  # sit in on a colleague's calls
    OTHER = "other"


class ActionStatus(enum.StrEnum):
    """Progress of a planned action."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class DevelopmentSheet(db.Model):
    """A person's development sheet for a period: focus skills, planned actions, comments, acknowledgement."""

    __tablename__ = "development_sheets"
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="period_order"),
        Index("ix_development_sheets_user_period", "user_id", "period_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[SheetStatus] = mapped_column(_enum(SheetStatus), default=SheetStatus.DRAFT, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    # The call items failed most often in the analysed window when the sheet was drafted (a snapshot).
    focus_items: Mapped[list[dict]] = mapped_column(JSON, default=list)
    analysed_from: Mapped[date | None] = mapped_column(Date)
    analysed_to: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)  # content, not status
    shared_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closing_note: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
    skills: Mapped[list[SheetSkill]] = relationship(
        back_populates="sheet", order_by="SheetSkill.position", cascade="all, delete-orphan"
    )
    actions: Mapped[list[SheetAction]] = relationship(
        back_populates="sheet", order_by="(SheetAction.due_date, SheetAction.id)", cascade="all, delete-orphan"
    )
    comments: Mapped[list[SheetComment]] = relationship(
        back_populates="sheet", order_by="SheetComment.created_at", cascade="all, delete-orphan"
    )

    @property
    def is_closed(self) -> bool:
        return self.status == SheetStatus.CLOSED

    def __repr__(self) -> str:
        return f"<DevelopmentSheet {self.id} user={self.user_id} {self.period_start}..{self.period_end}>"


class SheetSkill(db.Model):
    """A focus skill on a sheet: the level when drafted and the target for the period."""

    __tablename__ = "development_sheet_skills"
    __table_args__ = (CheckConstraint("target_level >= 1 AND target_level <= 5", name="target_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("development_sheets.id", ondelete="CASCADE"), index=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    start_level: Mapped[float | None] = mapped_column(Float)
    target_level: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")

    sheet: Mapped[DevelopmentSheet] = relationship(back_populates="skills")
    skill: Mapped[Skill] = relationship()


class SheetAction(db.Model):
    """A planned action on a sheet (course, lesson, exam, library calls, role-play, sitting in, other)."""

    __tablename__ = "development_sheet_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("development_sheets.id", ondelete="CASCADE"), index=True)
    skill_id: Mapped[int | None] = mapped_column(ForeignKey("skills.id", ondelete="SET NULL"))
    kind: Mapped[ActionKind] = mapped_column(_enum(ActionKind))
    title: Mapped[str] = mapped_column(String(300))
    # What the action points at: a course key, lesson id, exam course key, library tag or colleague's user id.
    target_ref: Mapped[str | None] = mapped_column(String(120))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus), default=ActionStatus.PLANNED)
    comment: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    sheet: Mapped[DevelopmentSheet] = relationship(back_populates="actions")
    skill: Mapped[Skill | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES


class SheetComment(db.Model):
    """A remark on a sheet by the employee or a supervisor."""

    __tablename__ = "development_sheet_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("development_sheets.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    sheet: Mapped[DevelopmentSheet] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()
