"""Call metrics: talk share, questions, monologues, interruptions, silences, speech rate (call and DM part).

Definitions (the gold labels of the evaluation set use the same ones):
talk share = a speaker's speech seconds / all speech seconds; a monologue is a run of consecutive segments
of one speaker with no segment of the other in between, its length is end of the last minus start of the
first; an interruption is a segment that starts before the other speaker's previous segment has ended.
Hallucinated filler segments ("Субтитры сделал…") are ignored.
"""

from __future__ import annotations

from typing import Any

from scoring.analysis import CallText
from scoring.structure import CallStructure, detect_structure
from scoring.transcript import SPEAKERS, Transcript, load_transcript

_MIN_OVERLAP = 0.15


def compute_metrics(
    transcript: Transcript | dict[str, Any],
    *,
    structure: CallStructure | None = None,
    text: CallText | None = None,
) -> dict[str, Any]:
    """Metrics of the whole call plus the same restricted to the decision-maker part (``dm``, or None)."""
    transcript = load_transcript(transcript)
    text = text if text is not None else CallText(transcript)
    structure = structure if structure is not None else detect_structure(text)
    speech = text.speech()
    out = _part_metrics(text, speech)
    out["duration"] = round(transcript.end_time, 2)
    if structure.dm_reached and structure.dm_start is not None:
        out["dm"] = _part_metrics(text, [i for i in speech if i >= structure.dm_start])
    else:
        out["dm"] = None
    out["structure"] = structure.to_dict()
    return out


def _part_metrics(text: CallText, indices: list[int]) -> dict[str, Any]:
    segs = text.transcript.segments
    seconds = {s: 0.0 for s in SPEAKERS}
    words = {s: 0 for s in SPEAKERS}
    questions = {s: 0 for s in SPEAKERS}
    for i in indices:
        seg = segs[i]
        seconds[seg.speaker] += seg.duration
        words[seg.speaker] += len(text.segments[i].view.infos)
    wanted = set(indices)
    for unit in text.units:
        if unit.is_question and unit.segment in wanted:
            questions[unit.speaker] += 1
    total = sum(seconds.values())
    share = {s: round(seconds[s] / total, 3) if total else 0.0 for s in SPEAKERS}
    return {
        "speech_seconds": {s: round(v, 2) for s, v in seconds.items()},
        "talk_share": share,
        "questions": questions,
        "longest_monologue": {s: _longest_run(text, indices, s) for s in SPEAKERS},
        **_overlaps(text, indices),
        "longest_silence": _longest_silence(text, indices),
        "speech_rate_wpm": {
            s: round(words[s] / (seconds[s] / 60.0), 1) if seconds[s] > 0 else 0.0 for s in SPEAKERS
        },
        "segments": {"first": indices[0] if indices else None, "last": indices[-1] if indices else None},
    }


def _longest_run(text: CallText, indices: list[int], speaker: str) -> dict[str, Any]:
    segs = text.transcript.segments
    best: dict[str, Any] = {"seconds": 0.0, "first_segment": None, "last_segment": None}
    run: list[int] = []
    for i in [*indices, -1]:
        if i >= 0 and segs[i].speaker == speaker:
            run.append(i)
            continue
        if run:
            length = segs[run[-1]].end - segs[run[0]].start
            if length > best["seconds"]:
                best = {"seconds": round(length, 2), "first_segment": run[0], "last_segment": run[-1]}
        run = []
    return best


def _overlaps(text: CallText, indices: list[int]) -> dict[str, Any]:
    segs = text.transcript.segments
    interruptions = {s: 0 for s in SPEAKERS}
    overlap = 0.0
    last_end = {s: float("-inf") for s in SPEAKERS}
    first_interruption: int | None = None
    for i in indices:
        seg = segs[i]
        other = "client" if seg.speaker == "manager" else "manager"
        over = min(seg.end, last_end[other]) - seg.start
        if over >= _MIN_OVERLAP:
            interruptions[seg.speaker] += 1
            overlap += over
            if first_interruption is None:
                first_interruption = i
        last_end[seg.speaker] = max(last_end[seg.speaker], seg.end)
    return {
        "interruptions": interruptions,
        "overlap_seconds": round(overlap, 2),
        "first_interruption_segment": first_interruption,
    }


def _longest_silence(text: CallText, indices: list[int]) -> dict[str, Any]:
    segs = text.transcript.segments
    best: dict[str, Any] = {"seconds": 0.0, "after_segment": None}
    reached = float("-inf")
    prev: int | None = None
    for i in indices:
        gap = segs[i].start - reached
        if prev is not None and gap > best["seconds"]:
            best = {"seconds": round(gap, 2), "after_segment": prev}
        if segs[i].end >= reached:
            reached = segs[i].end
            prev = i
    return best
