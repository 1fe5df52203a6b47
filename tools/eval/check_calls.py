"""Sanity checks and call metrics for the hand-labelled evaluation transcripts."""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere

from scoring.checklist import load_checklist

CALLS_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "calls"
# The item ids come from the shipped checklist, so the gold files are checked against what the engine scores.
ITEM_IDS = tuple(
    item.id for item in load_checklist(Path(__file__).resolve().parents[2] / "checklists" / "cold_call.yaml").items
)
GATEKEEPER_ITEMS = ("gk_intro", "gk_asks_for_dm", "gk_no_pitch", "gk_outcome")
# Items that have no decision-maker part to judge when the gatekeeper never connects.
DM_ONLY_ITEMS = (
    "open_intro",
    "open_reason",
    "spin_situation",
    "spin_problem",
    "spin_implication",
    "spin_need_payoff",
    "spin_order",
    "value_benefit",
    "obj_acknowledge",
    "obj_clarify",
    "close_next_step",
    "talk_share",
    "questions_count",
)
SPIN_TYPES = ("spin_situation", "spin_problem", "spin_implication", "spin_need_payoff")
TALK_SHARE_MAX = 0.65
QUESTIONS_MIN = 5
MONOLOGUE_MAX_S = 60.0
# Question cues for unpunctuated (ASR-like) text where "?" is missing: "что"/"как" only open a
# segment (mid-sentence they are mostly conjunctions); the other cues count anywhere.
QUESTION_OPENERS = re.compile(r"^(?:(?:а|и|ну|скажите|подскажите)\s+){0,2}(?:что|как)(?=\s|$)")
QUESTION_CUES = re.compile(
    r"(?:^|\s)(?:как(?:ой|ая|ое|ие|им|их|ую)|сколько|когда|где|куда|кто|почему|зачем|чем|ли|"
    r"бывает|бывают|удобно|если\s+бы|правильно|да)(?=\s|$)"
)
WORD = re.compile(r"\w+")


@dataclass
class CallMetrics:
    """Metrics of one call computed with the evaluation-set definitions."""

    talk_share: float | None
    questions: int | None
    questions_exact: bool
    longest_monologue: float


def check_transcript(data: object) -> list[str]:
    """Return contract and timing problems of one transcript (empty list when it is sane)."""
    problems: list[str] = []
    if not isinstance(data, dict) or data.get("language") != "ru":
        return ["top level must be an object with language 'ru'"]
    segments = data.get("segments")
    if not isinstance(segments, list) or not segments:
        return ["segments must be a non-empty list"]
    prev_start, prev_end = 0.0, 0.0
    for i, seg in enumerate(segments):
        keys = set(seg) if isinstance(seg, dict) else set()
        if not {"speaker", "start", "end", "text"} <= keys:
            problems.append(f"segment {i}: needs speaker, start, end, text")
            continue
        if seg["speaker"] not in ("manager", "client"):
            problems.append(f"segment {i}: speaker {seg['speaker']!r}")
        length = seg["end"] - seg["start"]
        if not 0.5 <= length <= 15.005:
            problems.append(f"segment {i}: length {length:.2f} s outside 0.5-15 s")
        if seg["start"] < prev_start:
            problems.append(f"segment {i}: starts before the previous segment")
        if seg["start"] < prev_end - 3.0:
            problems.append(f"segment {i}: overlaps the previous one by more than 3 s")
        if seg["start"] > prev_end + 20.0:
            problems.append(f"segment {i}: silence over 20 s before it")
        words = len(WORD.findall(seg["text"]))
        if words >= 4 and not 1.6 <= words / length <= 3.3:
            problems.append(f"segment {i}: {words / length:.2f} words/s")
        prev_start, prev_end = seg["start"], max(prev_end, seg["end"])
    if data.get("duration", 0) < prev_end:
        problems.append("duration is shorter than the last segment end")
    if not 120 <= prev_end <= 480:
        problems.append(f"call length {prev_end:.0f} s outside 2-8 min")
    return problems


def is_punctuated(segments: list[dict]) -> bool:
    """True when most segments end with sentence punctuation, i.e. "?" can be trusted."""
    ended = sum(bool(re.search(r"[.!?…]\W*$", s["text"])) for s in segments)
    return ended >= len(segments) / 2


def count_questions(text: str, punctuated: bool) -> int:
    """Count questions in a manager segment: by "?" or, in ASR-like text, by interrogative cues."""
    if punctuated:
        return text.count("?")
    lowered = text.lower()
    cue = QUESTION_OPENERS.search(lowered) or QUESTION_CUES.search(lowered)
    return max(text.count("?"), 1 if cue else 0)


