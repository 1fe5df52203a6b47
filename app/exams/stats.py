"""Pure item statistics (classical test theory) for the item-analysis page.

* Facility index: the mean score on the question, 0..1 (share of the mark people got).
* Discrimination index D (the one the page ranks by): facility in the upper 27 % of attempts (by total percent)
  minus facility in the lower 27 %. -1..1; 0.3 and more discriminates well, below 0.2 poorly, negative is a red flag.
* Point-biserial r (shown beside it): Pearson correlation between the question score and the rest of the test
  (total without this question), so the question does not correlate with itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

GROUP_SHARE = 0.27
MIN_FOR_DISCRIMINATION = 5


def facility(scores: Sequence[float]) -> float | None:
    """Mean fraction of the mark; None without data."""
    return sum(scores) / len(scores) if scores else None


def discrimination_27(scores: Sequence[float], totals: Sequence[float]) -> float | None:
    """Upper-27 % minus lower-27 % facility; groups are formed by ``totals`` (one per score)."""
    if len(scores) != len(totals):
        raise ValueError("scores and totals must have the same length")
    n = len(scores)
    if n < MIN_FOR_DISCRIMINATION:
        return None
    size = max(1, round(GROUP_SHARE * n))
    ranked = sorted(range(n), key=lambda i: totals[i])
    lower = [scores[i] for i in ranked[:size]]
    upper = [scores[i] for i in ranked[-size:]]
    return sum(upper) / size - sum(lower) / size


def point_biserial(scores: Sequence[float], rest_totals: Sequence[float]) -> float | None:
    """Pearson r between question scores and rest-of-test totals; None when either does not vary."""
    if len(scores) != len(rest_totals):
        raise ValueError("scores and totals must have the same length")
    n = len(scores)
    if n < MIN_FOR_DISCRIMINATION:
        return None
    mean_x, mean_y = sum(scores) / n, sum(rest_totals) / n
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(scores, rest_totals, strict=True))
    var_x = sum((x - mean_x) ** 2 for x in scores)
    var_y = sum((y - mean_y) ** 2 for y in rest_totals)
    if var_x <= 0 or var_y <= 0:
        return None
    return cov / math.sqrt(var_x * var_y)


@dataclass(frozen=True)
class ItemStats:
    """Statistics of one question over the attempts that contained it."""

    responses: int
    facility: float | None
    discrimination: float | None
    point_biserial: float | None

    @property
    def flags(self) -> list[str]:
        """Machine-readable warnings: ``too_hard``, ``too_easy``, ``weak``, ``negative``, ``few``."""
        flags = []
        if self.responses < MIN_FOR_DISCRIMINATION:
            flags.append("few")
        if self.facility is not None and self.facility < 0.2:
            flags.append("too_hard")
        if self.facility is not None and self.facility > 0.9:
            flags.append("too_easy")
        if self.discrimination is not None:
            if self.discrimination < 0:
                flags.append("negative")
            elif self.discrimination < 0.2:
                flags.append("weak")
        return flags


def item_stats(scores: Sequence[float], totals: Sequence[float], rest_totals: Sequence[float]) -> ItemStats:
    """All statistics of one question: ``scores`` 0..1, attempt ``totals`` and ``rest_totals`` in percent."""
    return ItemStats(
        len(scores), facility(scores), discrimination_27(scores, totals), point_biserial(scores, rest_totals)
    )
