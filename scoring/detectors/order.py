"""``order`` detector: first occurrences of other items (or detectors) appear in the listed order.

Options: ``sequence`` (item ids of the same checklist, or detector specs), ``min_present`` (default 2: with
fewer present the item does not apply).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scoring.detectors import BuildEnv, build_detector, register
from scoring.detectors.base import Detector, Evidence, Finding, SpecError, check_keys, mapping, number

if TYPE_CHECKING:
    from scoring.context import ScoringContext


class OrderDetector:
    """Checks that the first evidence times of the steps are non-decreasing in sequence order."""

    def __init__(self, steps: list[tuple[str, str | Detector]], min_present: int) -> None:
        self.steps = steps
        self.min_present = min_present

    def evaluate(self, ctx: ScoringContext) -> Finding:
        """Collect the first occurrence of each present step and compare their order."""
        present: list[tuple[str, Evidence]] = []
        for label, step in self.steps:
            found = ctx.item_findings.get(step) if isinstance(step, str) else step.evaluate(ctx)
            if found is None or not found.passed or found.na_reason or not found.evidence:
                continue
            first = min(found.evidence, key=lambda e: e.start)
            present.append((label, first))
        if len(present) < self.min_present:
            return Finding(
                False, na_reason=f"only {len(present)} of the steps occur (needs {self.min_present})"
            )
        evidence = [Evidence(e.segment, e.start, e.end, e.quote, f"first {label}") for label, e in present]
        for (label_a, a), (label_b, b) in zip(present, present[1:], strict=False):
            if b.start < a.start:
                note = f"{label_b} (at {b.start:.0f} s) comes before {label_a} (at {a.start:.0f} s)"
                return Finding(False, evidence, 0.75, note=note)
        return Finding(True, evidence, 0.8, note=" → ".join(label for label, _ in present))


@register("order")
def build_order(body: Any, path: str, env: BuildEnv) -> OrderDetector:
    """Build an ``order`` detector; item ids are recorded so the engine evaluates them first."""
    spec = mapping(body, path)
    check_keys(spec, {"sequence", "min_present"}, path)
    raw = spec.get("sequence")
    if not isinstance(raw, list) or len(raw) < 2:
        raise SpecError(f"{path}.sequence", "must list at least two item ids or detectors")
    steps: list[tuple[str, str | Detector]] = []
    for i, step in enumerate(raw):
        if isinstance(step, str):
            env.references.add(step)
            steps.append((step, step))
        else:
            steps.append((f"step {i + 1}", build_detector(step, f"{path}.sequence[{i}]", env)))
    min_present = int(number(spec.get("min_present", 2), f"{path}.min_present", minimum=1, integer=True))
    return OrderDetector(steps, min_present)
