"""Pure result arithmetic: attempt totals, per-tag sub-scores, the exam result by highest or last attempt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

GRADING_METHODS = ("highest", "last")
EPSILON = 1e-9


@dataclass(frozen=True)
class SlotScore:
    """One question of an attempt: its mark, the points earned (None while waiting for a grader) and its tags."""

    max_points: float
    points: float | None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Total:
    """Points over the graded questions; ``pending`` questions still wait for a grader."""

    points: float
    max_points: float
    pending: int

    @property
    def percent(self) -> float | None:
        """0..100, or None when nothing can be counted yet."""
        if self.pending or self.max_points <= 0:
            return None
        return round(100 * self.points / self.max_points, 2)


@dataclass(frozen=True)
class SubScore:
    """A skill's (tag's) share of an attempt."""

    tag: str
    points: float
    max_points: float
    pending: int

    @property
    def percent(self) -> float | None:
        if self.max_points <= 0:
            return None
        return round(100 * self.points / self.max_points, 2)


def attempt_total(slots: Iterable[SlotScore]) -> Total:
    """Sum of points and marks (every question's mark counts); ungraded essays are counted in ``pending``."""
    items = list(slots)
    points = sum(s.points for s in items if s.points is not None)
    max_points = sum(s.max_points for s in items)
    pending = sum(1 for s in items if s.points is None)
    return Total(round(points, 4), round(max_points, 4), pending)


def tag_subscores(slots: Iterable[SlotScore]) -> list[SubScore]:
    """One sub-score per tag over the graded questions carrying it (a question with two tags counts for both)."""
    sums: dict[str, list[float]] = {}
    for slot in slots:
        for tag in slot.tags:
            entry = sums.setdefault(tag, [0.0, 0.0, 0])
            if slot.points is None:
                entry[2] += 1
                continue
            entry[0] += slot.points
            entry[1] += slot.max_points
    return [SubScore(tag, round(p, 4), round(m, 4), int(n)) for tag, (p, m, n) in sorted(sums.items())]


def is_pass(percent: float | None, pass_mark: float) -> bool:
    """A percent reaches the pass mark (both in 0..100)."""
    return percent is not None and percent + EPSILON >= pass_mark


@dataclass(frozen=True)
class AttemptOutcome:
    """What counts of one finished attempt for the exam result."""

    attempt_id: int
    number: int
    percent: float | None
    finished_at: datetime | None


def pick_result(attempts: Iterable[AttemptOutcome], method: str) -> AttemptOutcome | None:
    """The attempt that stands for the exam: the best one (``highest``) or the latest graded one (``last``)."""
    graded = [a for a in attempts if a.percent is not None]
    if not graded:
        return None
    if method == "last":
        return max(graded, key=lambda a: a.number)
    if method != "highest":
        raise ValueError(f"unknown grading method: {method}")
    return max(graded, key=lambda a: (a.percent, -a.number))
