"""Agreement numbers on known examples (Fleiss' kappa: the classic 10-subject table; Cohen's kappa by hand)."""

from __future__ import annotations

import pytest

from app.quality import agreement


def test_pair_agreement_and_majority():
    assert agreement.pair_agreement(["pass", "pass", "pass"]) == 1.0
    assert agreement.pair_agreement(["pass", "pass", "fail"]) == pytest.approx(1 / 3)
    assert agreement.pair_agreement(["pass", "fail"]) == 0.0
    assert agreement.pair_agreement(["pass"]) is None
    assert agreement.majority(["pass", "fail", "pass"]) == "pass"
    assert agreement.majority(["pass", "fail"]) is None
    assert agreement.share_equal(["pass", "fail", "pass", "pass"], "pass") == 0.75


def test_fleiss_kappa_matches_the_worked_example():
    # Fleiss (1971) style worked example (Wikipedia): 10 subjects, 14 raters, 5 categories.
    counts = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    table = [[str(c) for c, n in enumerate(row) for _ in range(n)] for row in counts]
    assert agreement.fleiss_kappa(table) == pytest.approx(0.210, abs=5e-4)


def test_fleiss_kappa_small_case_and_undefined_cases():
    # 3 raters, 4 items: P_i = 1, 1/3, 1, 1/3 -> P̄ = 2/3; p(pass) = p(fail) = 6/12 -> P̄e = 1/2 -> kappa 1/3.
    table = [["pass"] * 3, ["pass", "pass", "fail"], ["fail"] * 3, ["pass", "fail", "fail"]]
    assert agreement.fleiss_kappa(table) == pytest.approx(1 / 3)
    assert agreement.fleiss_kappa([["pass", "pass"], ["pass", "pass"]]) is None  # one category only
    assert agreement.fleiss_kappa([["pass", "fail"]]) is None  # one subject
    assert agreement.fleiss_kappa([["pass", "fail"], ["pass"]]) is None  # unequal raters


def test_cohen_kappa():
    a = ["pass", "pass", "fail", "fail", "pass", "na"]
    b = ["pass", "fail", "fail", "fail", "pass", "na"]
    # observed 5/6; expected = (3*2 + 2*3 + 1*1) / 36 = 13/36
    assert agreement.cohen_kappa(a, b) == pytest.approx((5 / 6 - 13 / 36) / (1 - 13 / 36))
    assert agreement.cohen_kappa(a, a) == pytest.approx(1.0)
    assert agreement.cohen_kappa(["pass", "pass"], ["pass", "pass"]) is None
    assert agreement.cohen_kappa([], []) is None
