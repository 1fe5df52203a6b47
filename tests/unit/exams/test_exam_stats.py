"""Item statistics: facility, upper-lower 27 % discrimination, point-biserial correlation."""

from __future__ import annotations

import numpy as np
import pytest

from app.exams.stats import discrimination_27, facility, item_stats, point_biserial


def test_facility_is_the_mean_score():
    assert facility([1, 0, 0.5, 1]) == pytest.approx(0.625)
    assert facility([]) is None


def test_discrimination_compares_upper_and_lower_27_percent():
    # 10 attempts: the 3 best (by total) all got the question right, the 3 worst all wrong -> D = 1.
    totals = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    scores = [0, 0, 0, 1, 0, 1, 0, 1, 1, 1]
    assert discrimination_27(scores, totals) == pytest.approx(1.0)
    # Reversed: the strong fail, the weak pass -> negative.
    assert discrimination_27(list(reversed(scores)), totals) == pytest.approx(-1.0)


def test_discrimination_group_size_rounds_27_percent():
    totals = list(range(20))  # 27 % of 20 = 5.4 -> groups of 5
    scores = [0] * 5 + [0.5] * 10 + [1] * 5
    assert discrimination_27(scores, totals) == pytest.approx(1.0)
    scores = [0] * 4 + [1] + [0.5] * 10 + [1] * 5  # one of the lower five got it right
    assert discrimination_27(scores, totals) == pytest.approx(1 - 1 / 5)


def test_point_biserial_matches_pearson_correlation():
    scores = [1, 0, 1, 1, 0, 0.5, 1, 0]
    rest = [80, 40, 75, 90, 50, 60, 70, 30]
    assert point_biserial(scores, rest) == pytest.approx(np.corrcoef(scores, rest)[0, 1])


def test_statistics_need_enough_varying_data():
    assert discrimination_27([1, 0, 1], [1, 2, 3]) is None
    assert point_biserial([1, 1, 1, 1, 1], [1, 2, 3, 4, 5]) is None  # no variance in the item
    with pytest.raises(ValueError):
        discrimination_27([1, 0], [1])


def test_flags_point_at_items_to_review():
    too_easy = item_stats([1] * 10, list(range(10)), list(range(10)))
    assert "too_easy" in too_easy.flags and "weak" in too_easy.flags
    bad = item_stats([1, 1, 1, 0, 0, 0, 0, 0, 0, 0], list(range(10)), list(range(10)))
    assert "negative" in bad.flags
    hard = item_stats([0, 0, 0, 0, 1], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5])
    assert hard.flags == []  # facility 0.2 is at the limit, D = 1
    few = item_stats([1, 0], [1, 2], [1, 2])
    assert "few" in few.flags and few.discrimination is None
