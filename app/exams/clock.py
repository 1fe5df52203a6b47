"""The exams' clock: the system time, or a fake one that tests put in ``app.config["EXAMS_CLOCK"]``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

from flask import current_app, has_app_context


class Clock(Protocol):
    """Anything that tells the current time (timezone-aware, UTC)."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock the tests move by hand: ``clock.advance(minutes=21)``."""

    def __init__(self, start: datetime) -> None:
        self.current = aware(start)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


_SYSTEM = SystemClock()


def now() -> datetime:
    """Current time from the configured clock."""
    clock = current_app.config.get("EXAMS_CLOCK") if has_app_context() else None
    return (clock or _SYSTEM).now()


def aware(moment: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back; they are UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
