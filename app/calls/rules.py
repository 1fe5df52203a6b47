"""Pure rules of the calls feature: final score, processing stages and progress, audit diffs (no app needed)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

PASS, FAIL, NA = "pass", "fail", "na"
RESULTS = (PASS, FAIL, NA)

METRIC_KEYS = ("talk_share", "questions", "longest_monologue", "interruptions")
UPLOADED, TRANSCRIBING, SCORING, SCORED, FAILED = "uploaded", "transcribing", "scoring", "scored", "failed"
# Overall progress (0-100) each processing stage spans; transcription dominates the wall time.
STAGE_SPAN: dict[str, tuple[int, int]] = {
    UPLOADED: (0, 0),
    TRANSCRIBING: (5, 85),
    SCORING: (85, 99),
    SCORED: (100, 100),
}
TRANSITIONS: dict[str, frozenset[str]] = {
    UPLOADED: frozenset({TRANSCRIBING, SCORING, FAILED}),
    TRANSCRIBING: frozenset({TRANSCRIBING, SCORING, FAILED}),  # a restarted job transcribes again
    SCORING: frozenset({SCORING, SCORED, FAILED}),
    SCORED: frozenset({SCORING}),  # rescoring
    FAILED: frozenset({UPLOADED}),  # retry
}


class TransitionError(ValueError):
    """A call cannot move from one status to another."""


@dataclass(frozen=True)
class Verdict:
    """One item of a scorecard as the score formula sees it."""

    auto_result: str
    weight: float
    auto_points: float = 0.0
    critical: bool = False
    human_result: str | None = None

    @property
    def result(self) -> str:
        """Human verdict when given, the automatic one otherwise."""
        return self.human_result or self.auto_result

    @property
    def points(self) -> float:
        """Points in force: the engine's for untouched items, all or nothing for human verdicts."""
        if self.human_result is None:
            return self.auto_points if self.auto_result == PASS else 0.0
        return self.weight if self.human_result == PASS else 0.0


@dataclass(frozen=True)
class ScoreResult:
    """Final score (None when no item applies) and whether a critical item failed."""

    score: float | None
    critical_failed: bool


def final_score(verdicts: Iterable[Verdict], auto_score: float | None = None) -> ScoreResult:
    """Score 0-100 over the applicable weights using human verdicts where present, automatic ones otherwise.

    When no person changed anything and the engine gave a score, that score stands as is, so the page
    never shows a number that differs from the engine's for an unreviewed call.
    """
    verdicts = list(verdicts)
    critical = any(v.critical and v.result == FAIL for v in verdicts)
    if auto_score is not None and all(v.human_result in (None, v.auto_result) for v in verdicts):
        return ScoreResult(round(float(auto_score), 1), critical)
    applicable = [v for v in verdicts if v.result != NA]
    total = sum(v.weight for v in applicable)
    if total <= 0:
        return ScoreResult(None, critical)
    earned = sum(min(v.points, v.weight) for v in applicable)
    return ScoreResult(round(100.0 * earned / total, 1), critical)


def check_transition(current: str, new: str) -> None:
    """Raise ``TransitionError`` unless a call may move from ``current`` to ``new``."""
    if new not in TRANSITIONS.get(current, frozenset()):
        raise TransitionError(f"a call cannot go from {current!r} to {new!r}")


def stage_progress(status: str, fraction: float = 0.0) -> int:
    """Overall progress for a status and the fraction (0-1) of that stage done."""
    low, high = STAGE_SPAN.get(status, (0, 0))
    fraction = min(1.0, max(0.0, fraction))
    return int(round(low + (high - low) * fraction))


def resume_stage(has_transcript: bool, has_scorecard: bool) -> str:
    """Where an interrupted or repeated job picks up: the first stage whose output is missing."""
    if has_scorecard:
        return SCORED
    return SCORING if has_transcript else TRANSCRIBING


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))


def audit_diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[tuple[str, str | None, str | None]]:
    """Fields whose value changed, as ``(field, before, after)`` text; enums become their values."""
    changes = []
    for field in sorted(set(before) | set(after)):
        old, new = _text(before.get(field)), _text(after.get(field))
        if old != new:
            changes.append((field, old, new))
    return changes


def summarise_metrics(metrics: Mapping[str, Any] | None) -> dict[str, Any]:
    """The manager's four headline figures from the engine's metrics (missing ones are None).

    Talk share is a fraction 0-1, questions and interruptions are counts, the longest monologue is seconds.
    """
    metrics = metrics or {}
    summary: dict[str, Any] = {}
    for key in METRIC_KEYS:
        value = metrics.get(key)
        if isinstance(value, Mapping):
            value = value.get("manager")
        if isinstance(value, Mapping):
            value = value.get("seconds")
        summary[key] = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    share = summary["talk_share"]
    if share is not None and share > 1:  # reported in percent
        summary["talk_share"] = share / 100.0
    return summary


# Whisper's own fallback thresholds are -1.0 (avg_logprob) and 0.6 (no_speech_prob); flag a bit earlier.
UNRELIABLE_LOGPROB = -0.9
UNRELIABLE_NO_SPEECH = 0.5
UNRELIABLE_WORD_P = 0.45


def is_unreliable(segment: Mapping[str, Any]) -> bool:
    """Whether speech recognition was unsure about a transcript segment (shown marked on the page)."""
    logprob, no_speech = segment.get("avg_logprob"), segment.get("no_speech_prob")
    if isinstance(logprob, (int, float)) and logprob < UNRELIABLE_LOGPROB:
        return True
    if isinstance(no_speech, (int, float)) and no_speech > UNRELIABLE_NO_SPEECH:
        return True
    probs = [w.get("p") for w in segment.get("words") or [] if isinstance(w, Mapping)]
    probs = [p for p in probs if isinstance(p, (int, float))]
    return bool(probs) and sum(probs) / len(probs) < UNRELIABLE_WORD_P


def speaker_roles(segments: list[Mapping[str, Any]], structure: Mapping[str, Any] | None) -> list[str]:
    """Role per segment: ``manager``, ``client``, or ``gatekeeper`` / ``decision_maker`` around the hand-over.

    ``structure`` is the engine's call structure (``has_gatekeeper``, ``dm_reached``, ``dm_start``).
    """
    structure = structure or {}
    has_gatekeeper = bool(structure.get("has_gatekeeper"))
    dm_start = structure.get("dm_start") if structure.get("dm_reached") else None
    roles = []
    for index, segment in enumerate(segments):
        if segment.get("speaker") == "manager":
            roles.append("manager")
        elif not has_gatekeeper:
            roles.append("client")
        elif isinstance(dm_start, int) and index >= dm_start:
            roles.append("decision_maker")
        else:
            roles.append("gatekeeper")
    return roles


def format_clock(seconds: float | None) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a moment in a recording; ``—`` when unknown."""
    if seconds is None:
        return "—"
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
