"""``metric`` detector: a threshold on a call metric (talk share, questions, monologue, interruptions...).

Options: ``name`` (talk_share | questions | longest_monologue | interruptions | longest_silence |
speech_rate), ``part`` (all | dm), ``speaker`` (default manager), and ``max`` and/or ``min``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from scoring.detectors import BuildEnv, register
from scoring.detectors.base import Evidence, Finding, SpecError, check_keys, make_quote, mapping, number

if TYPE_CHECKING:
    from scoring.context import ScoringContext

METRICS = ("talk_share", "questions", "longest_monologue", "interruptions", "longest_silence", "speech_rate")
_KEYS = frozenset({"name", "part", "speaker", "max", "min"})


def metric_value(metrics: Mapping[str, Any], name: str, speaker: str) -> float:
    """Read one metric for one speaker from a ``compute_metrics`` result (or its ``dm`` part)."""
    if name == "talk_share":
        return float(metrics["talk_share"][speaker])
    if name == "questions":
        return float(metrics["questions"][speaker])
    if name == "longest_monologue":
        return float(metrics["longest_monologue"][speaker]["seconds"])
    if name == "interruptions":
        return float(metrics["interruptions"][speaker])
    if name == "longest_silence":
        return float(metrics["longest_silence"]["seconds"])
    return float(metrics["speech_rate_wpm"][speaker])


class MetricDetector:
    """Compares a metric with ``min``/``max``."""

    def __init__(self, name: str, part: str, speaker: str, low: float | None, high: float | None) -> None:
        self.name = name
        self.part = part
        self.speaker = speaker
        self.low = low
        self.high = high

    def evaluate(self, ctx: ScoringContext) -> Finding:
        """Compute the metric and compare it with the thresholds."""
        metrics = ctx.metrics if self.part == "all" else ctx.metrics.get("dm")
        if not metrics:
            return Finding(False, na_reason="the decision maker was not reached")
        value = metric_value(metrics, self.name, self.speaker)
        ok = (self.low is None or value >= self.low) and (self.high is None or value <= self.high)
        threshold = self.high if self.high is not None else self.low
        margin = abs(value - threshold) / max(abs(threshold), 1e-6) if threshold is not None else 1.0
        confidence = round(min(0.97, 0.6 + margin), 2)
        bounds = " and ".join(
            b
            for b in (
                f"≥ {self.low:g}" if self.low is not None else "",
                f"≤ {self.high:g}" if self.high is not None else "",
            )
            if b
        )
        note = f"{self.name} = {_fmt(self.name, value)} (needs {bounds})"
        return Finding(ok, self._evidence(ctx, metrics, note), confidence, note=note)

    def _evidence(self, ctx: ScoringContext, metrics: Mapping[str, Any], note: str) -> list[Evidence]:
        segs = ctx.transcript.segments
        picks: list[int] = []
        if self.name == "longest_monologue":
            run = metrics["longest_monologue"][self.speaker]
            if run["first_segment"] is not None:
                first, last = run["first_segment"], run["last_segment"]
                return [
                    Evidence(first, segs[first].start, segs[last].end, make_quote(segs[first].text), note)
                ]
        elif self.name == "questions":
            first = metrics["segments"]["first"]
            units = [
                u
                for u in ctx.text.units
                if u.speaker == self.speaker and u.is_question and first is not None and u.segment >= first
            ]
            if units:
                return [Evidence(u.segment, u.start, u.end, make_quote(u.text), note) for u in units[:5]]
        elif self.name == "interruptions" and metrics.get("first_interruption_segment") is not None:
            picks = [metrics["first_interruption_segment"]]
        elif self.name == "longest_silence" and metrics["longest_silence"]["after_segment"] is not None:
            picks = [metrics["longest_silence"]["after_segment"]]
        if not picks and metrics["segments"]["first"] is not None:
            picks = [metrics["segments"]["first"]]
        return [Evidence(i, segs[i].start, segs[i].end, make_quote(segs[i].text), note) for i in picks]


def _fmt(name: str, value: float) -> str:
    if name == "talk_share":
        return f"{value:.0%}"
    if name in ("longest_monologue", "longest_silence"):
        return f"{value:.1f} s"
    return f"{value:g}"


@register("metric")
def build_metric(body: Any, path: str, env: BuildEnv) -> MetricDetector:
    """Build a ``metric`` detector from its spec."""
    spec = mapping(body, path)
    check_keys(spec, _KEYS, path)
    name = spec.get("name")
    if name not in METRICS:
        raise SpecError(f"{path}.name", f"must be one of {', '.join(METRICS)}, got {name!r}")
    part = spec.get("part", "all")
    if part not in ("all", "dm"):
        raise SpecError(f"{path}.part", f"must be 'all' or 'dm', got {part!r}")
    speaker = spec.get("speaker", "manager")
    if speaker not in ("manager", "client"):
        raise SpecError(f"{path}.speaker", f"must be 'manager' or 'client', got {speaker!r}")
    if "max" not in spec and "min" not in spec:
        raise SpecError(f"{path}.max", "give 'max' and/or 'min'")
    low = number(spec["min"], f"{path}.min") if "min" in spec else None
    high = number(spec["max"], f"{path}.max") if "max" in spec else None
    return MetricDetector(str(name), str(part), str(speaker), low, high)
