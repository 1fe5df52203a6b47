"""Skill level computation: plain functions over plain data (no Flask, no database).

Evidence arrives as :class:`Point` (date, value on the 1-5 scale, weight). A skill's level is computed by one of
four methods (see ``docs/skills.md`` for worked examples):

* ``decaying`` — weighted average where a point's weight halves every ``half_life_days`` of age;
* ``recent`` — the most recent evidence (several points on the latest date are averaged by weight);
* ``highest`` — the best value ever shown;
* ``n_times`` — the highest whole level L reached (value >= L) at least ``n_times`` times.

Only evidence dated on or before ``as_of`` counts, so the same functions give the level history over time.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

MIN_LEVEL = 1
MAX_LEVEL = 5

#: Percent (0-100) -> level: the first band whose lower edge (inclusive) the percent reaches.
PERCENT_BANDS: tuple[tuple[float, int], ...] = ((80.0, 5), (60.0, 4), (40.0, 3), (20.0, 2), (0.0, 1))

#: A displayed level below this is "weak" (highlighted red); at or above STRONG_LEVEL it is "strong" (green).
WEAK_LEVEL = 2.5
STRONG_LEVEL = 3.5


class Method(StrEnum):
    """How a skill's evidence becomes one level."""

    DECAYING = "decaying"
    RECENT = "recent"
    HIGHEST = "highest"
    N_TIMES = "n_times"


@dataclass(frozen=True)
class Point:
    """One piece of evidence: when, what level it shows (1-5) and how much it counts."""

    on: date
    value: float
    weight: float = 1.0


@dataclass(frozen=True)
class LevelConfig:
    """A skill's level method and its parameters."""

    method: Method = Method.DECAYING
    half_life_days: float = 30.0
    n_times: int = 3


@dataclass(frozen=True)
class LevelResult:
    """A computed level (None when the evidence is not enough) and how many evidence points stand behind it."""

    level: float | None
    evidence_count: int
    method: Method = Method.DECAYING
    last_on: date | None = None

    @property
    def band(self) -> str:
        """``weak`` / ``mid`` / ``strong`` / ``none`` — how the level is coloured."""
        return level_band(self.level)


def percent_to_level(percent: float) -> int:
    """Map a percentage (0-100, clamped) to a whole level 1-5 using :data:`PERCENT_BANDS`."""
    percent = min(100.0, max(0.0, float(percent)))
    for lower_edge, level in PERCENT_BANDS:
        if percent >= lower_edge:
            return level
    return MIN_LEVEL  # pragma: no cover - the last band's edge is 0


def share_to_level(passed: int, applicable: int) -> int | None:
    """Level for ``passed`` of ``applicable`` checklist items; None when nothing was applicable."""
    if applicable <= 0:
        return None
    return percent_to_level(100.0 * passed / applicable)


def level_band(level: float | None) -> str:
    """Colour band of a level: ``none`` (no level), ``weak`` (< 2.5), ``mid``, ``strong`` (>= 3.5)."""
    if level is None:
        return "none"
    if level < WEAK_LEVEL:
        return "weak"
    return "strong" if level >= STRONG_LEVEL else "mid"


def _usable(points: Iterable[Point], as_of: date | None) -> list[Point]:
    return sorted((p for p in points if p.weight > 0 and (as_of is None or p.on <= as_of)), key=lambda p: p.on)


def decaying_average(points: Sequence[Point], as_of: date, half_life_days: float) -> float | None:
    """Average of values weighted by ``weight * 0.5 ** (age_days / half_life_days)``; None without points."""
    if half_life_days <= 0:
        raise ValueError("half_life_days must be positive")
    total = weighted = 0.0
    for point in points:
        age = max(0, (as_of - point.on).days)
        w = point.weight * math.pow(0.5, age / half_life_days)
        total += w
        weighted += w * point.value
    return weighted / total if total > 0 else None


def most_recent(points: Sequence[Point]) -> float | None:
    """Value of the latest evidence; points sharing the latest date are averaged by weight."""
    if not points:
        return None
    latest = max(p.on for p in points)
    same_day = [p for p in points if p.on == latest]
    return sum(p.value * p.weight for p in same_day) / sum(p.weight for p in same_day)


