"""Pay periods (calendar months): parsing, bounds and working days. Pure functions, no Flask or database."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_MONTH_RU = re.compile(r"^\s*(\d{1,2})[./](\d{4})\s*$")


def month_start(day: date) -> date:
    """The first day of the month that contains ``day``."""
    return day.replace(day=1)


def month_end(period: date) -> date:
    """The last day of the month that starts at ``period``."""
    return period.replace(day=monthrange(period.year, period.month)[1])


def parse_month(text: str) -> date:
    """``2026-05`` or ``05.2026`` → ``date(2026, 5, 1)``; ValueError with a readable message otherwise."""
    match = _MONTH.match(text or "")
    if match:
        year, month = int(match.group(1)), int(match.group(2))
    else:
        match = _MONTH_RU.match(text or "")
        if not match:
            raise ValueError(f"«{text}» is not a month (expected YYYY-MM, e.g. 2026-05)")
        month, year = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValueError(f"«{text}» is not a month (expected YYYY-MM, e.g. 2026-05)")
    return date(year, month, 1)


def month_key(period: date) -> str:
    """``date(2026, 5, 1)`` → ``2026-05`` (URLs, CSV, exports)."""
    return f"{period.year:04d}-{period.month:02d}"


def add_months(period: date, months: int) -> date:
    """The month ``months`` after (negative: before) the month starting at ``period``."""
    index = period.year * 12 + (period.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def months_back(period: date, count: int) -> list[date]:
    """``count`` months ending with ``period``, oldest first."""
    return [add_months(period, -k) for k in range(count - 1, -1, -1)]


def working_days(period: date, until: date | None = None) -> int:
    """Monday-to-Friday days of the month (up to and including ``until`` when given); no holiday calendar."""
    last = month_end(period) if until is None else min(until, month_end(period))
    days, day = 0, period
    while day <= last:
        if day.weekday() < 5:
            days += 1
        day += timedelta(days=1)
    return days


def overlaps(period: date, starts: date, ends: date) -> bool:
    """Does the month starting at ``period`` share at least one day with ``starts``..``ends``?"""
    return period <= ends and month_end(period) >= starts
