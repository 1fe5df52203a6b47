"""The supervisor's dashboard: team statements, leaderboards per KPI, trend over months, contests with live ranking."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import or_, select

from app.accounts.models import Role, Team, User
from app.core import charts
from app.core.domain import DomainError
from app.extensions import db
from app.motivation.facts import CONTEST_SOURCES, SALES, fact_for
from app.motivation.formulas import achievement
from app.motivation.models import Contest
from app.motivation.periods import month_key, months_back
from app.motivation.schemes import supervised_team_ids
from app.motivation.statements import PAY_ROLES, StatementView, close_for, statement_for, team_people

MAX_CONTEST_DAYS = 92
TREND_MONTHS = 6


def teams_for(user: User) -> list[Team]:
    """Teams whose pay a user manages: all for an admin, their own for a supervisor."""
    query = select(Team).order_by(Team.name)
    if user.role != Role.ADMIN:
        query = query.where(Team.id.in_(supervised_team_ids(user) or [-1]))
    return list(db.session.scalars(query))


@dataclass
class BoardRow:
    """One person on a leaderboard."""

    user: User
    achievement: Decimal | None
    amount: Decimal
    fact: str | None
    unit: str


@dataclass
class Board:
    """A leaderboard for one KPI, best first."""

    key: str
    name: str
    rows: list[BoardRow] = field(default_factory=list)


def team_views(team_id: int | None, period: date) -> list[StatementView]:
    """Every member's statement for the month (frozen or live)."""
    return [statement_for(person, period) for person in team_people(team_id)]


def leaderboards(views: list[StatementView]) -> list[Board]:
    """Per KPI: people ranked by achievement (no data last)."""
    boards: dict[str, Board] = {}
    for view in views:
        if view.statement is None:
            continue
        for line in view.statement.lines:
            if line.kind != "kpi":
                continue
            board = boards.setdefault(line.key, Board(line.key, line.name))
            reached = line.data.get("achievement")
            board.rows.append(BoardRow(view.user, Decimal(reached) if reached is not None else None, line.amount,
                                       line.data.get("fact"), line.data.get("unit", "points")))
    for board in boards.values():
        board.rows.sort(key=lambda r: (r.achievement is None, -(r.achievement or 0), r.user.full_name))
    return list(boards.values())


def trend_chart(team_id: int | None, period: date, months: int = TREND_MONTHS) -> Markup | None:
    """Team average achievement per KPI over the last months (server-side SVG); None without data."""
    periods = months_back(period, months)
    series: dict[str, tuple[str, list[Decimal | None]]] = {}
    people = team_people(team_id)
    for index, month in enumerate(periods):
        sums: dict[str, list[Decimal]] = {}
        for person in people:
            view = statement_for(person, month)
            for line in view.statement.lines if view.statement else []:
                if line.kind == "kpi" and line.data.get("achievement") is not None:
                    sums.setdefault(line.key, []).append(Decimal(line.data["achievement"]))
                    series.setdefault(line.key, (line.name, [None] * len(periods)))
        for key, values in sums.items():
            series[key][1][index] = sum(values, Decimal(0)) / len(values)
    if not series:
        return None
    first = min(i for _n, values in series.values() for i, v in enumerate(values) if v is not None)
    periods = periods[first:]  # start where the data starts: no flat run of empty months
    series = {key: (name, values[first:]) for key, (name, values) in series.items()}
    top = max((float(v) for _n, vals in series.values() for v in vals if v is not None), default=100.0)
    y_max = max(150.0, float(int(top / 25 + 1) * 25))
    lines = [charts.Series(name, [None if v is None else float(v) for v in values]) for name, values in series.values()]
    return charts.trend_chart([month_key(p) for p in periods], lines, y_min=0, y_max=y_max, y_step=25,
                             label=_("Выполнение KPI командой, % плана"))


def totals_chart(views: list[StatementView]) -> Markup | None:
    """Each person's pay as a percentage of the target pay (bars)."""
    bars = [
        charts.Bar(v.user.full_name, float(v.statement.total / v.statement.target_total * 100))
        for v in views if v.statement is not None and v.statement.target_total > 0
    ]
    if not bars:
        return None
    top = max(120.0, *(b.value or 0.0 for b in bars))
    return charts.bar_chart(sorted(bars, key=lambda b: -(b.value or 0)), max_value=top,
                            label=_("Начислено, % от целевого дохода"))


