"""Assemble the labelled corpora in checklists/data/ from hand-written per-label sources.

Each file tools/corpora/raw/<task>/<label>.txt holds one hand-written utterance per line
(blank lines and lines starting with '#' are ignored). The script writes
checklists/data/<task>.csv (header ``text,label``) in a stable order and refuses
a text that appears twice (within or across labels of the same task).

    python tools/corpora/build.py               # every task
    python tools/corpora/build.py competitor    # only the tasks named
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "tools" / "corpora" / "raw"
OUT = ROOT / "checklists" / "data"
TASKS: dict[str, list[str]] = {
    "spin": ["situation", "problem", "implication", "need_payoff", "other"],
    "value": ["value", "feature", "other"],
    "objection": [
        "price",
        "have_supplier",
        "no_need",
        "send_proposal",
        "no_time",
        "think_it_over",
        "other",
        "none",
    ],
    "gatekeeper": ["asks_purpose", "deflects", "connects", "gives_contact", "none"],
    "competitor": ["disparage", "neutral"],
}


def normalise_key(text: str) -> str:
    """Return the key used to detect duplicate texts (case, punctuation and spacing insensitive)."""
    return " ".join(re.sub(r"[^\w ]", " ", text.lower().replace("ё", "е")).split())


def read_label(task: str, label: str) -> list[str]:
    """Read the hand-written utterances for one label."""
    path = RAW / task / f"{label}.txt"
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text = " ".join(line.split())
        if text and not text.startswith("#"):
            rows.append(text)
    return rows


def build_task(task: str) -> list[str]:
    """Write one task's CSV; return a list of problems (duplicates)."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    rows: list[tuple[str, str]] = []
    for label in TASKS[task]:
        for text in read_label(task, label):
            key = normalise_key(text)
            if key in seen:
                problems.append(f"{task}: duplicate {text!r} ({seen[key]} / {label})")
                continue
            seen[key] = label
            rows.append((text, label))
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / f"{task}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(["text", "label"])
        writer.writerows(rows)
    return problems


def main(argv: list[str] | None = None) -> int:
    """Build the tasks named on the command line (default: every task) and report duplicates."""
    tasks = sys.argv[1:] if argv is None else argv
    unknown = [task for task in tasks if task not in TASKS]
    if unknown:
        print(f"unknown task(s) {', '.join(unknown)} (known: {', '.join(TASKS)})", file=sys.stderr)
        return 2
    problems: list[str] = []
    for task in tasks or TASKS:
        problems.extend(build_task(task))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
