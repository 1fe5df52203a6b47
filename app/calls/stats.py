"""Call statistics per manager and per team: calls scored, average score and its weekly trend, pass rate
per checklist item (weakest first), and automatic-vs-human agreement per item (calibration).

The arithmetic is pure (``weekly_series``, ``summarise_people``, ``item_rates``, ``calibration``) and works
on plain tuples; two queries feed it: the scored calls in scope (a few small columns each) and one
GROUP BY over the items of those calls' current scorecards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, func, select

from app.accounts.models import Role, Team, User
from app.accounts.permissions import can, visible_user_ids
from app.calls.listing import status_is
from app.calls.models import Call, CallStatus, ItemResult, ScorecardItem
from app.extensions import db

PERIODS = (4, 8, 12, 26)
DEFAULT_WEEKS = 8


@dataclass(frozen=True)
class StatsScope:
    """Whose calls and which weeks: one manager, one team, or everyone the viewer may see."""

    weeks: int = DEFAULT_WEEKS
    manager: int | None = None
    team: int | None = None
    checklist: int | None = None


def parse_scope(args: Mapping[str, str]) -> StatsScope:
    """Scope from the query string; values that make no sense fall back to the defaults."""

    def number(name: str) -> int | None:
        raw = (args.get(name) or "").strip()
        return int(raw) if raw.isdigit() and int(raw) > 0 else None

    weeks = number("weeks")
    return StatsScope(
        weeks=weeks if weeks in PERIODS else DEFAULT_WEEKS,
        manager=number("manager"),
        team=number("team"),
        checklist=number("checklist"),
    )


def week_start(day: date) -> date:
    """Monday of the ISO week of ``day``."""
    return day - timedelta(days=day.weekday())


def week_starts(today: date, weeks: int) -> list[date]:
    """Mondays of the last ``weeks`` weeks, oldest first, the current week last."""
    last = week_start(today)
    return [last - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


@dataclass(frozen=True)
class CallFact:
    """One scored call as the statistics see it."""

    call_date: date
    score: float
    manager_id: int
    team_id: int | None
    critical_failed: bool
    reviewed: bool


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def weekly_series(facts: Iterable[CallFact], starts: list[date]) -> tuple[list[float | None], list[int]]:
    """Average score and number of calls per week (None where a week has no calls)."""
    index = {start: i for i, start in enumerate(starts)}
    buckets: list[list[float]] = [[] for _ in starts]
    for fact in facts:
        position = index.get(week_start(fact.call_date))
        if position is not None:
            buckets[position].append(fact.score)
    return [_mean(b) for b in buckets], [len(b) for b in buckets]


@dataclass
class Summary:
    """Figures for a group of calls (one manager, one team, or everything in scope)."""

    key: int | None
    name: str
    calls: int
    average: float | None
    critical_share: float | None
    reviewed: int
    trend: list[float | None]
    counts: list[int]
    change: float | None = None  # average of the last 2 weeks with calls minus the first 2


def _change(trend: list[float | None]) -> float | None:
    present = [v for v in trend if v is not None]
    if len(present) < 3:
        return None
    half = min(2, len(present) // 2)
    return round(sum(present[-half:]) / half - sum(present[:half]) / half, 1)


def summarise(key: int | None, name: str, facts: list[CallFact], starts: list[date]) -> Summary:
    """Calls, average, share of critical failures, reviewed count and weekly trend of a group of calls."""
    trend, counts = weekly_series(facts, starts)
    return Summary(
        key=key,
        name=name,
        calls=len(facts),
        average=_mean([f.score for f in facts]),
        critical_share=round(sum(f.critical_failed for f in facts) / len(facts), 3) if facts else None,
        reviewed=sum(f.reviewed for f in facts),
        trend=trend,
        counts=counts,
        change=_change(trend),
    )


def summarise_groups(
    facts: list[CallFact], key: str, names: Mapping[int | None, str], starts: list[date]
) -> list[Summary]:
    """One summary per manager (``key="manager_id"``) or team (``"team_id"``), lowest average first."""
    groups: dict[int | None, list[CallFact]] = defaultdict(list)
    for fact in facts:
        groups[getattr(fact, key)].append(fact)
    rows = [summarise(k, names.get(k, "—"), group, starts) for k, group in groups.items()]
    return sorted(rows, key=lambda s: (s.average if s.average is not None else 101, s.name))


@dataclass(frozen=True)
class ItemCounts:
    """Verdicts of one checklist item over the calls in scope (verdict in force, and auto vs human)."""

    item_id: str
    title: str
    section: str | None
    passed: int
    failed: int
    reviewed: int  # items of reviewed calls (or with a human verdict)
    overridden: int  # human verdict differs from the automatic one
    auto_pass_human_fail: int
    auto_fail_human_pass: int


@dataclass
class ItemRate:
    """Pass rate of an item: passed / (passed + failed); not-applicable verdicts are left out."""

    item_id: str
    title: str
    section: str | None
    rate: float | None
    applicable: int


def item_rates(counts: Iterable[ItemCounts]) -> list[ItemRate]:
    """Pass rate per item, weakest first (items that never applied go last)."""
    rows = [
        ItemRate(
            c.item_id,
            c.title,
            c.section,
            round(c.passed / (c.passed + c.failed), 3) if c.passed + c.failed else None,
            c.passed + c.failed,
        )
        for c in counts
    ]
    return sorted(rows, key=lambda r: (r.rate is None, r.rate if r.rate is not None else 0, r.title))


@dataclass
class Agreement:
    """How often the reviewers kept the automatic verdict of an item."""

    item_id: str
    title: str
    reviewed: int
    agreement: float | None
    auto_pass_human_fail: int
    auto_fail_human_pass: int
    other: int  # changes to or from "not applicable"


def calibration(counts: Iterable[ItemCounts]) -> list[Agreement]:
    """Agreement per item over reviewed calls, least agreement first; items nobody reviewed are left out."""
    rows = [
        Agreement(
            c.item_id,
            c.title,
            c.reviewed,
            round(1 - c.overridden / c.reviewed, 3),
            c.auto_pass_human_fail,
            c.auto_fail_human_pass,
            c.overridden - c.auto_pass_human_fail - c.auto_fail_human_pass,
        )
        for c in counts
        if c.reviewed
    ]
    return sorted(rows, key=lambda a: (a.agreement, -a.reviewed, a.title))


# --- queries -------------------------------------------------------------------------------------------


def period(scope: StatsScope, today: date) -> tuple[date, date]:
    """First and last day the statistics cover."""
    return week_starts(today, scope.weeks)[0], today


def may_see_scope(user: User, scope: StatsScope) -> bool:
    """A manager filter needs ``view`` on that person; a team filter needs to lead it (or see everything)."""
    if scope.manager is not None:
        person = db.session.get(User, scope.manager)
        if person is None or not can(user, "view", person):
            return False
    if scope.team is not None:
        team = db.session.get(Team, scope.team)
        if team is None:
            return False
        if user.role not in (Role.ADMIN, Role.TRAINER) and team.supervisor_id != user.id:
            return False
    return True


def _conditions(user: User, scope: StatsScope, today: date) -> list[Any]:
    first, last = period(scope, today)
    where = [
        status_is(CallStatus.SCORED),
        Call.final_score.is_not(None),
        Call.call_date >= first,
        Call.call_date <= last,
    ]
    visible = visible_user_ids(user)
    if visible is not None:
        where.append(Call.manager_id.in_(visible))
    if scope.manager:
        where.append(Call.manager_id == scope.manager)
    if scope.team:
        where.append(Call.team_id == scope.team)
    if scope.checklist:
        where.append(Call.checklist_id == scope.checklist)
    return where


def call_facts(user: User, scope: StatsScope, today: date) -> list[CallFact]:
    """The scored calls in scope as plain facts."""
    query = select(
        Call.call_date, Call.final_score, Call.manager_id, Call.team_id, Call.critical_failed, Call.reviewed_at
    ).where(*_conditions(user, scope, today))
    return [CallFact(d, float(s), m, t, bool(c), r is not None) for d, s, m, t, c, r in db.session.execute(query)]


def _count(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def item_counts(user: User, scope: StatsScope, today: date) -> list[ItemCounts]:
    """Verdict counts per checklist item over the current scorecards of the calls in scope.

    The GROUP BY reads only ids and verdicts (an index covers them); titles come from one more small query.
    """
    human, auto = ScorecardItem.human_result, ScorecardItem.auto_result
    in_force_pass = (human == ItemResult.PASS) | (human.is_(None) & (auto == ItemResult.PASS))
    in_force_fail = (human == ItemResult.FAIL) | (human.is_(None) & (auto == ItemResult.FAIL))
    reviewed = human.is_not(None) | Call.reviewed_at.is_not(None)
    changed = human.is_not(None) & (human != auto)
    query = (
        select(
            ScorecardItem.item_id,
            func.max(ScorecardItem.id),
            _count(in_force_pass),
            _count(in_force_fail),
            _count(reviewed),
            _count(changed),
            _count((auto == ItemResult.PASS) & (human == ItemResult.FAIL)),
            _count((auto == ItemResult.FAIL) & (human == ItemResult.PASS)),
        )
        .join(Call, Call.current_scorecard_id == ScorecardItem.scorecard_id)
        .where(*_conditions(user, scope, today))
        .group_by(ScorecardItem.item_id)
    )
    rows = db.session.execute(query).all()
    latest = [row[1] for row in rows]  # the newest row of each item names it
    names = {
        item_id: (title, section)
        for item_id, title, section in db.session.execute(
            select(ScorecardItem.item_id, ScorecardItem.title, ScorecardItem.section).where(
                ScorecardItem.id.in_(latest)
            )
        )
    }
    return [ItemCounts(row[0], *names.get(row[0], (row[0], None)), *(int(v or 0) for v in row[2:])) for row in rows]


@dataclass
class Overview:
    """Everything the stats page shows."""

    scope: StatsScope
    first_day: date
    last_day: date
    weeks: list[date]
    total: Summary
    managers: list[Summary] = field(default_factory=list)
    teams: list[Summary] = field(default_factory=list)
    items: list[ItemRate] = field(default_factory=list)
    agreement: list[Agreement] = field(default_factory=list)


def overview(user: User, scope: StatsScope, today: date) -> Overview:
    """Statistics of the calls ``user`` may see within ``scope``."""
    starts = week_starts(today, scope.weeks)
    facts = call_facts(user, scope, today)
    people = {f.manager_id for f in facts}
    teams = {f.team_id for f in facts if f.team_id is not None}
    person_names: dict[int | None, str] = {}
    team_names: dict[int | None, str] = {None: "—"}
    if people:
        person_names.update(
            (i, n) for i, n in db.session.execute(select(User.id, User.full_name).where(User.id.in_(people)))
        )
    if teams:
        team_names.update((i, n) for i, n in db.session.execute(select(Team.id, Team.name).where(Team.id.in_(teams))))
    counts = item_counts(user, scope, today)
    return Overview(
        scope=scope,
        first_day=starts[0],
        last_day=today,
        weeks=starts,
        total=summarise(None, "", facts, starts),
        managers=summarise_groups(facts, "manager_id", person_names, starts),
        teams=summarise_groups(facts, "team_id", team_names, starts),
        items=item_rates(counts),
        agreement=calibration(counts),
    )
