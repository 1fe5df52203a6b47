"""Supervisors' overrides of classifier-backed items become labelling suggestions (offered first in the queue).

An override says the classifier was wrong, not what the right label is: when a found utterance was wrong
(a false hit), its quote is offered with no label suggested; when the classifier missed the label, the
utterances in the call most likely to carry it are offered with that label suggested. A person confirms,
and the confirmed label becomes a training example with source ``override``.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app.calls.models import Scorecard
from app.extensions import db
from app.quality.learning_models import CandidateStatus, LabellingCandidate
from scoring.context import Prediction

MAX_MISSED = 3


def classifier_nodes(detect: Any) -> list[dict[str, Any]]:
    """Classifier specs in a detect tree (``all``/``any``/``not`` followed; ``not`` flips must_not).

    The classifier that triggers a ``response`` detector comes back marked ``trigger``: an override to "not
    applicable" says that trigger fired on an utterance that was not what it looked for.
    """
    found: list[dict[str, Any]] = []

    def walk(node: Any, negated: bool) -> None:
        if not isinstance(node, dict) or len(node) != 1:
            return
        ((name, body),) = node.items()
        if name == "classifier" and isinstance(body, dict):
            found.append({**body, "must_not": bool(body.get("must_not")) != negated})
        elif name in ("all", "any") and isinstance(body, list):
            for child in body:
                walk(child, negated)
        elif name == "not":
            walk(body, not negated)
        elif name == "response" and isinstance(body, dict):
            trigger = body.get("trigger")
            if isinstance(trigger, dict) and isinstance(trigger.get("classifier"), dict):
                found.append({**trigger["classifier"], "must_not": False, "trigger": True})

    walk(detect, False)
    return found


def _labels(spec: dict[str, Any], known: tuple[str, ...]) -> set[str]:
    raw = spec.get("label", spec.get("exclude"))
    chosen = {raw} if isinstance(raw, str) else set(raw or [])
    return chosen if "label" in spec else set(known) - chosen


def plan(
    auto: str,
    human: str,
    spec: dict[str, Any],
    known: tuple[str, ...],
    preds: list[Prediction],
    evidence: list[dict[str, Any]],
) -> list[tuple[Prediction, str | None]]:
    """Utterances to offer for one overridden item, each with the suggested label (None: the person decides).

    Plain function: false hits are the evidence's utterances; misses are the likeliest utterances of the label.
    """
    labels = _labels(spec, known)
    if spec.get("trigger"):
        if human != "na" or auto == "na":
            return []
        found_too_much = True
    elif {auto, human} != {"pass", "fail"}:
        return []
    else:
        found_too_much = (auto == "pass") != bool(spec.get("must_not"))
    if found_too_much:
        segments = {int(e["segment"]) for e in evidence if e.get("segment") is not None}
        quotes = [str(e.get("quote") or "").rstrip("…") for e in evidence]
        hits = [p for p in preds if p.segment in segments and p.label in labels]
        hits = [p for p in hits if any(q and p.text.startswith(q[:40]) for q in quotes)] or hits
        return [(p, None) for p in hits[:MAX_MISSED]]
    ranked = sorted(
        (p for p in preds if p.label not in labels),
        key=lambda p: -max(p.probs.get(label, 0.0) for label in labels),
    )
    return [(p, max(labels, key=lambda label: p.probs.get(label, 0.0))) for p in ranked[:MAX_MISSED]]


def suggest_from_scorecard(card: Scorecard) -> int:
    """Queue suggestions for every overridden classifier-backed item of a scorecard; returns how many."""
    from app.quality.checklists import parsed_checklist
    from app.quality.labelling import _candidate, classifier_for, predictions
    from app.quality.learning_loop import text_key
    from scoring.classifiers import TASK_LABELS

    overridden = [i for i in card.items if i.human_result is not None and i.human_result != i.auto_result]
    if not overridden or not card.call.transcript:
        return 0
    checklist = parsed_checklist(card.checklist_version)
    specs = {item.id: item.spec.get("detect") for item in checklist.items}
    planned: list[tuple[str, Any, Prediction, str | None, str]] = []
    cache: dict[str, tuple[Any, list[Prediction]]] = {}
    for row in overridden:
        for spec in classifier_nodes(specs.get(row.item_id)):
            task = str(spec.get("task"))
            if task not in TASK_LABELS:
                continue
            if task not in cache:
                classifier = classifier_for(task)
                cache[task] = (classifier, predictions(card.call.transcript, task, classifier))
            note = _("Правка РОПа по пункту «%(t)s»: %(r)s", t=row.title, r=row.human_reason or "—")
            for pred, label in plan(
                row.auto_result.value,
                row.human_result.value,
                spec,
                TASK_LABELS[task],
                cache[task][1],
                row.evidence or [],
            ):
                planned.append((task, row, pred, label, note))
    added = 0
    for task, row, pred, label, note in planned:
        key = text_key(pred.text)
        existing = db.session.scalar(
            select(LabellingCandidate).where(LabellingCandidate.task == task, LabellingCandidate.text_key == key)
        )
        if existing is None:
            existing = _candidate(task, card.call_id, pred, key, cache[task][0].version)
            db.session.add(existing)
        elif existing.status != CandidateStatus.OPEN:
            continue
        existing.priority, existing.suggested_label, existing.note = 0, label, note[:2000]
        existing.scorecard_item_id = row.id
        added += 1
    db.session.flush()
    return added
