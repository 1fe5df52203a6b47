"""Check the labelled corpora in checklists/data/: parsing, labels, minimums, duplicates, style mix."""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "checklists" / "data"
MINIMUMS: dict[str, dict[str, int]] = {
    "spin": {"situation": 150, "problem": 150, "implication": 150, "need_payoff": 150, "other": 150},
    "value": {"value": 150, "feature": 150, "other": 150},
    "objection": {
        "price": 80,
        "have_supplier": 80,
        "no_need": 80,
        "send_proposal": 80,
        "no_time": 80,
        "think_it_over": 80,
        "other": 80,
        "none": 150,
    },
    "gatekeeper": {"asks_purpose": 80, "deflects": 80, "connects": 80, "gives_contact": 80, "none": 80},
    "competitor": {"disparage": 250, "neutral": 400},
}
TOTAL_MINIMUM = 2100
ASR_STYLE = re.compile(r"^[^A-ZА-ЯЁ.,!?;:«»\"—]*$")
NEAR_DUPLICATE = 90  # rapidfuzz ratio of punctuation-free texts above which two rows look templated


def near_duplicates(texts: list[str]) -> list[tuple[str, str]]:
    """Pairs of texts that differ only by punctuation, case or a few letters."""
    from rapidfuzz import fuzz, process

    norm = [re.sub(r"[^\w ]", "", t.lower().replace("ё", "е")) for t in texts]
    pairs = []
    for i, text in enumerate(norm):
        found = process.extract(
            text, norm[i + 1 :], scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE, limit=None
        )
        for _, _, j in found:
            pairs.append((texts[i], texts[i + 1 + j]))
    return pairs


def load(task: str) -> list[tuple[str, str]]:
    """Parse one corpus CSV with the csv module and return (text, label) rows."""
    with (DATA / f"{task}.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        if header != ["text", "label"]:
            raise ValueError(f"{task}.csv: header is {header}, expected ['text', 'label']")
        rows = []
        for line_no, row in enumerate(reader, start=2):
            if len(row) != 2 or not row[0].strip():
                raise ValueError(f"{task}.csv line {line_no}: malformed row {row}")
            rows.append((row[0], row[1]))
    return rows


def check_task(task: str) -> tuple[int, list[str]]:
    """Print counts for one task; return its row count and the problems found."""
    rows = load(task)
    problems = []
    counts = Counter(label for _, label in rows)
    for label in counts:
        if label not in MINIMUMS[task]:
            problems.append(f"{task}: unknown label {label!r}")
    for label, minimum in MINIMUMS[task].items():
        if counts[label] < minimum:
            problems.append(f"{task}: {label} has {counts[label]} rows, needs {minimum}")
    keys = Counter(" ".join(text.lower().replace("ё", "е").split()) for text, _ in rows)
    problems += [f"{task}: duplicate text {key!r}" for key, n in keys.items() if n > 1]
    problems += [f"{task}: near-duplicates {a!r} / {b!r}" for a, b in near_duplicates([t for t, _ in rows])]
    asr = sum(1 for text, _ in rows if ASR_STYLE.match(text))
    lengths = [len(text.split()) for text, _ in rows]
    print(
        f"{task}: {len(rows)} rows, asr-style (lower case, no punctuation) {asr / len(rows):.0%}, "
        f"words {min(lengths)}-{max(lengths)} (mean {sum(lengths) / len(lengths):.1f})"
    )
    for label in MINIMUMS[task]:
        print(f"  {label:<14} {counts[label]:>4}  (min {MINIMUMS[task][label]})")
    return len(rows), problems


def main() -> int:
    """Check every corpus; exit non-zero on any problem."""
    total = 0
    problems: list[str] = []
    for task in MINIMUMS:
        n, task_problems = check_task(task)
        total += n
        problems += task_problems
    print(f"total: {total} rows (min {TOTAL_MINIMUM})")
    if total < TOTAL_MINIMUM:
        problems.append(f"total {total} < {TOTAL_MINIMUM}")
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
