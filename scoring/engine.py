"""Scoring engine: transcript + checklist → scorecard: verdict, points, confidence, evidence per item."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.analysis import CallText
from scoring.checklist import Checklist, evaluation_order, load_checklist
from scoring.classifiers import ClassifierError, UtteranceClassifier
from scoring.context import ScoringContext
from scoring.detectors.base import Evidence, Finding
from scoring.text import analyze
from scoring.transcript import Transcript, TranscriptError, load_transcript

MIN_WORDS = 12
MIN_KNOWN_SHARE = 0.45
MAX_OVERLAP_RATIO = 1.6


@dataclass(slots=True)
class ItemResult:
    """The verdict on one checklist item."""

    id: str
    title: str
    section: str
    skill: str
    result: str  # pass | fail | na
    points: float
    weight: float
    critical: bool
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Scorecard JSON form of the item."""
        return {
            "id": self.id,
            "title": self.title,
            "section": self.section,
            "skill": self.skill,
            "result": self.result,
            "points": round(self.points, 2),
            "weight": self.weight,
            "critical": self.critical,
            "confidence": round(self.confidence, 2),
            "evidence": [e.to_dict() for e in self.evidence],
            "note": self.note,
        }


@dataclass(slots=True)
class Scorecard:
    """A scored call (or an unscorable one, with the reason)."""

    checklist_id: str
    checklist_version: int
    checklist_title: str
    score: float | None
    critical_failed: bool
    unscorable: bool
    unscorable_reason: str | None
    items: list[ItemResult]
    metrics: dict[str, Any] | None = None
    handover: dict[str, Any] | None = None
    structure: dict[str, Any] | None = None
    models: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def item(self, item_id: str) -> ItemResult:
        """Result of one item by id (KeyError when absent)."""
        for result in self.items:
            if result.id == item_id:
                return result
        raise KeyError(item_id)

    def results(self) -> dict[str, str]:
        """``{item_id: pass|fail|na}``."""
        return {r.id: r.result for r in self.items}

    def to_dict(self) -> dict[str, Any]:
        """The scorecard JSON contract."""
        return {
            "checklist_id": self.checklist_id,
            "checklist_version": self.checklist_version,
            "checklist_title": self.checklist_title,
            "score": self.score,
            "critical_failed": self.critical_failed,
            "unscorable": self.unscorable,
            "unscorable_reason": self.unscorable_reason,
            "items": [i.to_dict() for i in self.items],
            "metrics": self.metrics,
            "handover": self.handover,
            "structure": self.structure,
            "models": self.models,
            "warnings": self.warnings,
        }


def assess_transcript(transcript: Transcript, text: CallText | None = None) -> str | None:
    """Why a transcript cannot be scored (no speech, one party, broken timing, gibberish), or None."""
    segs = transcript.segments
    if not segs:
        return "the transcript has no segments"
    if any(s.start < 0 or s.end < s.start for s in segs):
        bad = sum(s.start < 0 or s.end < s.start for s in segs)
        if bad > max(1, len(segs) // 10):
            return f"{bad} segments have negative or reversed timestamps"
    text = text if text is not None else CallText(transcript)
    words = [info for i in text.speech() for info in text.segments[i].view.infos]
    if len(words) < MIN_WORDS:
        return f"too little speech to score ({len(words)} words)"
    speakers = {segs[i].speaker for i in text.speech()}
    if speakers != {"manager", "client"}:
        return f"only the {next(iter(speakers))} speaks; both parties are needed"
    covered = _union_length([(s.start, s.end) for s in segs])
    total = sum(s.duration for s in segs)
    if covered > 0 and total / covered > MAX_OVERLAP_RATIO:
        return f"segments overlap too much to tell who said what ({total:.0f} s of speech in {covered:.0f} s)"
    alpha = [w for w in words if w.form.isalpha() and len(w.form) >= 3]
    if alpha:
        known = sum(analyze(w.form).is_known for w in alpha) / len(alpha)
        if known < MIN_KNOWN_SHARE:
            return f"the text does not look like Russian speech ({known:.0%} dictionary words)"
    return None


def _union_length(spans: list[tuple[float, float]]) -> float:
    total = 0.0
    cur_start, cur_end = None, None
    for start, end in sorted(spans):
        if cur_end is None or start > cur_end:
            if cur_end is not None and cur_start is not None:
                total += cur_end - cur_start
            cur_start, cur_end = start, end
        else:
            cur_end = max(cur_end, end)
    if cur_end is not None and cur_start is not None:
        total += cur_end - cur_start
    return total


def unscorable_scorecard(checklist: Checklist, reason: str) -> Scorecard:
    """A scorecard for a call that cannot be scored: every item na, no score."""
    items = [
        ItemResult(i.id, i.title, i.section, i.skill, "na", 0.0, i.weight, i.critical, 1.0, [], reason)
        for i in checklist.items
    ]
    return Scorecard(checklist.id, checklist.version, checklist.title, None, False, True, reason, items)


def score(
    transcript: Transcript | Mapping[str, Any] | str | Path,
    checklist: Checklist | str | Path,
    *,
    classifiers: Mapping[str, UtteranceClassifier] | None = None,
) -> Scorecard:
    """Score one call against a checklist; deterministic, never raises on a bad transcript."""
    if not isinstance(checklist, Checklist):
        checklist = load_checklist(checklist)
    try:
        call = load_transcript(transcript)
    except TranscriptError as exc:
        return unscorable_scorecard(checklist, f"invalid transcript: {exc}")
    text = CallText(call)
    reason = assess_transcript(call, text)
    if reason is not None:
        return unscorable_scorecard(checklist, reason)
    ctx = ScoringContext(call, classifiers, text)
    results: dict[str, ItemResult] = {}
    for item in evaluation_order(checklist):
        finding = _evaluate(item, ctx)
        if finding.na_reason is not None:
            result, points = "na", 0.0
        else:
            result, points = ("pass", item.weight) if finding.passed else ("fail", 0.0)
        ctx.item_findings[item.id] = finding
        ctx.item_results[item.id] = result
        results[item.id] = ItemResult(
            item.id,
            item.title,
            item.section,
            item.skill,
            result,
            points,
            item.weight,
            item.critical,
            finding.confidence,
            finding.evidence,
            finding.na_reason or finding.note,
        )
    ordered = [results[i.id] for i in checklist.items]
    applicable = [r for r in ordered if r.result != "na"]
    total = sum(r.weight for r in applicable)
    value = round(100.0 * sum(r.points for r in applicable) / total, 1) if total else None
    st = ctx.structure
    handover = None
    if st.handover is not None:
        seg = call.segments[st.handover]
        handover = {"segment": st.handover, "time": round(seg.start, 2), "quote": seg.text}
    return Scorecard(
        checklist.id,
        checklist.version,
        checklist.title,
        value,
        any(r.critical and r.result == "fail" for r in ordered),
        False,
        None,
        ordered,
        metrics=ctx.metrics,
        handover=handover,
        structure=st.to_dict(),
        models=ctx.models(),
        warnings=list(dict.fromkeys(ctx.warnings)),
    )


def _evaluate(item: Any, ctx: ScoringContext) -> Finding:
    try:
        if item.condition is not None:
            applies, why = item.condition.evaluate(ctx)
            if not applies:
                return Finding(False, confidence=ctx.structure.confidence, na_reason=why)
        return item.detector.evaluate(ctx)
    except ClassifierError as exc:
        ctx.warnings.append(str(exc))
        return Finding(False, confidence=0.0, na_reason=f"cannot judge: {exc}")
