"""Agreement between the engine and human gold labels: per-item and overall agreement and Cohen's kappa."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.checklist import Checklist
from scoring.engine import Scorecard, score

LABELS = ("pass", "fail", "na")


class GoldError(ValueError):
    """The gold file is missing or malformed."""


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of (gold, predicted) label pairs; None when undefined (no pairs, chance agreement 1)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(g == p for g, p in pairs) / n
    gold = Counter(g for g, _ in pairs)
    pred = Counter(p for _, p in pairs)
    expected = sum(gold[label] * pred[label] for label in set(gold) | set(pred)) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def load_gold(directory: Path, gold_path: Path | None = None) -> dict[str, dict[str, str]]:
    """Read ``gold.json`` (or the given file); without one, merge the ``_gold_*.json`` parts of the folder."""
    files = (
        [gold_path]
        if gold_path
        else (
            [directory / "gold.json"]
            if (directory / "gold.json").is_file()
            else sorted(directory.glob("_gold_*.json"))
        )
    )
    if not files:
        raise GoldError(f"{directory}: no gold.json (or _gold_*.json parts)")
    gold: dict[str, dict[str, str]] = {}
    for file in files:
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise GoldError(f"{file}: {exc}") from exc
        if not isinstance(data, dict):
            raise GoldError(f"{file}: expected an object {{file: {{item: label}}}}")
        for name, labels in data.items():
            if not isinstance(labels, dict) or any(v not in LABELS for v in labels.values()):
                raise GoldError(f"{file}: labels of {name!r} must map item ids to pass/fail/na")
            gold[name] = dict(labels)
    return gold


@dataclass(slots=True)
class Evaluation:
    """Results of comparing scorecards with gold labels."""

    files: int = 0
    pairs: list[tuple[str, str, str, str]] = field(default_factory=list)  # file, item, gold, predicted
    missing: list[str] = field(default_factory=list)
    unscorable: list[str] = field(default_factory=list)

    def per_item(self) -> dict[str, dict[str, Any]]:
        """Agreement and kappa per item id."""
        out: dict[str, dict[str, Any]] = {}
        for item in dict.fromkeys(p[1] for p in self.pairs):
            pairs = [(g, p) for _, i, g, p in self.pairs if i == item]
            agree = sum(g == p for g, p in pairs)
            out[item] = {
                "n": len(pairs),
                "agreement": agree / len(pairs),
                "kappa": cohen_kappa(pairs),
                "errors": [f"{f}: gold {g}, got {p}" for f, i, g, p in self.pairs if i == item and g != p],
            }
        return out

    def overall(self) -> dict[str, Any]:
        """Overall agreement and kappa over every (file, item) pair."""
        pairs = [(g, p) for _, _, g, p in self.pairs]
        agree = sum(g == p for g, p in pairs)
        return {
            "files": self.files,
            "pairs": len(pairs),
            "agreement": agree / len(pairs) if pairs else None,
            "kappa": cohen_kappa(pairs),
        }


def evaluate_dir(
    directory: str | Path,
    checklist: Checklist,
    gold_path: str | Path | None = None,
    scorer: Callable[[Path], Scorecard] | None = None,
) -> Evaluation:
    """Score every transcript named in the gold labels and compare item by item."""
    root = Path(directory)
    gold = load_gold(root, Path(gold_path) if gold_path else None)
    result = Evaluation()
    item_ids = [i.id for i in checklist.items]
    for name in sorted(gold):
        path = root / name
        if not path.is_file():
            result.missing.append(name)
            continue
        card = scorer(path) if scorer else score(path, checklist)
        result.files += 1
        if card.unscorable:
            result.unscorable.append(name)
        predicted = card.results()
        for item in item_ids:
            if item in gold[name]:
                result.pairs.append((name, item, gold[name][item], predicted.get(item, "na")))
    return result


def format_evaluation(ev: Evaluation, verbose: bool = False) -> str:
    """Readable per-item table plus the overall figures."""
    lines = [f"{'item':<26} {'n':>3} {'agree':>6} {'kappa':>6}"]
    for item, row in ev.per_item().items():
        kappa = "—" if row["kappa"] is None else f"{row['kappa']:.2f}"
        lines.append(f"{item:<26} {row['n']:>3} {row['agreement']:>6.1%} {kappa:>6}")
        if verbose:
            lines.extend(f"      {e}" for e in row["errors"])
    total = ev.overall()
    kappa = "—" if total["kappa"] is None else f"{total['kappa']:.3f}"
    agreement = "—" if total["agreement"] is None else f"{total['agreement']:.1%}"
    lines.append(
        f"overall: {total['files']} files, {total['pairs']} labels, agreement {agreement}, kappa {kappa}"
    )
    if ev.missing:
        lines.append(f"missing transcripts: {', '.join(ev.missing)}")
    if ev.unscorable:
        lines.append(f"unscorable: {', '.join(ev.unscorable)}")
    return "\n".join(lines) + "\n"


def gold_summary(gold: Mapping[str, Mapping[str, str]]) -> dict[str, Counter[str]]:
    """Label counts per item (to check that the gold set is balanced)."""
    out: dict[str, Counter[str]] = {}
    for labels in gold.values():
        for item, label in labels.items():
            out.setdefault(item, Counter())[label] += 1
    return out
