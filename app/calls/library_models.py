"""Tables of the call library (good/bad examples with tags) and of background rescoring runs."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Enum, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User, utcnow
from app.calls.models import Call, ScorecardItem
from app.extensions import db


def _enum(cls: type[enum.Enum], length: int = 16) -> Enum:
    return Enum(cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


class ExampleKind(enum.StrEnum):
    """Whether a library entry shows how to do it or how not to."""

    GOOD = "good"
    BAD = "bad"


class LibraryEntry(db.Model):
    """A call, or a fragment of it (``start``..``end`` seconds), marked as a training example."""

    __tablename__ = "library_entries"
    __table_args__ = (Index("ix_library_entries_kind_created", "kind", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ExampleKind] = mapped_column(_enum(ExampleKind, 8))
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    start: Mapped[float | None] = mapped_column(Float)  # None with end None: the whole call
    end: Mapped[float | None] = mapped_column(Float)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    call: Mapped[Call] = relationship()
    created_by: Mapped[User | None] = relationship()
    tags: Mapped[list[LibraryTag]] = relationship(
        back_populates="entry", order_by="LibraryTag.tag", cascade="all, delete-orphan"
    )

    @property
    def manager_id(self) -> int:
        """Judged by the call's manager (permissions)."""
        return self.call.manager_id

    @property
    def is_fragment(self) -> bool:
        """Marks a part of the call rather than the whole of it."""
        return self.start is not None and self.end is not None

    @property
    def tag_names(self) -> list[str]:
        """The entry's tags as plain strings."""
        return [t.tag for t in self.tags]


class LibraryTag(db.Model):
    """One tag of a library entry (browsing by tag is an indexed lookup)."""

    __tablename__ = "library_entry_tags"
    __table_args__ = (UniqueConstraint("entry_id", "tag", name="uq_library_entry_tags_entry_tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("library_entries.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(40), index=True)

    entry: Mapped[LibraryEntry] = relationship(back_populates="tags")


class RunStatus(enum.StrEnum):
    """Life cycle of a rescoring run."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class RescoreRun(db.Model):
    """Rescoring of a set of calls with the current published checklist versions; progress on the row."""

    __tablename__ = "rescore_runs"
    __table_args__ = (Index("ix_rescore_runs_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    checklist_id: Mapped[int | None] = mapped_column(ForeignKey("checklists.id", ondelete="SET NULL"))
    date_from: Mapped[date | None] = mapped_column(Date)
    date_to: Mapped[date | None] = mapped_column(Date)
    include_reviewed: Mapped[bool] = mapped_column(default=False)
    call_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus), default=RunStatus.QUEUED)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)  # calls handled (rescored, skipped or failed)
    rescored: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # call id -> why it was skipped/failed
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    created_by: Mapped[User | None] = relationship()
    checklist: Mapped[Any] = relationship("Checklist")

    @property
    def progress(self) -> int:
        """Percent of the calls handled."""
        return 100 if not self.total else int(round(100 * self.done / self.total))

    @property
    def finished(self) -> bool:
        """Nothing more will happen to this run."""
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


# Covering indexes for the call list and the stats (tools/bench_web.py): on SQLite a call row carries its
# transcript inline, so reading a column stored after it walks the overflow pages; these indexes answer the
# filters, the ordering and the count without touching the rows, and the "failed item" check from the index.
_LIST_COLUMNS = (
    Call.status,
    Call.final_score,
    Call.critical_failed,
    Call.reviewed_at,
    Call.current_scorecard_id,
    Call.duration,
)
_ORDER = (Call.call_date, Call.call_time, Call.id)
# One per column a list is usually narrowed by (none, manager, team, checklist); each covers every filter.
Index("ix_calls_list_by_date", *_ORDER, Call.manager_id, Call.team_id, Call.checklist_id, *_LIST_COLUMNS)
Index("ix_calls_list_by_manager", Call.manager_id, *_ORDER, Call.team_id, Call.checklist_id, *_LIST_COLUMNS)
Index("ix_calls_list_by_team", Call.team_id, *_ORDER, Call.manager_id, Call.checklist_id, *_LIST_COLUMNS)
Index("ix_calls_list_by_checklist", Call.checklist_id, *_ORDER, Call.manager_id, Call.team_id, *_LIST_COLUMNS)
Index(
    "ix_scorecard_items_verdicts",
    ScorecardItem.scorecard_id,
    ScorecardItem.item_id,
    ScorecardItem.human_result,
    ScorecardItem.auto_result,
)
