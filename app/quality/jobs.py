"""Background jobs of the quality feature; each takes an id (or a task name) and records progress on its row."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from app.accounts.models import utcnow
from app.extensions import db
from app.jobs import enqueue, register_recovery
from app.quality.learning_models import ClassifierModel, LabellingQueue
from app.quality.models import RunStatus, TryRun

log = logging.getLogger(__name__)
UNFINISHED = (RunStatus.QUEUED, RunStatus.RUNNING)


def run_try_preview(run_id: int) -> str:
    """Score the last N calls with a draft (no scorecards written)."""
    from app.quality.tryit import run_preview

    return run_preview(int(run_id))


def refresh_labelling_queue(task: str) -> str:
    """Refill a task's labelling queue from the stored transcripts."""
    from app.quality.labelling import refresh_queue

    return refresh_queue(str(task))


def retrain_classifier(model_id: int) -> str:
    """Retrain a classifier and compare it with the one in use."""
    from app.quality.learning_loop import retrain

    return retrain(int(model_id))


def enqueue_preview(run: TryRun) -> None:
    """Queue a preview run (after the commit that stored it)."""
    enqueue("app.quality.jobs.run_try_preview", run.id, job_id=f"try-run-{run.id}")


def enqueue_refresh(task: str) -> None:
    """Queue a labelling queue refill (after commit)."""
    enqueue("app.quality.jobs.refresh_labelling_queue", task, job_id=f"labelling-{task}-{utcnow().timestamp():.0f}")


def enqueue_retrain(row: ClassifierModel) -> None:
    """Queue retraining (after commit)."""
    enqueue("app.quality.jobs.retrain_classifier", row.id, job_id=f"retrain-{row.id}")


@register_recovery
def recover_quality_jobs() -> None:
    """At worker start: queue again the previews, retrainings and queue refills a stopped worker left.

    With RQ only rows that have not moved for ``CALLS_STALE_SECONDS`` are taken over.
    """
    stale = None
    if current_app.config.get("JOBS_MODE") == "rq":
        stale = utcnow() - timedelta(seconds=current_app.config.get("CALLS_STALE_SECONDS", 300))
    for model, send in (
        (TryRun, lambda row: enqueue_preview(row)),
        (ClassifierModel, lambda row: enqueue_retrain(row)),
        (LabellingQueue, lambda row: enqueue_refresh(row.task)),
    ):
        query = select(model).where(model.status.in_(UNFINISHED))
        if stale is not None:
            query = query.where(model.updated_at < stale)
        for row in db.session.scalars(query):
            log.info("re-queueing %s %s", model.__tablename__, row.id)
            send(row)
