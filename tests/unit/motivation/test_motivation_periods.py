"""Pay periods: month parsing, bounds, working days."""

from __future__ import annotations

from datetime import date

import pytest

from app.motivation.periods import (
    add_months,
    month_end,
    month_key,
    month_start,
    months_back,
    overlaps,
    parse_month,
    working_days,
)


@pytest.mark.parametrize(("text", "expected"), [("2026-05", date(2026, 5, 1)), (" 2026-5 ", date(2026, 5, 1)),
                                                 ("05.2026", date(2026, 5, 1)), ("12/2025", date(2025, 12, 1))])
def test_parse_month(text, expected):
    assert parse_month(text) == expected
    assert parse_month(month_key(expected)) == expected


@pytest.mark.parametrize("text", ["", "2026-13", "2026-00", "май 2026", "2026-05-01", "1999-01"])
def test_parse_month_refuses_non_months(text):
    with pytest.raises(ValueError):
        parse_month(text)


def test_bounds_and_arithmetic():
    assert month_start(date(2024, 2, 17)) == date(2024, 2, 1)
    assert month_end(date(2024, 2, 1)) == date(2024, 2, 29)
    assert add_months(date(2025, 12, 1), 1) == date(2026, 1, 1)
    assert add_months(date(2026, 1, 1), -13) == date(2024, 12, 1)
    assert months_back(date(2026, 2, 1), 3) == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]


def test_working_days_are_weekdays_of_the_month():
    assert working_days(date(2026, 6, 1)) == 22  # June 2026: 1st is a Monday
    assert working_days(date(2026, 2, 1)) == 20
    assert working_days(date(2026, 6, 1), until=date(2026, 6, 7)) == 5
    assert working_days(date(2026, 6, 1), until=date(2026, 5, 31)) == 0


def test_overlaps():
    assert overlaps(date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 10))
    assert not overlaps(date(2026, 5, 1), date(2026, 6, 1), date(2026, 6, 10))
