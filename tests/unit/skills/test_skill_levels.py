"""Level methods at and around their thresholds, evidence mapping bands, history and the weakest cells."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.skills.levels import (
    LevelConfig,
    Method,
    Point,
    compute_level,
    decaying_average,
    highest,
    level_band,
    level_history,
    month_ends,
    most_recent,
    n_times_at_level,
    percent_to_level,
    share_to_level,
    target_level,
    weakest_cells,
    week_ends,
)

TODAY = date(2026, 11, 20)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


# ---- percent -> level bands (edges inclusive at the bottom) -------------------------------------------------------


@pytest.mark.parametrize(
    ("percent", "level"),
    [
        (0, 1),
        (19.99, 1),
        (20, 2),
        (39.99, 2),
        (40, 3),
        (59.99, 3),
        (60, 4),
        (79.99, 4),
        (80, 5),
        (100, 5),
        (-5, 1),
        (130, 5),
    ],
)
def test_percent_bands_at_and_around_every_edge(percent, level):
    assert percent_to_level(percent) == level


@pytest.mark.parametrize(
    ("passed", "applicable", "level"),
    [(0, 2, 1), (1, 2, 3), (2, 2, 5), (1, 4, 2), (3, 4, 4), (1, 5, 2), (4, 5, 5), (0, 1, 1), (1, 1, 5)],
)
def test_share_of_items_passed_maps_to_a_level(passed, applicable, level):
    assert share_to_level(passed, applicable) == level


def test_no_applicable_items_gives_no_level():
    assert share_to_level(0, 0) is None


# ---- decaying average ---------------------------------------------------------------------------------------------


def test_decaying_average_worked_example_from_the_docs():
    # half-life 30 days: weights 0.25 (60 days old), 0.5 (30 days), 1 (today) -> (0.5 + 1.5 + 5) / 1.75 = 4.0
    points = [Point(days_ago(60), 2), Point(days_ago(30), 3), Point(TODAY, 5)]
    assert decaying_average(points, TODAY, 30) == pytest.approx(4.0)


def test_latest_evidence_weighs_more_than_earlier():
    improving = [Point(days_ago(40), 1), Point(days_ago(1), 5)]
    declining = [Point(days_ago(40), 5), Point(days_ago(1), 1)]
    assert decaying_average(improving, TODAY, 30) > 3 > decaying_average(declining, TODAY, 30)


def test_equal_ages_give_the_plain_weighted_average():
    points = [Point(TODAY, 2, weight=1.0), Point(TODAY, 5, weight=2.0)]
    assert decaying_average(points, TODAY, 30) == pytest.approx(4.0)


def test_a_shorter_half_life_follows_the_latest_value_more_closely():
    points = [Point(days_ago(30), 1), Point(TODAY, 5)]
    assert (
        decaying_average(points, TODAY, 7) > decaying_average(points, TODAY, 30) > decaying_average(points, TODAY, 365)
    )


def test_decaying_average_needs_a_positive_half_life():
    with pytest.raises(ValueError):
        decaying_average([Point(TODAY, 3)], TODAY, 0)


# ---- most recent, highest -----------------------------------------------------------------------------------------


def test_most_recent_takes_the_latest_date_and_averages_that_day():
    points = [Point(days_ago(10), 5), Point(days_ago(1), 2), Point(days_ago(1), 4, weight=3)]
    assert most_recent(points) == pytest.approx((2 + 12) / 4)


def test_highest_is_the_best_value_ever_shown():
    assert highest([Point(days_ago(90), 4.5), Point(TODAY, 2)]) == 4.5
    assert highest([]) is None


# ---- n times at level ---------------------------------------------------------------------------------------------


def test_level_counts_only_when_reached_n_times():
    points = [Point(days_ago(i), v) for i, v in enumerate([4, 4, 3, 5])]
    assert n_times_at_level(points, 3) == 4  # 4 reached by 4, 4, 5 (three times); 5 only once
    assert n_times_at_level(points, 2) == 4
    assert n_times_at_level(points, 1) == 5
    assert n_times_at_level(points, 4) == 3  # 3 or more: four times


def test_just_below_a_level_does_not_count_for_it():
    points = [Point(TODAY, 3.99), Point(TODAY, 3.99), Point(TODAY, 4)]
    assert n_times_at_level(points, 2) == 3
    assert n_times_at_level(points + [Point(TODAY, 4.0)], 2) == 4


def test_fewer_points_than_n_give_no_level():
    assert n_times_at_level([Point(TODAY, 5), Point(TODAY, 5)], 3) is None


def test_n_must_be_positive():
    with pytest.raises(ValueError):
        n_times_at_level([Point(TODAY, 3)], 0)


# ---- compute_level: dispatch, as_of, weights, clamping --------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "expected"),
    # decaying: weights 0.5, 0.5 ** (20 / 30) = 0.63 and 1 -> (1.5 + 1.89 + 4) / 2.13 = 3.47
    [(Method.DECAYING, 3.47), (Method.RECENT, 4.0), (Method.HIGHEST, 4.0), (Method.N_TIMES, 3.0)],
)
def test_each_method_through_compute_level(method, expected):
    points = [Point(days_ago(30), 3), Point(days_ago(20), 3), Point(TODAY, 4)]
    result = compute_level(points, LevelConfig(method, half_life_days=30, n_times=2), TODAY)
    assert result.level == pytest.approx(expected, abs=0.01)
    assert result.evidence_count == 3
    assert result.method == method
    assert result.last_on == TODAY


def test_evidence_after_as_of_is_ignored():
    points = [Point(days_ago(10), 2), Point(TODAY, 5)]
    result = compute_level(points, LevelConfig(Method.RECENT), days_ago(1))
    assert (result.level, result.evidence_count) == (2.0, 1)


def test_zero_weight_evidence_does_not_count():
    points = [Point(days_ago(1), 2), Point(TODAY, 5, weight=0)]
    result = compute_level(points, LevelConfig(Method.RECENT), TODAY)
    assert (result.level, result.evidence_count) == (2.0, 1)


def test_no_evidence_gives_no_level():
    result = compute_level([], LevelConfig(), TODAY)
    assert result.level is None and result.evidence_count == 0 and result.band == "none"


# ---- bands, targets, history, weakest cells -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "band"), [(None, "none"), (1.0, "weak"), (2.49, "weak"), (2.5, "mid"), (3.49, "mid"), (3.5, "strong")]
)
def test_colour_bands_at_their_edges(level, band):
    assert level_band(level) == band


@pytest.mark.parametrize(("current", "target"), [(None, 3), (1.0, 2), (2.99, 3), (3.0, 4), (4.6, 5), (5.0, 5)])
def test_target_is_one_whole_level_up(current, target):
    assert target_level(current) == target


def test_week_and_month_ends():
    assert week_ends(date(2026, 11, 18), date(2026, 11, 30)) == [
        date(2026, 11, 22),
        date(2026, 11, 29),
        date(2026, 12, 6),
    ]
    assert month_ends(date(2026, 11, 15), date(2027, 1, 3)) == [
        date(2026, 11, 30),
        date(2026, 12, 31),
        date(2027, 1, 31),
    ]


def test_history_shows_the_level_at_the_end_of_each_week():
    config = LevelConfig(Method.RECENT)
    points = [Point(date(2026, 11, 3), 2), Point(date(2026, 11, 12), 4)]
    history = level_history(points, config, date(2026, 11, 20), granularity="week", periods=3)
    assert [(h.end, h.level, h.evidence_count) for h in history] == [
        (date(2026, 11, 8), 2.0, 1),
        (date(2026, 11, 15), 4.0, 2),
        (date(2026, 11, 20), 4.0, 2),  # the running week ends today
    ]


def test_history_switches_to_months_for_old_evidence():
    points = [Point(date(2026, 3, 1), 3), Point(date(2026, 11, 1), 4)]
    history = level_history(points, LevelConfig(Method.HIGHEST), date(2026, 11, 20), periods=4)
    assert [h.end for h in history] == [date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 31), date(2026, 11, 20)]
    assert [h.level for h in history] == [3.0, 3.0, 3.0, 4.0]


def test_weakest_cells_include_ties_and_skip_unknown():
    levels = {(1, "a"): 2.0, (1, "b"): None, (2, "a"): 1.5, (2, "b"): 2.0, (3, "a"): 4.0}
    assert weakest_cells(levels, 2) == {(2, "a"), (1, "a"), (2, "b")}
    assert weakest_cells(levels, 1) == {(2, "a")}
    assert weakest_cells({(1, "a"): None}, 3) == set()
