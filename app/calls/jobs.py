"""Background jobs of the calls feature; enqueue as ``app.calls.jobs.process_call`` with a call id."""

from __future__ import annotations

import logging

from flask import current_app

from app.calls import processing
from app.jobs import enqueue, register_recovery

log = logging.getLogger(__name__)
PROCESS_CALL = "app.calls.jobs.process_call"


def process_call(call_id: int) -> str:
    """Transcribe and score one call (idempotent; resumes where an earlier run stopped)."""
    return processing.process(int(call_id))


def enqueue_processing(call_ids: list[int]) -> None:
    """Queue processing of calls; call after the rows are committed."""
    for call_id in call_ids:  # the job itself is idempotent, so a call queued twice is simply processed once
        enqueue(PROCESS_CALL, call_id)


@register_recovery
def recover_unfinished_calls() -> None:
    """At worker start: re-queue calls left uploaded, transcribing or scoring by a stopped worker.

    With RQ several workers may run at once, so only calls whose row has not moved for
    ``CALLS_STALE_SECONDS`` are taken over; the in-process worker is alone and takes all of them.
    """
    stale = current_app.config.get("CALLS_STALE_SECONDS", 300) if current_app.config.get("JOBS_MODE") == "rq" else None
    call_ids = processing.unfinished_call_ids(stale)
    if call_ids:
        log.info("re-queueing %d unfinished call(s): %s", len(call_ids), call_ids)
        enqueue_processing(call_ids)
