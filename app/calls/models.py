"""Calls: recordings (content-addressed), calls, scorecards with per-item rows, comments, reviews, audit trail."""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Team, User, utcnow
from app.extensions import db


def _enum(cls: type[enum.Enum], length: int = 16) -> Enum:
    return Enum(cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


class CallStatus(enum.StrEnum):
    """Where a call is in processing."""

    UPLOADED = "uploaded"
    TRANSCRIBING = "transcribing"
    SCORING = "scoring"
    SCORED = "scored"
    FAILED = "failed"


UNFINISHED = (CallStatus.UPLOADED, CallStatus.TRANSCRIBING, CallStatus.SCORING)


class Direction(enum.StrEnum):
    """Who dialled."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"


class ManagerChannel(enum.StrEnum):
    """Which stereo channel carries the manager (mono: roles are inferred)."""

    LEFT = "left"
    RIGHT = "right"
    MONO = "mono"


class ItemResult(enum.StrEnum):
    """A checklist item's verdict."""

    PASS = "pass"
    FAIL = "fail"
    NA = "na"


class Recording(db.Model):
    """An audio file stored once by its SHA-256 under ``STORAGE_DIR/recordings/ab/cd/<sha256>.<ext>``."""

    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    extension: Mapped[str] = mapped_column(String(10))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    mime: Mapped[str] = mapped_column(String(80))
    container: Mapped[str] = mapped_column(String(60))
    codec: Mapped[str] = mapped_column(String(40))
    duration: Mapped[float | None] = mapped_column(Float)
    channels: Mapped[int] = mapped_column(Integer)
    sample_rate: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str | None] = mapped_column(String(255))  # display only, never used as a path
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def storage_key(self) -> str:
        """Path relative to ``STORAGE_DIR`` (derived from the hash, never from user input)."""
        return f"recordings/{self.sha256[:2]}/{self.sha256[2:4]}/{self.sha256}.{self.extension}"


