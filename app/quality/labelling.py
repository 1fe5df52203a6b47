"""The labelling queue: utterances from stored transcripts the classifier is least sure about, and the
utterances behind supervisors' overrides of classifier-backed items, labelled one at a time.

A refresh job reads the transcripts of recent calls with the model in use and stores every utterance a task
reads (unlabelled ones) with its best label, probability and margin (best minus second best). The queue
offers override suggestions first, then the smallest margin (or lowest probability). A label becomes a
``TrainingExample``; the latest label of a text wins. Services flush; views and jobs commit.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from app.accounts.models import User, utcnow
from app.calls.models import Call, CallStatus, Scorecard
from app.core.domain import DomainError
from app.core.events import call_reviewed
from app.extensions import db
from app.quality.learning_loop import active_classifiers, check_task, text_key
from app.quality.learning_models import (
    CandidateStatus,
    ExampleSource,
    LabellingCandidate,
    LabellingQueue,
    TrainingExample,
)
from app.quality.models import RunStatus
from scoring.classifiers import TASK_LABELS, ClassifierError, get_classifier
from scoring.context import Prediction, ScoringContext
from scoring.transcript import TranscriptError, load_transcript

log = logging.getLogger(__name__)
REFRESH_JOB = "app.quality.jobs.refresh_labelling_queue"
ORDERS = ("margin", "prob")


def classifier_for(task: str):  # type: ignore[no-untyped-def]
    """The classifier in use for a task."""
    return active_classifiers().get(task) or get_classifier(task)


def predictions(transcript: dict[str, Any], task: str, classifier: Any) -> list[Prediction]:
    """The task's predictions for every utterance it reads in a transcript (empty when unreadable)."""
    try:
        return ScoringContext(load_transcript(transcript), {task: classifier}).predictions(task)
    except (TranscriptError, ClassifierError, ValueError) as error:
        log.warning("cannot read transcript for labelling: %s", error)
        return []


def margin_of(probs: dict[str, float]) -> float:
    """Best minus second-best probability (0 = torn between two labels)."""
    top = sorted(probs.values(), reverse=True)
    return top[0] - (top[1] if len(top) > 1 else 0.0)


def queue_state(task: str) -> LabellingQueue:
    """The task's queue row (created on first use)."""
    row = db.session.scalar(select(LabellingQueue).where(LabellingQueue.task == task))
    if row is None:
        row = LabellingQueue(task=task, status=RunStatus.DONE, total=0, done=0)
        db.session.add(row)
        db.session.flush()
    return row


def request_refresh(task: str) -> LabellingQueue | None:
    """Mark a task's queue for refilling; None when a refill is already under way."""
    state = queue_state(check_task(task))
    if state.status in (RunStatus.QUEUED, RunStatus.RUNNING):
        return None
    state.status, state.error, state.done, state.total = RunStatus.QUEUED, None, 0, 0
    db.session.flush()
    return state


def _labelled_keys(task: str) -> set[str]:
    return set(db.session.scalars(select(TrainingExample.text_key).where(TrainingExample.task == task)))


def refresh_queue(task: str) -> str:
    """Job body: refill the task's queue from recent transcripts with the model in use (commits per call)."""
    state = queue_state(task)
    limit = int(current_app.config.get("QUALITY_QUEUE_CALLS", 200))
    call_ids = list(
        db.session.scalars(
            select(Call.id)
            .where(Call.status == CallStatus.SCORED)
            .order_by(Call.call_date.desc(), Call.id.desc())
            .limit(limit)
        )
    )
    try:
        classifier = classifier_for(task)
        state.status, state.total, state.done, state.model_version = (
            RunStatus.RUNNING,
            len(call_ids),
            0,
            classifier.version,
        )
        db.session.execute(
            delete(LabellingCandidate).where(
                LabellingCandidate.task == task,
                LabellingCandidate.status == CandidateStatus.OPEN,
                LabellingCandidate.priority > 0,
            )
        )
        db.session.commit()
        seen = _labelled_keys(task) | set(
            db.session.scalars(select(LabellingCandidate.text_key).where(LabellingCandidate.task == task))
        )
        for call_id in call_ids:
            call = db.session.get(Call, call_id)
            for p in predictions(call.transcript or {}, task, classifier) if call is not None else []:
                key = text_key(p.text)
                if key in seen or not p.text.strip():
                    continue
                seen.add(key)
                db.session.add(_candidate(task, call_id, p, key, classifier.version))
            state.done += 1
            db.session.commit()
        state.status, state.refreshed_at = RunStatus.DONE, utcnow()
    except Exception as error:  # the reason is shown above the queue
        log.exception("refreshing the %s queue failed", task)
        db.session.rollback()
        state = queue_state(task)
        state.status, state.error = RunStatus.FAILED, f"{type(error).__name__}: {error}"
    db.session.commit()
    return state.status.value


