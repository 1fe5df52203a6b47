"""Agreement between raters: percent agreement, Fleiss' kappa, Cohen's kappa, majority. Plain functions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def pair_agreement(ratings: Sequence[str]) -> float | None:
    """Share of rater pairs that agree on one subject (Fleiss' P_i); None with fewer than two ratings."""
    n = len(ratings)
    if n < 2:
        return None
    counts = Counter(ratings)
    return sum(c * (c - 1) for c in counts.values()) / (n * (n - 1))


def majority(ratings: Sequence[str]) -> str | None:
    """The verdict most raters gave; None on a tie or no ratings."""
    ranked = Counter(ratings).most_common()
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def share_equal(ratings: Sequence[str], reference: str | None) -> float | None:
    """Share of ratings equal to a reference verdict (e.g. the automatic one)."""
    if not ratings or reference is None:
        return None
    return sum(r == reference for r in ratings) / len(ratings)


def fleiss_kappa(table: Sequence[Sequence[str]]) -> float | None:
    """Fleiss' kappa over subjects (rows), each rated by the same number of raters (≥ 2).

    None when it is undefined: fewer than two subjects or raters, unequal rater counts, or every rating in
    one category (chance agreement is then 1).
    """
    rows = [list(r) for r in table]
    if len(rows) < 2 or any(len(r) != len(rows[0]) for r in rows) or len(rows[0]) < 2:
        return None
    n = len(rows[0])
    categories = sorted({c for r in rows for c in r})
    total = len(rows) * n
    p_j = [sum(r.count(c) for r in rows) / total for c in categories]
    p_bar = sum(pair_agreement(r) or 0.0 for r in rows) / len(rows)
    p_e = sum(p * p for p in p_j)
    if p_e >= 1.0:
        return None
    return (p_bar - p_e) / (1 - p_e)


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's kappa of two raters over the same subjects; None when undefined (no subjects, one category)."""
    if len(a) != len(b) or not a:
        return None
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[c] * cb[c] for c in set(ca) | set(cb)) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)
