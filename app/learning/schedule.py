"""Onboarding arithmetic as pure functions: working-day due dates, overdue steps and plan progress."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

SATURDAY = 5


def is_working_day(day: date, holidays: frozenset[date] = frozenset()) -> bool:
    """Monday to Friday and not a listed holiday."""
    return day.weekday() < SATURDAY and day not in holidays


def working_day(start: date, number: int, holidays: frozenset[date] = frozenset()) -> date:
    """The ``number``-th working day counted from ``start`` (day 1 is ``start`` itself, or the next working day)."""
    if number < 1:
        raise ValueError("working day numbers start at 1")
    day = start
    while not is_working_day(day, holidays):
        day += timedelta(days=1)
    for _ in range(number - 1):
        day += timedelta(days=1)
        while not is_working_day(day, holidays):
            day += timedelta(days=1)
    return day


def working_days_between(start: date, end: date, holidays: frozenset[date] = frozenset()) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day, holidays)
    return count


def is_overdue(due: date, done: bool, today: date) -> bool:
    """A step is overdue once its due date has passed and it is still not done."""
    return not done and due < today


def days_overdue(due: date, done: bool, today: date) -> int:
    """Calendar days a step is late (0 when it is not overdue)."""
    return (today - due).days if is_overdue(due, done, today) else 0


@dataclass(frozen=True)
class TaskState:
    """What the progress arithmetic needs to know about one plan step."""

    due: date
    done: bool


@dataclass(frozen=True)
class PlanProgress:
    """Counts for a plan: done, total, overdue, due soon (within ``soon_days``), percent done."""

    done: int
    total: int
    overdue: int
    due_soon: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.total > 0 and self.done == self.total


def plan_progress(tasks: Iterable[TaskState], today: date, soon_days: int = 3) -> PlanProgress:
    """Summarise a plan's steps as of ``today``."""
    items = list(tasks)
    horizon = today + timedelta(days=soon_days)
    return PlanProgress(
        done=sum(t.done for t in items),
        total=len(items),
        overdue=sum(is_overdue(t.due, t.done, today) for t in items),
        due_soon=sum(not t.done and today <= t.due <= horizon for t in items),
    )
