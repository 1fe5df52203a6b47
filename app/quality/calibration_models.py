"""Calibration tables: several reviewers score the same call blind; their verdicts are compared."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User, utcnow
from app.extensions import db
from app.quality.models import _enum


class SessionStatus(enum.StrEnum):
    """Open sessions take verdicts; closed ones are read only."""

    OPEN = "open"
    CLOSED = "closed"


class CalibrationSession(db.Model):
    """One call scored blind by invited reviewers; compared with each other and the automatic verdict."""

    __tablename__ = "calibration_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    scorecard_id: Mapped[int | None] = mapped_column(ForeignKey("scorecards.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[SessionStatus] = mapped_column(_enum(SessionStatus, 8), default=SessionStatus.OPEN)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    created_by: Mapped[User | None] = relationship()
    call = relationship("Call")
    scorecard = relationship("Scorecard")
    reviewers: Mapped[list[CalibrationReviewer]] = relationship(
        back_populates="session", order_by="CalibrationReviewer.id", cascade="all, delete-orphan"
    )

    def reviewer_for(self, user_id: int) -> CalibrationReviewer | None:
        """The invitation of a user, if any."""
        return next((r for r in self.reviewers if r.user_id == user_id), None)

    @property
    def submitted(self) -> list[CalibrationReviewer]:
        """Reviewers who have handed in their verdicts."""
        return [r for r in self.reviewers if r.submitted_at is not None]


class CalibrationReviewer(db.Model):
    """An invited reviewer; ``submitted_at`` is set when their verdicts are final."""

    __tablename__ = "calibration_reviewers"
    __table_args__ = (UniqueConstraint("session_id", "user_id", name="uq_calibration_reviewers_session_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("calibration_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    session: Mapped[CalibrationSession] = relationship(back_populates="reviewers")
    user: Mapped[User] = relationship()
    verdicts: Mapped[list[CalibrationVerdict]] = relationship(
        back_populates="reviewer", order_by="CalibrationVerdict.id", cascade="all, delete-orphan"
    )

    def verdict_map(self) -> dict[str, str]:
        """Item id -> pass | fail | na."""
        return {v.item_id: v.result for v in self.verdicts}


class CalibrationVerdict(db.Model):
    """One reviewer's verdict on one checklist item."""

    __tablename__ = "calibration_verdicts"
    __table_args__ = (UniqueConstraint("reviewer_id", "item_id", name="uq_calibration_verdicts_reviewer_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("calibration_reviewers.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(80))
    result: Mapped[str] = mapped_column(String(8))  # pass | fail | na
    comment: Mapped[str | None] = mapped_column(Text)

    reviewer: Mapped[CalibrationReviewer] = relationship(back_populates="verdicts")
