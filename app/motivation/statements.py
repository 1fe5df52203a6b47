"""Statements: open months are computed live from the facts; approved months are frozen snapshots.

A supervisor (or an admin) approves a finished month for a team: every member's statement is computed one
last time and stored as JSON; from then on that copy is shown and exported, whatever happens to calls, exams
or schemes. Services flush; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import Role, Team, User
from app.accounts.permissions import can
from app.core.domain import DomainError
from app.extensions import db
from app.motivation import calculator as calc
from app.motivation.facts import fact_for
from app.motivation.formulas import FormulaError
from app.motivation.labels import formula_message
from app.motivation.models import Attendance, FrozenStatement, PeriodClose, Reduction, Scheme
from app.motivation.periods import month_end, month_key, working_days
from app.motivation.schemes import scheme_for, to_spec

PAY_ROLES = (Role.SALES_MANAGER, Role.NEW_HIRE)


@dataclass
class StatementView:
    """Everything a statement page needs: the statement (live or frozen) and, for live ones, its inputs."""

    user: User
    period: date
    scheme: Scheme | None = None
    spec: calc.SchemeSpec | None = None
    statement: calc.Statement | None = None
    frozen: FrozenStatement | None = None
    facts: dict[str, calc.Fact] = field(default_factory=dict)
    attendance: calc.Attendance | None = None
    reductions: list[calc.Reduction] = field(default_factory=list)
    error: str | None = None
    before_hire: bool = False

    @property
    def is_frozen(self) -> bool:
        return self.frozen is not None

    @property
    def scheme_name(self) -> str:
        return self.statement.scheme if self.statement else (self.scheme.name if self.scheme else "")

    def next_steps(self) -> list[calc.NextStep]:
        """What it takes to reach the next band of each KPI (open months only)."""
        if self.is_frozen or self.spec is None or self.statement is None:
            return []
        return calc.next_steps(self.spec, self.facts, self.attendance, self.reductions)

    def what_if(self, key: str, value: Decimal) -> calc.Statement:
        """The statement if KPI ``key``'s fact were ``value``."""
        if self.spec is None or self.is_frozen:
            raise DomainError(_("Для закрытого периода прогноз не считается."))
        return calc.what_if(self.spec, self.facts, key, value, self.attendance, self.reductions)


def frozen_for(user_id: int, period: date) -> FrozenStatement | None:
    """The approved statement of a person for a month, if any."""
    return db.session.scalar(
        select(FrozenStatement).where(FrozenStatement.user_id == user_id, FrozenStatement.period == period)
    )


def close_for(team_id: int | None, period: date) -> PeriodClose | None:
    """The approval of a team's month, if any."""
    team = PeriodClose.team_id.is_(None) if team_id is None else PeriodClose.team_id == team_id
    return db.session.scalar(select(PeriodClose).where(team, PeriodClose.period == period))


def require_open(user_id: int, period: date) -> None:
    """Refuse changes to a month whose statement is frozen."""
    if frozen_for(user_id, period) is not None:
        raise DomainError(_("Период %(p)s уже утверждён: его ведомость заморожена.", p=month_key(period)))


def inputs(user: User, period: date, scheme: Scheme) -> tuple[dict[str, calc.Fact], calc.Attendance | None,
                                                                list[calc.Reduction]]:
    """Facts of every KPI and gate, attendance and reductions of a person's month."""
    start, end = period, month_end(period)
    facts = {k.key: fact_for(k.source, user.id, start, end, k.options, k.key) for k in scheme.kpis}
    facts |= {g.key: fact_for(g.source, user.id, start, end, g.options, g.key) for g in scheme.gates}
    row = db.session.scalar(select(Attendance).where(Attendance.user_id == user.id, Attendance.period == period))
    attendance = None if row is None else calc.Attendance(row.worked_days, row.working_days)
    if row is None and user.hire_date is not None and period < user.hire_date <= end:
        # hired during the month: weekdays from the hire date on count as worked, until a supervisor says otherwise
        working = working_days(period)
        attendance = calc.Attendance(Decimal(working - working_days(period, user.hire_date - timedelta(days=1))),
                                     Decimal(working))
    reductions = [
        calc.Reduction(r.amount, r.reason)
        for r in db.session.scalars(
            select(Reduction).where(Reduction.user_id == user.id, Reduction.period == period).order_by(Reduction.id)
        )
    ]
    return facts, attendance, reductions


def statement_for(user: User, period: date) -> StatementView:
    """The frozen statement when the month is approved, else a live one (None when no scheme applies)."""
    frozen = frozen_for(user.id, period)
    if frozen is not None:
        return StatementView(user, period, statement=calc.Statement.from_dict(frozen.data), frozen=frozen)
    if user.hire_date is not None and user.hire_date > month_end(period):
        return StatementView(user, period, before_hire=True)
    scheme = scheme_for(user, period)
    view = StatementView(user, period, scheme=scheme)
    if scheme is None:
        return view
    view.spec = to_spec(scheme)
    view.facts, view.attendance, view.reductions = inputs(user, period, scheme)
    try:
        view.statement = calc.compute(view.spec, view.facts, view.attendance, view.reductions)
    except FormulaError as error:
        view.error = formula_message(error)
    return view


def team_people(team_id: int | None) -> list[User]:
    """Active managers and new hires of a team (None: people without a team)."""
    team = User.team_id.is_(None) if team_id is None else User.team_id == team_id
    return list(db.session.scalars(
        select(User).where(team, User.active.is_(True), User.role.in_(PAY_ROLES)).order_by(User.full_name)
    ))


def can_close(actor: User, team_id: int | None) -> bool:
    """The team's supervisor or an admin approves its months."""
    if actor.role == Role.ADMIN:
        return True
    team = db.session.get(Team, team_id) if team_id is not None else None
    return team is not None and team.supervisor_id == actor.id and can(actor, "manage_pay")


def freeze_team(team_id: int | None, period: date, actor: User, today: date) -> PeriodClose:
    """Approve a finished month: store every member's statement as it is now; refuses twice or too early."""
    if not can_close(actor, team_id):
        raise DomainError(_("Утвердить период может руководитель этой команды или администратор."))
    if month_end(period) >= today:
        raise DomainError(_("Месяц %(p)s ещё не закончился: утвердить его можно с первого числа следующего.",
                            p=month_key(period)))
    if close_for(team_id, period) is not None:
        raise DomainError(_("Период %(p)s для этой команды уже утверждён.", p=month_key(period)))
    views = [statement_for(person, period) for person in team_people(team_id)]
    broken = [v for v in views if v.error]
    if broken:
        raise DomainError(_("Ведомость %(name)s не считается: %(error)s", name=broken[0].user.full_name,
                            error=broken[0].error))
    close = PeriodClose(team_id=team_id, period=period, approved_by_id=actor.id)
    db.session.add(close)
    db.session.flush()
    for view in views:
        if view.statement is None or view.is_frozen:
            continue
        db.session.add(FrozenStatement(
            user_id=view.user.id, period=period, close_id=close.id, scheme_id=view.scheme.id if view.scheme else None,
            data=view.statement.to_dict(), total=view.statement.total,
        ))
    db.session.flush()
    return close
