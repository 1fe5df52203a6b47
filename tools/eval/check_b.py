"""Check the part-b evaluation calls: JSON contract, timing sanity, metric items and gold-label consistency."""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ITEM_IDS = (
    "gk_intro",
    "gk_asks_for_dm",
    "gk_no_pitch",
    "gk_outcome",
    "open_intro",
    "open_reason",
    "spin_situation",
    "spin_problem",
    "spin_implication",
    "spin_need_payoff",
    "spin_order",
    "value_benefit",
    "value_competitor_respect",
    "obj_acknowledge",
    "obj_clarify",
    "close_next_step",
    "close_farewell",
    "talk_share",
    "questions_count",
    "monologue",
)
GK_ITEMS = ("gk_intro", "gk_asks_for_dm", "gk_no_pitch", "gk_outcome")
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
RESULTS = {"pass", "fail", "na"}
TALK_SHARE_MAX = 0.65
QUESTIONS_MIN = 5
MONOLOGUE_MAX_S = 60.0

# ASR output may drop "?", so an unpunctuated sentence opening with one of these counts as a question.
INTERROGATIVE = re.compile(
    r"^(а |и |ну |скажите |подскажите |а скажите |а подскажите )?"
    r"(как|какой|какая|какое|какие|каким|какую|каких|сколько|кто|где|куда|откуда|когда|почему|зачем|"
    r"что|чем|насколько|правильно ли|удобно|можно|могу ли|есть ли|было бы|если бы|вы |у вас )",
)


@dataclass
class CallReport:
    """Metrics and problems found for one transcript."""

    name: str
    segments: int = 0
    duration: float = 0.0
    talk_share: float | None = None
    questions: int | None = None
    questions_exact: bool = True
    longest_monologue: float = 0.0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def count_questions(text: str, asr_like: bool) -> tuple[int, bool]:
    """Count question sentences in one segment; the flag is False when the count relies on cues, not "?"."""
    if not asr_like:
        return text.count("?"), True
    # All lower case: ASR-like output where "?" is mostly lost, so fall back on interrogative cues.
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    count = sum(1 for sentence in sentences if sentence.endswith("?") or INTERROGATIVE.match(sentence))
    return count, False