class Call(db.Model):
    """One sales call of a manager: metadata, processing state, transcript, metrics and current score."""

    __tablename__ = "calls"
    __table_args__ = (
        UniqueConstraint("integration", "external_id", name="uq_calls_integration_external_id"),
        Index("ix_calls_manager_date", "manager_id", "call_date"),
        Index("ix_calls_team_date", "team_id", "call_date"),
        Index("ix_calls_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # None: the call came as a ready transcript (an integration or a supervisor); it then must have one.
    recording_id: Mapped[int | None] = mapped_column(ForeignKey("recordings.id", ondelete="RESTRICT"), index=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))  # team at the time
    call_date: Mapped[date] = mapped_column(Date, index=True)
    call_time: Mapped[time | None] = mapped_column(Time)
    direction: Mapped[Direction] = mapped_column(_enum(Direction), default=Direction.OUTBOUND)
    client_company: Mapped[str | None] = mapped_column(String(200))
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklists.id", ondelete="RESTRICT"), index=True)
    manager_channel: Mapped[ManagerChannel] = mapped_column(_enum(ManagerChannel), default=ManagerChannel.LEFT)
    integration: Mapped[str | None] = mapped_column(String(80))
    external_id: Mapped[str | None] = mapped_column(String(200))

    status: Mapped[CallStatus] = mapped_column(_enum(CallStatus), default=CallStatus.UPLOADED)
    stage: Mapped[str | None] = mapped_column(String(200))
    progress: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    duration: Mapped[float | None] = mapped_column(Float)
    # Transcript supplied with the upload (integrations that already have one skip speech recognition).
    # Large JSON columns load only when read, so lists of calls stay light.
    sidecar_transcript: Mapped[dict[str, Any] | None] = mapped_column(JSON, deferred=True)
    transcript: Mapped[dict[str, Any] | None] = mapped_column(JSON, deferred=True)
    metrics: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    current_scorecard_id: Mapped[int | None] = mapped_column(
        ForeignKey("scorecards.id", use_alter=True, ondelete="SET NULL")
    )
    final_score: Mapped[float | None] = mapped_column(Float, index=True)
    critical_failed: Mapped[bool] = mapped_column(Boolean, default=False)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    scored_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    recording: Mapped[Recording | None] = relationship()
    manager: Mapped[User] = relationship(foreign_keys=[manager_id])
    uploaded_by: Mapped[User | None] = relationship(foreign_keys=[uploaded_by_id])
    team: Mapped[Team | None] = relationship()
    checklist: Mapped[Any] = relationship("Checklist")
    current_scorecard: Mapped[Scorecard | None] = relationship(foreign_keys=[current_scorecard_id], post_update=True)
    scorecards: Mapped[list[Scorecard]] = relationship(
        back_populates="call",
        foreign_keys="Scorecard.call_id",
        order_by="Scorecard.sequence",
        cascade="all, delete-orphan",
    )
    comments: Mapped[list[CallComment]] = relationship(
        back_populates="call", order_by="CallComment.created_at", cascade="all, delete-orphan"
    )
    review: Mapped[Review | None] = relationship(back_populates="call", cascade="all, delete-orphan")

    @property
    def has_recording(self) -> bool:
        """Whether there is audio to play (calls sent as a ready transcript have none)."""
        return self.recording_id is not None

    @property
    def is_finished(self) -> bool:
        """Scored or failed: nothing more will happen without a person asking."""
        return self.status in (CallStatus.SCORED, CallStatus.FAILED)

    def __repr__(self) -> str:
        return f"<Call {self.id} {self.status}>"


class Scorecard(db.Model):
    """One scoring of a call with one checklist version; rescoring adds a new one and never edits old ones."""

    __tablename__ = "scorecards"
    __table_args__ = (UniqueConstraint("call_id", "sequence", name="uq_scorecards_call_sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int] = mapped_column(Integer, default=1)  # 1 = first scoring, 2.. = rescorings
    checklist_version_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_versions.id", ondelete="RESTRICT"), index=True
    )
    engine_version: Mapped[str | None] = mapped_column(String(80))
    asr_model: Mapped[str | None] = mapped_column(String(200))
    auto: Mapped[dict[str, Any]] = mapped_column(JSON, deferred=True)  # the engine's scorecard JSON, as produced
    auto_score: Mapped[float | None] = mapped_column(Float)
    auto_critical_failed: Mapped[bool] = mapped_column(Boolean, default=False)
    unscorable: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(String(40), default="initial")  # initial | rescore
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    call: Mapped[Call] = relationship(back_populates="scorecards", foreign_keys=[call_id])
    checklist_version: Mapped[Any] = relationship("ChecklistVersion")
    items: Mapped[list[ScorecardItem]] = relationship(
        back_populates="scorecard", order_by="ScorecardItem.position", cascade="all, delete-orphan"
    )


class ScorecardItem(db.Model):
    """One checklist item's verdict on one scorecard: automatic and (optionally) human."""

    __tablename__ = "scorecard_items"
    __table_args__ = (
        UniqueConstraint("scorecard_id", "item_id", name="uq_scorecard_items_scorecard_item"),
        Index("ix_scorecard_items_item_result", "item_id", "auto_result"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("scorecards.id", ondelete="CASCADE"), index=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    item_id: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(300))
    section: Mapped[str | None] = mapped_column(String(200))
    skill: Mapped[str | None] = mapped_column(String(40), index=True)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    critical: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_result: Mapped[ItemResult] = mapped_column(_enum(ItemResult, 8))
    auto_points: Mapped[float] = mapped_column(Float, default=0.0)
    confidence: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)  # the engine's explanation (e.g. why not applicable)
    human_result: Mapped[ItemResult | None] = mapped_column(_enum(ItemResult, 8))
    human_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    scorecard: Mapped[Scorecard] = relationship(back_populates="items")
    reviewed_by: Mapped[User | None] = relationship()

    @property
    def result(self) -> ItemResult:
        """The verdict in force: the human one when given, else the automatic one."""
        return self.human_result or self.auto_result

    @property
    def overridden(self) -> bool:
        """A person changed the automatic verdict."""
        return self.human_result is not None and self.human_result != self.auto_result


class CallComment(db.Model):
    """A reviewer's remark, optionally pinned to a moment of the recording."""

    __tablename__ = "call_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at_seconds: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    call: Mapped[Call] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()


class Review(db.Model):
    """A supervisor's finished review of a call (one per call; finalizing again updates it)."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), unique=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    scorecard_id: Mapped[int | None] = mapped_column(ForeignKey("scorecards.id", ondelete="SET NULL"))
    final_score: Mapped[float | None] = mapped_column(Float)
    summary: Mapped[str | None] = mapped_column(Text)
    finalized_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    call: Mapped[Call] = relationship(back_populates="review")
    reviewer: Mapped[User | None] = relationship()


class AuditEntry(db.Model):
    """Who changed what and when: ``object_type``/``object_id``.``field`` went from ``before`` to ``after``.

    ``scope_type``/``scope_id`` name the page-level object the change belongs to (a call for an item
    override), so a page lists its whole trail with one indexed query. Other features reuse it.
    """

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_scope", "scope_type", "scope_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    scope_type: Mapped[str] = mapped_column(String(40))
    scope_id: Mapped[int] = mapped_column(Integer)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(80))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    actor: Mapped[User | None] = relationship()
