"""Precision and recall of one label at several probability thresholds, from out-of-fold predictions.

Every row of ``checklists/data/<task>.csv`` is predicted by a model trained without its fold (stratified
5-fold, the same split as ``python -m scoring cv``), so the table shows what ``min_prob`` in a checklist
would give on text the model has not seen. ``--errors`` lists the rows wrongly taken for the label (false
alarms) and the rows of the label that are missed, at the chosen threshold.

    .venv/bin/python tools/corpora/thresholds.py competitor disparage
    .venv/bin/python tools/corpora/thresholds.py competitor disparage --errors 0.7
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scoring.classifiers import corpus_path, read_corpus, train

THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def out_of_fold(task: str, label: str, folds: int = 5) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Texts, gold flags (row has ``label``) and the out-of-fold probability of ``label`` for every row."""
    examples = read_corpus(corpus_path(task), task)
    texts = [t for t, _ in examples]
    y = np.array([lab for _, lab in examples], dtype=object)
    probs = np.zeros(len(examples))
    for train_idx, test_idx in StratifiedKFold(n_splits=folds, shuffle=True, random_state=0).split(texts, y):
        clf = train(task, [examples[i] for i in train_idx])
        column = clf.labels.index(label)
        probs[test_idx] = clf.predict_proba([texts[i] for i in test_idx])[:, column]
    return texts, y == label, probs


def table(gold: np.ndarray, probs: np.ndarray) -> list[tuple[float, float, float, int, int]]:
    """(threshold, precision, recall, true positives, false positives) for every threshold."""
    rows = []
    for threshold in THRESHOLDS:
        hit = probs >= threshold
        tp, fp = int((hit & gold).sum()), int((hit & ~gold).sum())
        precision = tp / (tp + fp) if tp + fp else 0.0
        rows.append((threshold, precision, tp / int(gold.sum()), tp, fp))
    return rows


def main() -> int:
    """Print the threshold table (and the errors at one threshold when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("task")
    parser.add_argument("label")
    parser.add_argument("--errors", type=float, metavar="P", help="list false alarms and misses at P")
    args = parser.parse_args()
    texts, gold, probs = out_of_fold(args.task, args.label)
    print(f"{args.task}/{args.label}: {int(gold.sum())} of {len(gold)} rows, out-of-fold (5 folds)")
    print("min_prob  precision  recall    tp    fp")
    for threshold, precision, recall, tp, fp in table(gold, probs):
        print(f"{threshold:>8.2f}  {precision:>9.3f}  {recall:>6.3f}  {tp:>4}  {fp:>4}")
    if args.errors is not None:
        order = np.argsort(-probs)
        print(f"\nfalse alarms at {args.errors}:")
        for i in order:
            if probs[i] >= args.errors and not gold[i]:
                print(f"  {probs[i]:.2f}  {texts[i]}")
        print(f"\nmissed at {args.errors}:")
        for i in order[::-1]:
            if probs[i] < args.errors and gold[i]:
                print(f"  {probs[i]:.2f}  {texts[i]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