def highest(points: Sequence[Point]) -> float | None:
    """The best value ever shown."""
    return max((p.value for p in points), default=None)


def n_times_at_level(points: Sequence[Point], n: int) -> int | None:
    """Highest whole level L with at least ``n`` points of value >= L; None when not even level 1 is reached n times."""
    if n < 1:
        raise ValueError("n must be at least 1")
    for level in range(MAX_LEVEL, MIN_LEVEL - 1, -1):
        if sum(1 for p in points if p.value >= level) >= n:
            return level
    return None


def compute_level(
    points: Iterable[Point], config: LevelConfig = LevelConfig(), as_of: date | None = None
) -> LevelResult:
    """The level of a skill from its evidence, by the configured method, counting evidence up to ``as_of``."""
    usable = _usable(points, as_of)
    method = Method(config.method)
    if not usable:
        return LevelResult(None, 0, method, None)
    reference = as_of or usable[-1].on
    if method is Method.DECAYING:
        value: float | None = decaying_average(usable, reference, config.half_life_days)
    elif method is Method.RECENT:
        value = most_recent(usable)
    elif method is Method.HIGHEST:
        value = highest(usable)
    else:
        reached = n_times_at_level(usable, config.n_times)
        value = float(reached) if reached is not None else None
    if value is not None:
        value = round(min(float(MAX_LEVEL), max(float(MIN_LEVEL), value)), 2)
    return LevelResult(value, len(usable), method, usable[-1].on)


def week_ends(start: date, end: date) -> list[date]:
    """Sundays from the week containing ``start`` up to the week containing ``end`` (inclusive)."""
    first = start + timedelta(days=6 - start.weekday())
    last = end + timedelta(days=6 - end.weekday())
    out, day = [], first
    while day <= last:
        out.append(day)
        day += timedelta(days=7)
    return out


def month_ends(start: date, end: date) -> list[date]:
    """Last days of the months from ``start``'s month to ``end``'s month (inclusive)."""
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append(date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


@dataclass(frozen=True)
class HistoryPoint:
    """The level as it stood at the end of a week or month (``end`` is capped at ``as_of``)."""

    end: date
    level: float | None
    evidence_count: int


def level_history(
    points: Iterable[Point], config: LevelConfig, as_of: date, *, granularity: str = "auto", periods: int = 12
) -> list[HistoryPoint]:
    """Level at the end of each of the last ``periods`` weeks or months up to ``as_of``.

    ``granularity="auto"`` picks weeks when all evidence is younger than 12 weeks, months otherwise.
    """
    usable = _usable(points, as_of)
    if granularity == "auto":
        granularity = "week" if not usable or (as_of - usable[0].on).days < 12 * 7 else "month"
    if granularity == "week":
        ends = week_ends(as_of - timedelta(weeks=periods - 1), as_of)
    elif granularity == "month":
        start = as_of.replace(day=1)
        for _ in range(periods - 1):
            start = (start - timedelta(days=1)).replace(day=1)
        ends = month_ends(start, as_of)
    else:
        raise ValueError(f"unknown granularity: {granularity}")
    history = []
    for end in ends:
        end = min(end, as_of)
        result = compute_level(usable, config, end)
        history.append(HistoryPoint(end, result.level, result.evidence_count))
    return history


def target_level(current: float | None, default: int = 3) -> int:
    """A sensible next target: one whole level above the current one (capped at 5); ``default`` without a level."""
    if current is None:
        return default
    return min(MAX_LEVEL, int(math.floor(current + 1e-9)) + 1)


def weakest_cells(levels: dict[tuple[int, str], float | None], count: int = 3) -> set[tuple[int, str]]:
    """Keys of the ``count`` lowest levels (ties at the cut-off included); cells without a level never count."""
    known = sorted((level, key) for key, level in levels.items() if level is not None)
    if not known or count <= 0:
        return set()
    cutoff = known[min(count, len(known)) - 1][0]
    return {key for level, key in known if level <= cutoff}
