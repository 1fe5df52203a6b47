"""Text-side commands of ``python -m scoring``: score, classify, train, cv, evaluate, bench."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_CHECKLIST = Path(__file__).resolve().parent.parent / "checklists" / "cold_call.yaml"
# The classifier tasks (scoring.classifiers.TASK_LABELS, spelled out so that the parser does not import
# scikit-learn; a unit test keeps the two in step).
TASKS = ("spin", "value", "objection", "gatekeeper", "competitor")


def register(subparsers: Any) -> None:
    """Add the text commands to the top-level parser."""
    p = subparsers.add_parser("score", help="score a transcript against a checklist")
    p.add_argument("transcript", help="transcript JSON file")
    p.add_argument("--checklist", default=str(DEFAULT_CHECKLIST), help="checklist YAML (default: cold_call)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_score)

    p = subparsers.add_parser("classify", help="label utterances read from stdin, one per line")
    p.add_argument("task", choices=TASKS)
    p.add_argument("--proba", action="store_true", help="also print the probability")
    p.set_defaults(func=cmd_classify)

    p = subparsers.add_parser("train", help="train (or load from the cache) the utterance classifiers")
    p.add_argument("tasks", nargs="*", default=list(TASKS))
    p.set_defaults(func=cmd_train)

    p = subparsers.add_parser("cv", help="cross-validate the utterance classifiers on their corpora")
    p.add_argument("tasks", nargs="*", default=list(TASKS))
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cv)

    p = subparsers.add_parser("evaluate", help="agreement with gold labels for a folder of transcripts")
    p.add_argument("directory", help="folder with transcripts and gold.json")
    p.add_argument("--checklist", default=str(DEFAULT_CHECKLIST))
    p.add_argument("--gold", help="gold labels file (default: DIR/gold.json or DIR/_gold_*.json)")
    p.add_argument("--verbose", "-v", action="store_true", help="list every disagreement")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_evaluate)

    p = subparsers.add_parser("bench", help="time scoring of synthetic 10-minute calls")
    p.add_argument("--calls", type=int, default=30, help="number of timed calls (default 30)")
    p.add_argument("--segments", type=int, default=150, help="segments per call (default 150)")
    p.add_argument("--checklist", default=str(DEFAULT_CHECKLIST))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bench)


def _load_checklist(path: str) -> Any:
    from scoring.checklist import ChecklistError, load_checklist

    try:
        return load_checklist(path)
    except ChecklistError as exc:
        print(f"checklist refused:\n{exc}", file=sys.stderr)
        return None


def cmd_score(args: argparse.Namespace) -> int:
    """Score one transcript and print the scorecard."""
    from scoring.engine import score
    from scoring.report import render_scorecard

    checklist = _load_checklist(args.checklist)
    if checklist is None:
        return 2
    card = score(args.transcript, checklist)
    sys.stdout.write(render_scorecard(card, args.format))
    if args.format == "json":
        sys.stdout.write("\n")
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    """Print one label per input line."""
    from scoring.classifiers import ClassifierError, get_classifier

    try:
        clf = get_classifier(args.task)
    except ClassifierError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    lines = [line.rstrip("\n") for line in sys.stdin]
    texts = [line for line in lines if line.strip()]
    predicted = iter(clf.predict(texts))
    for line in lines:
        if not line.strip():
            print("")
            continue
        label, prob = next(predicted)
        print(f"{label}\t{prob:.3f}" if args.proba else label)
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """Fill the model cache (run once after deploying or changing a corpus) and print the versions."""
    from scoring.classifiers import ClassifierError, cache_dir, get_classifier

    for task in args.tasks:
        try:
            clf = get_classifier(task)
        except ClassifierError as exc:
            print(f"{task}: {exc}", file=sys.stderr)
            return 2
        print(f"{task}: version {clf.version}, {clf.n_examples} examples, labels {', '.join(clf.labels)}")
    print(f"cache: {cache_dir()}")
    return 0


def cmd_cv(args: argparse.Namespace) -> int:
    """Cross-validate the classifiers and print macro-F1 and per-label scores."""
    from scoring.classifiers import ClassifierError, corpus_path, cross_validate, read_corpus

    reports = {}
    for task in args.tasks:
        try:
            reports[task] = cross_validate(task, read_corpus(corpus_path(task), task), folds=args.folds)
        except ClassifierError as exc:
            print(f"{task}: {exc}", file=sys.stderr)
            return 2
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
        return 0
    for task, rep in reports.items():
        print(
            f"{task}: n={rep['n']} folds={rep['folds']} macro-F1={rep['macro_f1']:.3f} "
            f"accuracy={rep['accuracy']:.3f}"
        )
        for label, row in rep["labels"].items():
            print(
                f"    {label:<15} P={row['precision']:.2f} R={row['recall']:.2f} F1={row['f1']:.2f} "
                f"n={row['support']}"
            )
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Compare scorecards with gold labels."""
    from scoring.evaluation import GoldError, evaluate_dir, format_evaluation

    checklist = _load_checklist(args.checklist)
    if checklist is None:
        return 2
    try:
        result = evaluate_dir(args.directory, checklist, args.gold)
    except GoldError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.json:
        print(
            json.dumps(
                {"overall": result.overall(), "items": result.per_item()}, ensure_ascii=False, indent=2
            )
        )
    else:
        sys.stdout.write(format_evaluation(result, verbose=args.verbose))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    """Run the benchmark and print its figures."""
    from scoring.bench import format_bench, run_bench

    checklist = _load_checklist(args.checklist)
    if checklist is None:
        return 2
    result = run_bench(args.checklist, calls=args.calls, segments=args.segments)
    print(json.dumps(result, indent=2) if args.json else format_bench(result))
    return 0