# ---------------------------------------------------------------- contests


@dataclass
class ContestData:
    """A contest as entered."""

    title: str
    source: str
    team_id: int | None
    starts_on: date
    ends_on: date
    prize: str


@dataclass
class RankRow:
    """A contestant's place."""

    place: int
    user: User
    value: Decimal | None
    unit: str
    evidence: int


def create_contest(data: ContestData, actor: User) -> Contest:
    """Start a time-boxed contest on a KPI; a supervisor only for their team."""
    if data.source not in CONTEST_SOURCES:
        raise DomainError(_("Выберите показатель конкурса."), "source")
    if actor.role != Role.ADMIN and (data.team_id is None or data.team_id not in supervised_team_ids(actor)):
        raise DomainError(_("Руководитель запускает конкурсы только для своей команды."), "team_id")
    if data.ends_on < data.starts_on:
        raise DomainError(_("Конкурс не может закончиться раньше, чем начнётся."), "ends_on")
    if (data.ends_on - data.starts_on).days + 1 > MAX_CONTEST_DAYS:
        raise DomainError(_("Конкурс длится не больше %(n)s дней: короткие конкурсы лучше держат темп.",
                            n=MAX_CONTEST_DAYS), "ends_on")
    contest = Contest(title=data.title.strip(), source=data.source, team_id=data.team_id, starts_on=data.starts_on,
                      ends_on=data.ends_on, prize=data.prize.strip(), created_by_id=actor.id)
    db.session.add(contest)
    db.session.flush()
    return contest


def contest_people(contest: Contest) -> list[User]:
    """The contestants: the team's managers and new hires (everyone's for a company-wide contest)."""
    if contest.team_id is not None:
        return team_people(contest.team_id)
    return list(db.session.scalars(
        select(User).where(User.active.is_(True), User.role.in_(PAY_ROLES)).order_by(User.full_name)
    ))


def contest_value(contest: Contest, user_id: int) -> tuple[Decimal | None, str, int]:
    """The contest metric over its dates: % of sales plan, average call score, average exam %, onboarding %."""
    options = {"mode": "average"} if contest.source == "product_knowledge" else {}
    fact = fact_for(contest.source, user_id, contest.starts_on, contest.ends_on, options, contest.source)
    value = fact.value if not isinstance(fact.value, bool) else None
    if contest.source == SALES:
        return achievement(fact.plan, value), "percent", len(fact.evidence)
    unit = "points" if contest.source == "call_quality" else "percent"
    return value, unit, len(fact.evidence)


def contest_ranking(contest: Contest) -> list[RankRow]:
    """Live ranking, best first; equal values share a place; no data last."""
    scored = [(person, *contest_value(contest, person.id)) for person in contest_people(contest)]
    scored.sort(key=lambda row: (row[1] is None, -(row[1] or 0), row[0].full_name))
    ranking, place, previous = [], 0, object()
    for index, (person, value, unit, evidence) in enumerate(scored, start=1):
        if value != previous:
            place, previous = index, value
        ranking.append(RankRow(place, person, value, unit, evidence))
    return ranking


def visible_contests(user: User, today: date, include_finished_days: int = 31) -> list[Contest]:
    """Running and recently finished contests the user takes part in or manages."""
    query = select(Contest).where(Contest.ends_on >= today - timedelta(days=include_finished_days))
    if user.role != Role.ADMIN:
        teams = supervised_team_ids(user) if user.role == Role.SUPERVISOR else [user.team_id or -1]
        query = query.where(or_(Contest.team_id.is_(None), Contest.team_id.in_(teams or [-1])))
    return list(db.session.scalars(query.order_by(Contest.ends_on.desc(), Contest.id.desc())))


def period_status(team_id: int | None, period: date, today: date) -> str:
    """``closed`` (approved), ``closable`` (finished, waiting for approval) or ``open`` (running)."""
    if close_for(team_id, period) is not None:
        return "closed"
    return "closable" if period < today.replace(day=1) else "open"