def _candidate(task: str, call_id: int, p: Prediction, key: str, version: str, **extra: Any) -> LabellingCandidate:
    probs = {label: round(float(v), 4) for label, v in p.probs.items()}
    return LabellingCandidate(
        task=task,
        call_id=call_id,
        segment=p.segment,
        start=p.start,
        text=p.text,
        text_key=key,
        label=p.label,
        prob=round(float(p.prob), 4),
        margin=round(margin_of(probs), 4),
        probs=probs,
        model_version=version,
        **extra,
    )


def next_candidate(task: str, order: str = "margin", after: int | None = None) -> LabellingCandidate | None:
    """The open utterance to label next: override suggestions, then the least sure."""
    measure = LabellingCandidate.prob if order == "prob" else LabellingCandidate.margin
    query = select(LabellingCandidate).where(
        LabellingCandidate.task == task, LabellingCandidate.status == CandidateStatus.OPEN
    )
    if after is not None:
        query = query.where(LabellingCandidate.id != after)
    query = query.order_by(LabellingCandidate.priority, LabellingCandidate.skips, measure, LabellingCandidate.id).limit(
        1
    )
    return db.session.scalar(query)


def open_count(task: str) -> int:
    """Utterances waiting for a label."""
    return (
        db.session.scalar(
            select(func.count(LabellingCandidate.id)).where(
                LabellingCandidate.task == task, LabellingCandidate.status == CandidateStatus.OPEN
            )
        )
        or 0
    )


def example_count(task: str) -> int:
    """Labelled examples stored for a task."""
    return db.session.scalar(select(func.count(TrainingExample.id)).where(TrainingExample.task == task)) or 0


def label_candidate(candidate: LabellingCandidate, label: str, user: User) -> TrainingExample:
    """Store a person's label for an offered utterance (relabelling the same text replaces the label)."""
    if label not in TASK_LABELS[candidate.task]:
        raise DomainError(_("Такой метки у классификатора нет: %(l)s", l=label), "label")
    source = ExampleSource.OVERRIDE if candidate.priority == 0 else ExampleSource.LABEL
    example = add_example(candidate.task, candidate.text, label, user, source, candidate.call_id, candidate.segment)
    example.scorecard_item_id = candidate.scorecard_item_id
    candidate.status = CandidateStatus.LABELLED
    db.session.flush()
    return example


def add_example(
    task: str,
    text: str,
    label: str,
    user: User | None,
    source: ExampleSource = ExampleSource.LABEL,
    call_id: int | None = None,
    segment: int | None = None,
) -> TrainingExample:
    """Create or relabel the training example of a text."""
    check_task(task)
    if label not in TASK_LABELS[task]:
        raise DomainError(_("Такой метки у классификатора нет: %(l)s", l=label), "label")
    key = text_key(text)
    example = db.session.scalar(
        select(TrainingExample).where(TrainingExample.task == task, TrainingExample.text_key == key)
    )
    if example is None:
        example = TrainingExample(task=task, text=text.strip(), text_key=key)
        db.session.add(example)
    example.label, example.source = label, source
    example.author_id, example.call_id, example.segment = user.id if user else None, call_id, segment
    db.session.flush()
    return example


def skip(candidate: LabellingCandidate) -> None:
    """Put an utterance behind the others (nobody could decide)."""
    candidate.skips = (candidate.skips or 0) + 1
    db.session.flush()


def context(candidate: LabellingCandidate, around: int = 2) -> list[dict[str, Any]]:
    """The segments around an utterance, to read it in its conversation."""
    call = db.session.get(Call, candidate.call_id)
    segments = (call.transcript or {}).get("segments") or [] if call is not None else []
    first, last = max(0, candidate.segment - around), min(len(segments), candidate.segment + around + 1)
    return [{**segments[i], "index": i, "current": i == candidate.segment} for i in range(first, last)]


def recent_examples(task: str, limit: int = 8) -> list[TrainingExample]:
    """The latest labels, to check and correct."""
    return list(
        db.session.scalars(
            select(TrainingExample)
            .where(TrainingExample.task == task)
            .order_by(TrainingExample.updated_at.desc(), TrainingExample.id.desc())
            .limit(limit)
        )
    )


from app.quality.overrides import suggest_from_scorecard  # noqa: E402


@call_reviewed.connect
def _on_call_reviewed(_sender: Any, **payload: Any) -> None:
    """Turn supervisors' overrides of classifier-backed items into suggestions (never breaks a review)."""
    scorecard_id = payload.get("scorecard_id")
    if not scorecard_id:
        return
    try:
        card = db.session.get(Scorecard, scorecard_id)
        if card is not None:
            suggest_from_scorecard(card)
    except Exception:
        log.exception("override suggestions for scorecard %s failed", scorecard_id)
