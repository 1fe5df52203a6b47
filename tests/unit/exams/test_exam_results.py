"""Attempt totals, per-tag sub-scores, and the exam result by highest or last attempt."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.exams.results import AttemptOutcome, SlotScore, Total, attempt_total, is_pass, pick_result, tag_subscores


def test_total_counts_every_mark_and_reports_pending_essays():
    total = attempt_total([SlotScore(1, 1), SlotScore(1, 0.5), SlotScore(2, 0)])
    assert (total.points, total.max_points, total.pending, total.percent) == (1.5, 4, 0, 37.5)
    pending = attempt_total([SlotScore(1, 1), SlotScore(1, None)])
    assert pending.pending == 1 and pending.percent is None
    assert Total(0, 0, 0).percent is None


def test_sub_scores_per_tag_count_a_question_for_each_of_its_tags():
    slots = [
        SlotScore(1, 1, ("needs_discovery",)),
        SlotScore(1, 0, ("needs_discovery", "closing")),
        SlotScore(2, 1.5, ("closing",)),
        SlotScore(1, None, ("closing",)),
        SlotScore(1, 1, ()),
    ]
    scores = {s.tag: s for s in tag_subscores(slots)}
    assert set(scores) == {"needs_discovery", "closing"}
    assert (scores["needs_discovery"].points, scores["needs_discovery"].max_points) == (1, 2)
    assert scores["needs_discovery"].percent == 50
    assert (scores["closing"].points, scores["closing"].max_points, scores["closing"].pending) == (1.5, 3, 1)
    assert scores["closing"].percent == 50


def _outcome(attempt_id: int, number: int, percent: float | None) -> AttemptOutcome:
    return AttemptOutcome(attempt_id, number, percent, datetime(2026, 1, number, tzinfo=UTC))


ATTEMPTS = [_outcome(1, 1, 60), _outcome(2, 2, 85), _outcome(3, 3, 72), _outcome(4, 4, None)]


def test_highest_takes_the_best_graded_attempt():
    assert pick_result(ATTEMPTS, "highest").attempt_id == 2


def test_last_takes_the_latest_graded_attempt_even_if_worse():
    assert pick_result(ATTEMPTS, "last").attempt_id == 3


def test_ties_on_highest_keep_the_earlier_attempt_and_nothing_graded_gives_none():
    assert pick_result([_outcome(1, 1, 80), _outcome(2, 2, 80)], "highest").attempt_id == 1
    assert pick_result([_outcome(1, 1, None)], "highest") is None
    with pytest.raises(ValueError):
        pick_result(ATTEMPTS, "average")


@pytest.mark.parametrize(
    "percent, mark, expected", [(70, 70, True), (69.99, 70, False), (None, 0, False), (100, 100, True), (0, 0, True)]
)
def test_pass_mark(percent, mark, expected):
    assert is_pass(percent, mark) is expected
