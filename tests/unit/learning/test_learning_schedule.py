"""Onboarding arithmetic: working-day due dates, overdue steps, plan progress."""

from __future__ import annotations

from datetime import date

import pytest

from app.learning.schedule import (
    TaskState,
    days_overdue,
    is_overdue,
    plan_progress,
    working_day,
    working_days_between,
)

MONDAY = date(2026, 11, 16)
FRIDAY = date(2026, 11, 20)
SATURDAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("start", "number", "expected"),
    [
        (MONDAY, 1, MONDAY),  # the first day is the hire date itself
        (MONDAY, 5, FRIDAY),
        (MONDAY, 6, date(2026, 11, 23)),  # the weekend is skipped
        (FRIDAY, 2, date(2026, 11, 23)),
        (SATURDAY, 1, date(2026, 11, 23)),  # hired on a Saturday: day 1 is Monday
        (MONDAY, 10, date(2026, 11, 27)),
    ],
)
def test_working_day_counts_from_the_hire_date_skipping_weekends(start, number, expected):
    assert working_day(start, number) == expected


def test_holidays_are_skipped_too():
    holiday = date(2026, 11, 17)
    assert working_day(MONDAY, 2, frozenset({holiday})) == date(2026, 11, 18)


def test_day_numbers_start_at_one():
    with pytest.raises(ValueError):
        working_day(MONDAY, 0)


def test_working_days_between():
    assert working_days_between(FRIDAY, date(2026, 11, 24)) == 2
    assert working_days_between(FRIDAY, FRIDAY) == 0


@pytest.mark.parametrize(
    ("due", "done", "today", "overdue", "days"),
    [
        (date(2026, 11, 18), False, date(2026, 11, 20), True, 2),
        (date(2026, 11, 20), False, date(2026, 11, 20), False, 0),  # due today is not late yet
        (date(2026, 11, 18), True, date(2026, 11, 20), False, 0),  # done steps are never overdue
        (date(2026, 11, 25), False, date(2026, 11, 20), False, 0),
    ],
)
def test_overdue(due, done, today, overdue, days):
    assert is_overdue(due, done, today) is overdue
    assert days_overdue(due, done, today) == days


def test_plan_progress_counts_done_overdue_and_due_soon():
    today = date(2026, 11, 20)
    tasks = [
        TaskState(date(2026, 11, 16), True),
        TaskState(date(2026, 11, 17), False),  # overdue
        TaskState(date(2026, 11, 19), False),  # overdue
        TaskState(date(2026, 11, 20), False),  # due today: soon
        TaskState(date(2026, 11, 23), False),  # soon
        TaskState(date(2026, 12, 20), False),
    ]
    progress = plan_progress(tasks, today)
    assert (progress.done, progress.total, progress.overdue, progress.due_soon) == (1, 6, 2, 2)
    assert progress.percent == 17
    assert not progress.finished


def test_an_empty_plan_is_not_finished_and_zero_percent():
    progress = plan_progress([], date(2026, 11, 20))
    assert progress.percent == 0 and not progress.finished
    assert plan_progress([TaskState(MONDAY, True)], FRIDAY).finished
