"""Checklists and their versions: drafts are edited, published versions are immutable and scored with.

Also the "try it" preview runs (a draft scored over recent calls without writing scorecards). The learning
loop and calibration tables live in ``learning_models`` and ``calibration_models`` (imported at the end so
that ``app.models`` registers every quality table).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Enum, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User, utcnow
from app.extensions import db


def _enum(cls: type[enum.Enum], length: int = 16) -> Enum:
    return Enum(cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


class VersionStatus(enum.StrEnum):
    """Life cycle of a checklist version."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Checklist(db.Model):
    """A named checklist (``cold_call``, ``gatekeeper`` …); its content lives in versions."""

    __tablename__ = "checklists"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    versions: Mapped[list[ChecklistVersion]] = relationship(
        back_populates="checklist", order_by="ChecklistVersion.number", cascade="all, delete-orphan"
    )

    @property
    def published(self) -> ChecklistVersion | None:
        """The newest published version (what new calls are scored with)."""
        published = [v for v in self.versions if v.status == VersionStatus.PUBLISHED]
        return published[-1] if published else None

    @property
    def draft(self) -> ChecklistVersion | None:
        """The open draft, if any (at most one)."""
        drafts = [v for v in self.versions if v.status == VersionStatus.DRAFT]
        return drafts[-1] if drafts else None


class ChecklistVersion(db.Model):
    """One version of a checklist as YAML text; a scorecard names the version it was scored with."""

    __tablename__ = "checklist_versions"
    __table_args__ = (UniqueConstraint("checklist_id", "number", name="uq_checklist_versions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklists.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    # active_history: the guard below needs the old status even when the row was not loaded before the change
    status: Mapped[VersionStatus] = mapped_column(
        _enum(VersionStatus), default=VersionStatus.DRAFT, active_history=True
    )
    yaml_text: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(String(500))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The version a draft was started from (None for imports); the editor diffs against it.
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_versions.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    checklist: Mapped[Checklist] = relationship(back_populates="versions")
    created_by: Mapped[User | None] = relationship()
    based_on: Mapped[ChecklistVersion | None] = relationship(remote_side=[id])

    @property
    def label(self) -> str:
        """``cold_call v3``."""
        return f"{self.checklist.key} v{self.number}"

    @property
    def is_draft(self) -> bool:
        """Only drafts may change."""
        return self.status == VersionStatus.DRAFT


class ImmutableVersionError(RuntimeError):
    """Code tried to change the text of a published or archived checklist version."""


@event.listens_for(ChecklistVersion, "before_update")
def _guard_published(_mapper: Any, _connection: Any, version: ChecklistVersion) -> None:
    """Published versions are immutable: their text never changes and they never become drafts again."""
    state = sa_inspect(version)
    status_history = state.attrs.status.history
    old_status = status_history.deleted[0] if status_history.deleted else version.status
    if old_status == VersionStatus.DRAFT:
        return
    if state.attrs.yaml_text.history.has_changes():
        raise ImmutableVersionError(f"{version.label} is {old_status}: its text cannot change")
    if status_history.has_changes() and version.status == VersionStatus.DRAFT:
        raise ImmutableVersionError(f"{version.label} is {old_status}: it cannot become a draft again")


class RunStatus(enum.StrEnum):
    """Where a background run of the quality feature is."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class TryRun(db.Model):
    """A preview: a draft scored over the last N calls of its checklist; no scorecard is written."""

    __tablename__ = "checklist_try_runs"
    __table_args__ = (Index("ix_checklist_try_runs_version_created", "version_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("checklist_versions.id", ondelete="CASCADE"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    call_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus), default=RunStatus.QUEUED)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    # One row per call: call id, current score, draft score, delta, changed items.
    results: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    mean_delta: Mapped[float | None] = mapped_column(Float)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    version: Mapped[ChecklistVersion] = relationship()
    created_by: Mapped[User | None] = relationship()

    @property
    def progress(self) -> int:
        """Percent of the calls scored."""
        return 100 if not self.total else int(round(100 * self.done / self.total))

    @property
    def finished(self) -> bool:
        """Nothing more will happen to this run."""
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


# Feature tables that live in their own modules; imported here so the metadata sees them.
from app.quality import (  # noqa: E402,F401
    calibration_models,
    learning_models,
    objection_models,
    script_models,
)