def compute_metrics(segments: list[dict], handover: int | None) -> CallMetrics:
    """Talk share and questions within the DM part, and the longest manager monologue in the call."""
    runs: list[float] = []
    run_start: float | None = None
    run_end = 0.0
    for seg in segments:
        if seg["speaker"] == "manager":
            run_start = seg["start"] if run_start is None else run_start
            run_end = seg["end"]
        elif run_start is not None:
            runs.append(run_end - run_start)
            run_start = None
    if run_start is not None:
        runs.append(run_end - run_start)
    longest = max(runs, default=0.0)
    if handover == -1:
        return CallMetrics(None, None, True, longest)
    dm_part = segments[handover or 0 :]
    manager_s = sum(s["end"] - s["start"] for s in dm_part if s["speaker"] == "manager")
    client_s = sum(s["end"] - s["start"] for s in dm_part if s["speaker"] == "client")
    total = manager_s + client_s
    punctuated = is_punctuated(segments)
    questions = sum(count_questions(s["text"], punctuated) for s in dm_part if s["speaker"] == "manager")
    return CallMetrics(manager_s / total if total else None, questions, punctuated, longest)


def check_gold(name: str, labels: dict, handover: int | None) -> list[str]:
    """Return problems of one file's gold labels against the evaluation-set N/A rules."""
    problems = [f"missing {i}" for i in ITEM_IDS if i not in labels]
    problems += [f"unknown item {k}" for k in labels if k not in ITEM_IDS]
    problems += [f"{k}={v!r}" for k, v in labels.items() if v not in ("pass", "fail", "na")]
    if handover is None:
        problems += [f"{i} must be na (DM answered)" for i in GATEKEEPER_ITEMS if labels.get(i) != "na"]
    else:
        problems += [f"{i} must be judged" for i in GATEKEEPER_ITEMS if labels.get(i) == "na"]
    if handover == -1:
        problems += [f"{i} must be na (no DM)" for i in DM_ONLY_ITEMS if labels.get(i) != "na"]
    else:
        present = sum(labels.get(i) == "pass" for i in SPIN_TYPES)
        if (present < 2) != (labels.get("spin_order") == "na"):
            problems.append(f"spin_order={labels.get('spin_order')} with {present} SPIN types")
        if (labels.get("obj_acknowledge") == "na") != (labels.get("obj_clarify") == "na"):
            problems.append("objection items disagree on na")
    return [f"{name}: {p}" for p in problems]


def metric_problems(name: str, labels: dict, m: CallMetrics) -> list[str]:
    """Compare metric gold labels with the values computed from the timings."""
    expected = {"monologue": "pass" if m.longest_monologue <= MONOLOGUE_MAX_S else "fail"}
    if m.talk_share is not None:
        expected["talk_share"] = "pass" if m.talk_share <= TALK_SHARE_MAX else "fail"
    if m.questions is not None and m.questions_exact:
        expected["questions_count"] = "pass" if m.questions >= QUESTIONS_MIN else "fail"
    return [f"{name}: gold {k}={labels.get(k)} but timings say {v}" for k, v in expected.items() if labels.get(k) != v]


def main(argv: list[str] | None = None) -> int:
    """Check every file listed in the notes; print metrics; return 1 when anything is wrong."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=CALLS_DIR)
    args = parser.parse_args(argv)
    gold = json.loads((args.dir / "gold.json").read_text(encoding="utf-8"))
    notes = json.loads((args.dir / "notes.json").read_text(encoding="utf-8"))
    problems: list[str] = []
    if set(gold) != set(notes):
        problems.append(f"gold and notes list different files: {sorted(set(gold) ^ set(notes))}")
    for name in sorted(notes):
        data = json.loads((args.dir / name).read_text(encoding="utf-8"))
        problems += [f"{name}: {p}" for p in check_transcript(data)]
        handover = notes[name]["handover_segment"]
        m = compute_metrics(data["segments"], handover)
        problems += check_gold(name, gold.get(name, {}), handover)
        problems += metric_problems(name, gold.get(name, {}), m)
        share = "-" if m.talk_share is None else f"{m.talk_share:.3f}"
        q = "-" if m.questions is None else f"{m.questions}{'' if m.questions_exact else '~'}"
        print(
            f"{name:55} segs={len(data['segments']):3} dur={data['duration']:6.1f} "
            f"handover={handover!s:4} talk_share={share:5} questions={q:3} "
            f"monologue={m.longest_monologue:5.1f}"
        )
    for p in problems:
        print("PROBLEM", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