def check_transcript(path: Path, handover: int | None) -> CallReport:
    """Validate one transcript against the contract and compute the three metric items."""
    report = CallReport(path.name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        report.problems.append(f"unreadable JSON: {exc}")
        return report
    if data.get("language") != "ru":
        report.problems.append("language is not 'ru'")
    segments = data.get("segments")
    if not isinstance(segments, list) or not segments:
        report.problems.append("no segments")
        return report
    report.segments = len(segments)
    report.duration = float(data.get("duration", 0.0))
    previous_start = -1.0
    for index, seg in enumerate(segments):
        where = f"segment {index}"
        if set(seg) < {"speaker", "start", "end", "text"}:
            report.problems.append(f"{where}: missing keys")
            continue
        if seg["speaker"] not in ("manager", "client"):
            report.problems.append(f"{where}: speaker {seg['speaker']!r}")
        length = seg["end"] - seg["start"]
        if length <= 0:
            report.problems.append(f"{where}: end before start")
        elif not 0.8 <= length <= 15.0:
            report.warnings.append(f"{where}: length {length:.1f}s outside 1-15 s")
        if seg["start"] < previous_start:
            report.problems.append(f"{where}: starts before the previous segment")
        if seg["end"] > report.duration + 0.01:
            report.problems.append(f"{where}: ends after the call duration")
        if not seg["text"].strip():
            report.problems.append(f"{where}: empty text")
        words = len(re.findall(r"\w+", seg["text"]))
        if length > 0 and words / length > 4.0:
            report.warnings.append(f"{where}: {words / length:.1f} words/s is too fast")
        previous_start = seg["start"]
    report.longest_monologue = longest_manager_run(segments)
    if handover is not None and handover < 0:
        return report
    dm_part = segments[handover or 0 :]
    manager_time = sum(s["end"] - s["start"] for s in dm_part if s["speaker"] == "manager")
    client_time = sum(s["end"] - s["start"] for s in dm_part if s["speaker"] == "client")
    report.talk_share = manager_time / (manager_time + client_time) if manager_time + client_time else None
    # A mostly lower-case transcript is ASR-like output that lost most of its "?".
    asr_like = sum(any(ch.isupper() for ch in s["text"]) for s in segments) < 0.2 * len(segments)
    total = 0
    for seg in dm_part:
        if seg["speaker"] == "manager":
            count, exact = count_questions(seg["text"], asr_like)
            total += count
            report.questions_exact &= exact
    report.questions = total
    return report


def longest_manager_run(segments: list[dict]) -> float:
    """Longest span covered by consecutive manager segments with no client segment between them."""
    longest, run_start, run_end = 0.0, None, 0.0
    for seg in segments:
        if seg["speaker"] == "manager":
            if run_start is None:
                run_start = seg["start"]
            run_end = seg["end"]
            longest = max(longest, run_end - run_start)
        else:
            run_start = None
    return longest


def check_gold(name: str, labels: dict, handover: int | None) -> list[str]:
    """Check that a file's gold labels are complete and respect the N/A rules."""
    problems = [f"missing item {item}" for item in ITEM_IDS if item not in labels]
    problems += [f"unknown item {item}" for item in labels if item not in ITEM_IDS]
    problems += [f"{item}: bad value {value!r}" for item, value in labels.items() if value not in RESULTS]
    if handover is None:
        problems += [f"{item} must be na (DM answered directly)" for item in GK_ITEMS if labels.get(item) != "na"]
    else:
        problems += [f"{item} must not be na (a gatekeeper answered)" for item in GK_ITEMS if labels.get(item) == "na"]
    if handover == -1:
        problems += [f"{item} must be na (never connected)" for item in DM_ONLY_ITEMS if labels.get(item) != "na"]
    spin_types = sum(
        labels.get(f"spin_{kind}") == "pass" for kind in ("situation", "problem", "implication", "need_payoff")
    )
    if handover != -1 and (spin_types < 2) != (labels.get("spin_order") == "na"):
        problems.append(f"spin_order is {labels.get('spin_order')} with {spin_types} SPIN types present")
    if (labels.get("obj_acknowledge") == "na") != (labels.get("obj_clarify") == "na"):
        problems.append("obj_acknowledge and obj_clarify disagree on na")
    return problems


def metric_labels(report: CallReport) -> dict[str, str]:
    """Translate the computed metrics into pass/fail/na labels."""
    labels = {"monologue": "pass" if report.longest_monologue <= MONOLOGUE_MAX_S else "fail"}
    if report.talk_share is None:
        labels.update(talk_share="na", questions_count="na")
    else:
        labels["talk_share"] = "pass" if report.talk_share <= TALK_SHARE_MAX else "fail"
        labels["questions_count"] = "pass" if (report.questions or 0) >= QUESTIONS_MIN else "fail"
    return labels


def main(argv: list[str] | None = None) -> int:
    """Check every call listed in the part-b notes and print a table; exit 1 on any problem."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=Path("tests/data/calls"))
    parser.add_argument("-v", "--verbose", action="store_true", help="print timing warnings too")
    args = parser.parse_args(argv)
    notes = json.loads((args.dir / "_notes_b.json").read_text(encoding="utf-8"))
    gold = json.loads((args.dir / "_gold_b.json").read_text(encoding="utf-8"))
    failed = False
    for name in sorted(set(notes) | set(gold)):
        if name not in notes or name not in gold:
            print(f"{name}: present in only one of _notes_b.json / _gold_b.json")
            failed = True
            continue
        handover = notes[name].get("handover_segment")
        report = check_transcript(args.dir / name, handover)
        problems = report.problems + check_gold(name, gold[name], handover)
        for item, expected in metric_labels(report).items():
            if gold[name].get(item) == expected:
                continue
            message = f"{item}: gold {gold[name].get(item)} but metrics say {expected}"
            if item == "questions_count" and not report.questions_exact:
                # Unpunctuated ASR text: the cue-based count is a hint, the rater's reading decides.
                report.warnings.append(message + " (count from cues, verify by reading)")
            else:
                problems.append(message)
        share = "-" if report.talk_share is None else f"{report.talk_share:.2f}"
        questions = "-" if report.questions is None else f"{report.questions}{'' if report.questions_exact else '~'}"
        print(
            f"{name:45} segs={report.segments:3d} dur={report.duration:6.1f}s handover={handover!s:>4} "
            f"share={share:>4} questions={questions:>3} monologue={report.longest_monologue:5.1f}s"
        )
        for problem in problems:
            print(f"    PROBLEM {problem}")
        if args.verbose:
            for warning in report.warnings:
                print(f"    warning {warning}")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
