"""Detector building blocks: evidence, findings, scopes (speaker, call part, time window) and spec errors."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from scoring.context import ScoringContext

QUOTE_LIMIT = 220
PARTS = ("all", "gatekeeper", "dm")
SPEAKER_CHOICES = ("manager", "client", "any")


class SpecError(ValueError):
    """A detector spec is invalid; ``field`` is the dotted path inside the item (``detect.phrases.any``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Evidence:
    """A quote that supports a verdict: segment index, times and the words."""

    segment: int
    start: float
    end: float
    quote: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Scorecard JSON form."""
        out: dict[str, Any] = {
            "segment": self.segment,
            "start": round(self.start, 2),
            "end": round(self.end, 2),
            "quote": self.quote,
        }
        if self.note:
            out["note"] = self.note
        return out


def make_quote(text: str) -> str:
    """Trim a quote to a readable length."""
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"


@dataclass(slots=True)
class Finding:
    """What a detector found: whether its condition holds, the evidence, and how sure it is."""

    passed: bool
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.8
    na_reason: str | None = None  # set when the detector decides the item does not apply
    note: str = ""

    @property
    def first_time(self) -> float | None:
        """Start time of the earliest evidence (used by the order detector)."""
        return min((e.start for e in self.evidence), default=None)


class Detector(Protocol):
    """Anything that evaluates a call context."""

    def evaluate(self, ctx: ScoringContext) -> Finding:
        """Evaluate this detector on one call."""
        ...


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a detector looks: which speaker, which part of the call and which time window."""

    speaker: str = "any"
    part: str = "all"
    first_seconds: float | None = None
    first_turns: int | None = None
    last_seconds: float | None = None
    last_turns: int | None = None

    def segments(self, ctx: ScoringContext) -> list[int]:
        """Indices of the segments inside this scope, in time order."""
        first, stop = ctx.part_range(self.part)
        speech = [i for i in range(first, stop) if i not in ctx.text.noise]
        if not speech:
            return []
        segs = ctx.transcript.segments
        if self.first_seconds is not None:
            t0 = segs[speech[0]].start
            speech = [i for i in speech if segs[i].start <= t0 + self.first_seconds]
        if self.last_seconds is not None:
            t1 = max(segs[i].end for i in speech)
            speech = [i for i in speech if segs[i].end >= t1 - self.last_seconds]
        if self.speaker != "any":
            speech = [i for i in speech if segs[i].speaker == self.speaker]
        if self.first_turns is not None or self.last_turns is not None:
            turns = sorted({ctx.text.turn_of[i] for i in speech})
            if self.first_turns is not None:
                turns = turns[: self.first_turns]
            if self.last_turns is not None:
                turns = turns[-self.last_turns :]
            allowed = set(turns)
            speech = [i for i in speech if ctx.text.turn_of[i] in allowed]
        return speech

    def describe(self) -> str:
        """Short human description used in notes."""
        parts = [] if self.speaker == "any" else [self.speaker]
        if self.part != "all":
            parts.append(f"{self.part} part")
        if self.first_seconds is not None:
            parts.append(f"first {self.first_seconds:g} s")
        if self.first_turns is not None:
            parts.append(f"first {self.first_turns} turn(s)")
        if self.last_seconds is not None:
            parts.append(f"last {self.last_seconds:g} s")
        if self.last_turns is not None:
            parts.append(f"last {self.last_turns} turn(s)")
        return ", ".join(parts) or "whole call"


SCOPE_KEYS = frozenset({"speaker", "part", "within", "from_end"})


def parse_scope(spec: Mapping[str, Any], path: str, default_speaker: str = "any") -> Scope:
    """Read ``speaker``, ``part``, ``within: {seconds|turns}`` and ``from_end: {seconds|turns}``."""
    speaker = spec.get("speaker", default_speaker)
    if speaker not in SPEAKER_CHOICES:
        raise SpecError(f"{path}.speaker", f"must be one of {', '.join(SPEAKER_CHOICES)}, got {speaker!r}")
    part = spec.get("part", "all")
    if part not in PARTS:
        raise SpecError(f"{path}.part", f"must be one of {', '.join(PARTS)}, got {part!r}")
    windows: dict[str, tuple[float | None, int | None]] = {}
    for key in ("within", "from_end"):
        raw = spec.get(key)
        if raw is None:
            windows[key] = (None, None)
            continue
        if not isinstance(raw, Mapping) or not raw or set(raw) - {"seconds", "turns"}:
            raise SpecError(f"{path}.{key}", "must be a mapping with 'seconds' and/or 'turns'")
        seconds = raw.get("seconds")
        turns = raw.get("turns")
        if seconds is not None:
            seconds = number(seconds, f"{path}.{key}.seconds", minimum=0)
        if turns is not None:
            turns = int(number(turns, f"{path}.{key}.turns", minimum=1, integer=True))
        windows[key] = (seconds, turns)
    return Scope(
        str(speaker),
        str(part),
        windows["within"][0],
        windows["within"][1],
        windows["from_end"][0],
        windows["from_end"][1],
    )


def number(
    value: Any, path: str, minimum: float | None = None, maximum: float | None = None, integer: bool = False
) -> float:
    """Validate a number field; raise SpecError naming the field."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(path, f"must be a number, got {value!r}")
    if integer and int(value) != value:
        raise SpecError(path, f"must be a whole number, got {value!r}")
    if minimum is not None and value < minimum:
        raise SpecError(path, f"must be at least {minimum:g}, got {value!r}")
    if maximum is not None and value > maximum:
        raise SpecError(path, f"must be at most {maximum:g}, got {value!r}")
    return float(value)


def mapping(value: Any, path: str) -> Mapping[str, Any]:
    """Validate that a spec node is a mapping."""
    if not isinstance(value, Mapping):
        raise SpecError(path, f"must be a mapping, got {type(value).__name__}")
    return value


def check_keys(spec: Mapping[str, Any], allowed: frozenset[str] | set[str], path: str) -> None:
    """Refuse unknown keys so that typos do not silently change a rule."""
    unknown = sorted(set(spec) - set(allowed))
    if unknown:
        raise SpecError(f"{path}.{unknown[0]}", f"unknown option (allowed: {', '.join(sorted(allowed))})")


Builder = Callable[[Any, str], Detector]
