"""Pure statistics rules: weeks, weekly averages, group summaries, pass rates, calibration."""

from __future__ import annotations

from datetime import date

from app.calls.stats import (
    CallFact,
    ItemCounts,
    StatsScope,
    calibration,
    item_rates,
    parse_scope,
    summarise,
    summarise_groups,
    week_start,
    week_starts,
    weekly_series,
)

WED = date(2026, 3, 11)  # a Wednesday


def fact(day: date, score: float, manager: int = 1, team: int | None = 1, critical=False, reviewed=False):
    return CallFact(day, score, manager, team, critical, reviewed)


def test_weeks_start_on_monday_and_end_with_the_current_one():
    assert week_start(WED) == date(2026, 3, 9)
    assert week_start(date(2026, 3, 9)) == date(2026, 3, 9)
    assert week_starts(WED, 3) == [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9)]


def test_weekly_series_averages_and_counts_with_gaps():
    starts = week_starts(WED, 3)
    facts = [fact(date(2026, 2, 24), 60), fact(date(2026, 3, 1), 80), fact(WED, 50), fact(date(2026, 1, 1), 10)]
    assert weekly_series(facts, starts) == ([70.0, None, 50.0], [2, 0, 1])


def test_summary_counts_critical_share_reviewed_and_change():
    starts = week_starts(WED, 4)
    facts = [
        fact(date(2026, 2, 17), 40, critical=True),
        fact(date(2026, 2, 24), 50),
        fact(date(2026, 3, 3), 70, reviewed=True),
        fact(WED, 80),
    ]
    summary = summarise(7, "Анна", facts, starts)
    assert summary.calls == 4 and summary.average == 60.0
    assert summary.critical_share == 0.25 and summary.reviewed == 1
    assert summary.trend == [40.0, 50.0, 70.0, 80.0]
    assert summary.change == 30.0  # (70 + 80) / 2 - (40 + 50) / 2


def test_change_needs_three_weeks_of_data():
    starts = week_starts(WED, 4)
    assert summarise(1, "x", [fact(WED, 50), fact(date(2026, 3, 3), 90)], starts).change is None


def test_groups_are_ordered_weakest_first():
    starts = week_starts(WED, 2)
    facts = [fact(WED, 90, manager=1), fact(WED, 40, manager=2), fact(WED, 60, manager=2)]
    rows = summarise_groups(facts, "manager_id", {1: "Анна", 2: "Борис"}, starts)
    assert [(r.name, r.calls, r.average) for r in rows] == [("Борис", 2, 50.0), ("Анна", 1, 90.0)]


def counts(item, passed, failed, reviewed=0, overridden=0, pf=0, fp=0, title=None):
    return ItemCounts(item, title or item, None, passed, failed, reviewed, overridden, pf, fp)


def test_pass_rates_weakest_first_and_not_applicable_last():
    rates = item_rates([counts("a", 9, 1), counts("b", 1, 3), counts("c", 0, 0), counts("d", 5, 5)])
    assert [(r.item_id, r.rate, r.applicable) for r in rates] == [
        ("b", 0.25, 4),
        ("d", 0.5, 10),
        ("a", 0.9, 10),
        ("c", None, 0),
    ]


def test_calibration_counts_direction_of_disagreement():
    rows = calibration(
        [counts("a", 5, 5, reviewed=10, overridden=3, pf=2, fp=0), counts("b", 1, 1), counts("c", 1, 1, 4)]
    )
    assert [(r.item_id, r.reviewed, r.agreement) for r in rows] == [("a", 10, 0.7), ("c", 4, 1.0)]
    assert rows[0].auto_pass_human_fail == 2 and rows[0].auto_fail_human_pass == 0 and rows[0].other == 1


def test_parse_scope_falls_back_to_defaults():
    assert parse_scope({"weeks": "12", "manager": "4", "team": "x", "checklist": "-1"}) == StatsScope(12, 4, None, None)
    assert parse_scope({"weeks": "5"}).weeks == 8
