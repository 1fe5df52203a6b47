"""``classifier`` detector: utterances the task's classifier labels with one of the wanted labels.

Options: ``task`` (spin | value | objection | gatekeeper | competitor), ``label`` (one label or a list) or
``exclude`` (every label but these), ``min_prob`` (default 0.5), ``min_count`` (default 1), ``near`` /
``not_near`` (phrases the same utterance must / must not contain; ``context: segment`` or ``turn`` widens that
to the utterance's segment or turn, e.g. to drop "questions" asked while arguing), ``after`` (a detector: only
utterances later than its first evidence count, e.g. implication questions once a problem is on the
table), ``skip_spin_answers`` (ignore client answers to a situation/problem/implication question unless
the label is near-certain), ``skip_questions`` (ignore client segments made only of questions, "а почём
у вас плёнка?", unless near-certain), ``must_not`` and the scope keys. With several labels the
probability is their sum ("an objection of any kind"). SPIN reads the manager's questions, value and
competitor the manager's statements, objection and gatekeeper the client's segments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scoring.classifiers import TASK_LABELS, ClassifierError
from scoring.detectors import BuildEnv, build_detector, register
from scoring.detectors.base import (
    SCOPE_KEYS,
    Detector,
    Evidence,
    Finding,
    Scope,
    SpecError,
    check_keys,
    make_quote,
    mapping,
    number,
    parse_scope,
)
from scoring.detectors.phrase import absence_evidence
from scoring.phrases import Pattern, find_any

if TYPE_CHECKING:
    from scoring.context import Prediction, ScoringContext

_KEYS = SCOPE_KEYS | {
    "task",
    "label",
    "exclude",
    "min_prob",
    "min_count",
    "must_not",
    "near",
    "not_near",
    "skip_spin_answers",
    "skip_questions",
    "context",
    "after",
}
_CONTEXTS = ("sentence", "segment", "turn")
_DEFAULT_SPEAKER = {
    "spin": "manager",
    "value": "manager",
    "objection": "client",
    "gatekeeper": "client",
    "competitor": "manager",
}


class ClassifierDetector:
    """Counts utterances in scope whose predicted label is wanted with enough probability."""

    def __init__(
        self,
        task: str,
        labels: frozenset[str],
        scope: Scope,
        min_prob: float,
        min_count: int,
        must_not: bool,
        near: list[Pattern] | None = None,
        not_near: list[Pattern] | None = None,
        skip_spin_answers: bool = False,
        context: str = "sentence",
        after: Detector | None = None,
        skip_questions: bool = False,
    ) -> None:
        self.skip_questions = skip_questions
        self.after = after
        self.context = context
        self.skip_spin_answers = skip_spin_answers
        self.near = near or []
        self.not_near = not_near or []
        self.task = task
        self.labels = labels
        self.scope = scope
        self.min_prob = min_prob
        self.min_count = min_count
        self.must_not = must_not

    def hits(self, ctx: ScoringContext) -> list[Prediction]:
        """Predictions in scope with a wanted label and enough probability, in time order."""
        allowed = set(self.scope.segments(ctx))
        hits = ctx.select(
            self.task, self.labels, allowed, self.min_prob, self.skip_spin_answers, self.skip_questions
        )
        if self.after is not None and hits:
            found = self.after.evaluate(ctx)
            start = found.first_time if found.passed else None
            hits = [] if start is None else [p for p in hits if p.start > start]
        if self.near or self.not_near:
            hits = [p for p in hits if self._phrases_ok(ctx, p)]
        return hits

    def _phrases_ok(self, ctx: ScoringContext, p: Prediction) -> bool:
        if self.context == "sentence" and p.unit is not None:
            views = [ctx.text.units[p.unit].view]
        elif self.context == "turn":
            turn = ctx.text.turns[ctx.text.turn_of[p.segment]]
            views = [ctx.text.segments[i].view for i in turn.segments if i not in ctx.text.noise]
        else:
            views = [ctx.text.segments[p.segment].view]
        if self.not_near and any(find_any(self.not_near, v) is not None for v in views):
            return False
        return not self.near or any(find_any(self.near, v) is not None for v in views)

    def evaluate(self, ctx: ScoringContext) -> Finding:
        """Decide from the hits; a missing model makes the item not applicable, with the reason."""
        try:
            hits = self.hits(ctx)
        except ClassifierError as exc:
            return Finding(False, na_reason=f"classifier {self.task!r} unavailable: {exc}")
        label_text = "/".join(sorted(self.labels))
        evidence = [
            Evidence(p.segment, p.start, p.end, make_quote(p.text), f"{p.label} {p.prob:.2f}")
            for p in hits[:3]
        ]
        if self.must_not:
            if len(hits) >= self.min_count:
                return Finding(
                    False, evidence, max(p.prob for p in hits), note=f"{label_text} must not occur"
                )
            return Finding(
                True, absence_evidence(ctx, self.scope, f"no {label_text} in {self.scope.describe()}"), 0.75
            )
        if len(hits) >= self.min_count:
            return Finding(True, evidence, max(p.prob for p in hits))
        note = f"{len(hits)} {label_text} of {self.min_count} needed in {self.scope.describe()}"
        return Finding(False, evidence or absence_evidence(ctx, self.scope, note), 0.7, note=note)


def _flag(spec: Any, key: str, path: str) -> bool:
    value = spec.get(key, False)
    if not isinstance(value, bool):
        raise SpecError(f"{path}.{key}", f"must be true or false, got {value!r}")
    return value


@register("classifier")
def build_classifier(body: Any, path: str, env: BuildEnv) -> ClassifierDetector:
    """Build a ``classifier`` detector from its spec."""
    spec = mapping(body, path)
    check_keys(spec, _KEYS, path)
    task = spec.get("task")
    if task not in TASK_LABELS:
        raise SpecError(f"{path}.task", f"must be one of {', '.join(TASK_LABELS)}, got {task!r}")
    known = TASK_LABELS[task]
    if ("label" in spec) == ("exclude" in spec):
        raise SpecError(f"{path}.label", "give either 'label' or 'exclude'")
    key = "label" if "label" in spec else "exclude"
    raw = spec[key]
    chosen = [raw] if isinstance(raw, str) else raw
    if not isinstance(chosen, list) or not chosen:
        raise SpecError(f"{path}.{key}", "must be a label or a non-empty list of labels")
    for i, label in enumerate(chosen):
        if label not in known:
            raise SpecError(
                f"{path}.{key}[{i}]", f"unknown {task} label {label!r} (known: {', '.join(known)})"
            )
    labels = frozenset(chosen) if key == "label" else frozenset(known) - frozenset(chosen)
    must_not = _flag(spec, "must_not", path)
    context = spec.get("context", "sentence")
    if context not in _CONTEXTS:
        raise SpecError(f"{path}.context", f"must be one of {', '.join(_CONTEXTS)}, got {context!r}")
    return ClassifierDetector(
        str(task),
        labels,
        parse_scope(spec, path, _DEFAULT_SPEAKER[str(task)]),
        number(spec.get("min_prob", 0.5), f"{path}.min_prob", minimum=0, maximum=1),
        int(number(spec.get("min_count", 1), f"{path}.min_count", minimum=1, integer=True)),
        must_not,
        env.patterns(spec["near"], f"{path}.near") if "near" in spec else None,
        env.patterns(spec["not_near"], f"{path}.not_near") if "not_near" in spec else None,
        _flag(spec, "skip_spin_answers", path),
        str(context),
        build_detector(spec["after"], f"{path}.after", env) if "after" in spec else None,
        _flag(spec, "skip_questions", path),
    )
