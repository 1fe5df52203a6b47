"""``regex`` detector: regular expressions over a speaker's utterances (lower case, ё→е, punctuation kept).

Options: ``any`` (a pattern or a list of patterns), ``unit``, ``min_count``, ``must_not`` and the scope keys.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from scoring.detectors import BuildEnv, register
from scoring.detectors.base import (
    SCOPE_KEYS,
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

if TYPE_CHECKING:
    from scoring.context import ScoringContext

_KEYS = SCOPE_KEYS | {"any", "unit", "min_count", "must_not"}


class RegexDetector:
    """Regular-expression search per sentence or segment."""

    def __init__(
        self, scope: Scope, patterns: list[re.Pattern[str]], unit: str, min_count: int, must_not: bool
    ) -> None:
        self.scope = scope
        self.patterns = patterns
        self.unit = unit
        self.min_count = min_count
        self.must_not = must_not

    def evaluate(self, ctx: ScoringContext) -> Finding:
        """Search every unit in scope."""
        segments = self.scope.segments(ctx)
        allowed = set(segments)
        if self.unit == "sentence":
            pieces = [(u.segment, u.start, u.end, u.text) for u in ctx.text.units if u.segment in allowed]
        else:
            pieces = [
                (
                    i,
                    ctx.transcript.segments[i].start,
                    ctx.transcript.segments[i].end,
                    ctx.transcript.segments[i].text,
                )
                for i in segments
            ]
        evidence: list[Evidence] = []
        for segment, start, end, text in pieces:
            prepared = text.lower().replace("ё", "е")
            hit = next((m for p in self.patterns if (m := p.search(prepared))), None)
            if hit is not None:
                evidence.append(Evidence(segment, start, end, make_quote(text), f"/{hit.re.pattern}/"))
        if self.must_not:
            if evidence:
                return Finding(False, evidence[:3], 0.85, note="must not occur")
            return Finding(
                True, absence_evidence(ctx, self.scope, f"none found in {self.scope.describe()}"), 0.8
            )
        if len(evidence) >= self.min_count:
            return Finding(True, evidence[:3], 0.85)
        note = f"found {len(evidence)} of {self.min_count} needed in {self.scope.describe()}"
        return Finding(False, evidence[:3] or absence_evidence(ctx, self.scope, note), 0.75, note=note)


@register("regex")
def build_regex(body: Any, path: str, env: BuildEnv) -> RegexDetector:
    """Build a ``regex`` detector from its spec."""
    spec = mapping(body, path)
    check_keys(spec, _KEYS, path)
    raw = spec.get("any")
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        raise SpecError(f"{path}.any", "must be a regular expression or a non-empty list of them")
    patterns = []
    for i, source in enumerate(raw):
        if not isinstance(source, str):
            raise SpecError(f"{path}.any[{i}]", "must be a string")
        try:
            patterns.append(re.compile(source, re.IGNORECASE))
        except re.error as exc:
            raise SpecError(f"{path}.any[{i}]", f"invalid regular expression: {exc}") from exc
    unit = spec.get("unit", "segment")
    if unit not in ("sentence", "segment"):
        raise SpecError(f"{path}.unit", f"must be 'sentence' or 'segment', got {unit!r}")
    min_count = int(number(spec.get("min_count", 1), f"{path}.min_count", minimum=1, integer=True))
    must_not = spec.get("must_not", False)
    if not isinstance(must_not, bool):
        raise SpecError(f"{path}.must_not", f"must be true or false, got {must_not!r}")
    return RegexDetector(parse_scope(spec, path), patterns, str(unit), min_count, must_not)
