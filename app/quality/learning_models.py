"""Learning loop tables: training examples, the labelling queue and the classifier model versions."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User, utcnow
from app.extensions import db
from app.quality.models import RunStatus, _enum


class ExampleSource(enum.StrEnum):
    """Where a training example came from."""

    LABEL = "label"  # a person labelled the utterance in the queue
    OVERRIDE = "override"  # confirmed from a supervisor's override of a classifier-backed item


class CandidateStatus(enum.StrEnum):
    """State of an utterance offered for labelling."""

    OPEN = "open"
    LABELLED = "labelled"


class TrainingExample(db.Model):
    """One labelled utterance for a classifier task; the latest label of a text wins."""

    __tablename__ = "training_examples"
    __table_args__ = (UniqueConstraint("task", "text_key", name="uq_training_examples_task_text"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(String(20), index=True)
    text: Mapped[str] = mapped_column(Text)
    text_key: Mapped[str] = mapped_column(String(40))  # hash of the normalized text (duplicates collapse)
    label: Mapped[str] = mapped_column(String(40))
    source: Mapped[ExampleSource] = mapped_column(_enum(ExampleSource), default=ExampleSource.LABEL)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id", ondelete="SET NULL"), index=True)
    segment: Mapped[int | None] = mapped_column(Integer)
    scorecard_item_id: Mapped[int | None] = mapped_column(ForeignKey("scorecard_items.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    author: Mapped[User | None] = relationship()


class LabellingCandidate(db.Model):
    """An utterance from a stored transcript offered for labelling, with the model's guess and uncertainty."""

    __tablename__ = "labelling_candidates"
    __table_args__ = (
        UniqueConstraint("task", "text_key", name="uq_labelling_candidates_task_text"),
        Index("ix_labelling_candidates_queue", "task", "status", "priority", "skips", "margin"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(String(20))
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    segment: Mapped[int] = mapped_column(Integer)
    start: Mapped[float] = mapped_column(Float, default=0.0)
    text: Mapped[str] = mapped_column(Text)
    text_key: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(40))  # the model's most likely label
    prob: Mapped[float] = mapped_column(Float)  # its probability
    margin: Mapped[float] = mapped_column(Float)  # best minus second best: small = unsure
    probs: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    model_version: Mapped[str] = mapped_column(String(40))
    # 0 = a supervisor's override suggests this utterance (offered first); 1 = picked by uncertainty.
    priority: Mapped[int] = mapped_column(Integer, default=1)
    suggested_label: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)  # why it was suggested (the override's reason)
    scorecard_item_id: Mapped[int | None] = mapped_column(ForeignKey("scorecard_items.id", ondelete="SET NULL"))
    status: Mapped[CandidateStatus] = mapped_column(_enum(CandidateStatus), default=CandidateStatus.OPEN)
    skips: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LabellingQueue(db.Model):
    """The state of one task's queue: when it was last filled from the transcripts and with which model."""

    __tablename__ = "labelling_queues"

    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus), default=RunStatus.QUEUED)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    model_version: Mapped[str | None] = mapped_column(String(40))
    error: Mapped[str | None] = mapped_column(Text)
    refreshed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    @property
    def progress(self) -> int:
        """Percent of the calls read."""
        return 100 if not self.total else int(round(100 * self.done / self.total))

    @property
    def finished(self) -> bool:
        """Not being filled now."""
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class ClassifierModel(db.Model):
    """A trained classifier version for one task: its file, its metrics and whether it is the one in use."""

    __tablename__ = "classifier_models"
    __table_args__ = (Index("ix_classifier_models_task_active", "task", "active"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(String(20))
    version: Mapped[str | None] = mapped_column(String(40))  # examples hash (scoring.classifiers)
    file: Mapped[str | None] = mapped_column(String(300))  # relative to the instance folder, never user input
    baseline: Mapped[bool] = mapped_column(Boolean, default=False)  # trained on the shipped corpus only
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus), default=RunStatus.QUEUED)
    stage: Mapped[str | None] = mapped_column(String(200))
    progress: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    n_examples: Mapped[int] = mapped_column(Integer, default=0)
    n_db_examples: Mapped[int] = mapped_column(Integer, default=0)
    example_ids: Mapped[list[int]] = mapped_column(JSON, default=list)  # database examples it was trained on
    # {"folds", "n", "compared_with", "current": {...}, "new": {...}} — both on the same held-out examples.
    metrics: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    activated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    created_by: Mapped[User | None] = relationship()

    @property
    def finished(self) -> bool:
        """Training is over (done or failed)."""
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def usable(self) -> bool:
        """Trained and stored: may be activated."""
        return self.status == RunStatus.DONE and bool(self.file)
