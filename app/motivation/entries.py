"""What a supervisor enters for a person's month: manual KPI values, worked days, disciplinary reductions.

Only the person's supervisor or an admin (``review``), only for open months. Services flush; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User
from app.accounts.permissions import can
from app.core.domain import DomainError
from app.extensions import db
from app.motivation.formulas import FormulaError, days_coefficient
from app.motivation.labels import domain_error
from app.motivation.models import Attendance, ManualValue, Reduction, Scheme
from app.motivation.periods import working_days
from app.motivation.statements import require_open

MAX_TEXT = 2000


@dataclass(frozen=True)
class ManualSlot:
    """A manual KPI or gate of the person's scheme that waits for a value."""

    key: str
    name: str
    plan: Decimal | None
    current: ManualValue | None


def _guard(person: User, period: date, actor: User) -> None:
    if not can(actor, "review", person):
        raise DomainError(_("Вносить данные может только руководитель сотрудника или администратор."))
    require_open(person.id, period)


def _text(value: str, field: str, required: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(required, field)
    if len(value) > MAX_TEXT:
        raise DomainError(_("Не длиннее %(n)s символов.", n=MAX_TEXT), field)
    return value


def manual_slots(person: User, period: date, scheme: Scheme | None) -> list[ManualSlot]:
    """The scheme's manual KPIs and gates with the value in force."""
    if scheme is None:
        return []
    parts = [(k.key, k.name, k.plan) for k in scheme.kpis if k.source == "manual"]
    parts += [(g.key, g.name, None) for g in scheme.gates if g.source == "manual"]
    slots = []
    for key, name, plan in parts:
        current = db.session.scalars(
            select(ManualValue).where(ManualValue.user_id == person.id, ManualValue.period == period,
                                      ManualValue.key == key).order_by(ManualValue.id.desc()).limit(1)
        ).first()
        slots.append(ManualSlot(key, name, plan, current))
    return slots


def set_manual_value(person: User, period: date, key: str, value: Decimal, comment: str, actor: User,
                     scheme: Scheme | None) -> ManualValue:
    """Record a value for a manual KPI or gate; the comment (why this value) is mandatory."""
    _guard(person, period, actor)
    if key not in {slot.key for slot in manual_slots(person, period, scheme)}:
        raise DomainError(_("В схеме сотрудника нет такого ручного показателя."), "key")
    if value < 0:
        raise DomainError(_("Значение не может быть отрицательным."), "value")
    text = _text(comment, "comment", _("Напишите, на чём основано значение: сотрудник увидит это в ведомости."))
    entry = ManualValue(user_id=person.id, period=period, key=key, value=value, comment=text, entered_by_id=actor.id)
    db.session.add(entry)
    db.session.flush()
    return entry


def attendance_of(person: User, period: date) -> Attendance | None:
    """The month's worked days, when entered."""
    return db.session.scalar(select(Attendance).where(Attendance.user_id == person.id, Attendance.period == period))


def set_attendance(person: User, period: date, worked: Decimal, working: Decimal | None, comment: str,
                   actor: User) -> Attendance:
    """Record worked days (working days default to the month's weekdays)."""
    _guard(person, period, actor)
    working = working if working is not None else Decimal(working_days(period))
    try:
        days_coefficient(worked, working)
    except FormulaError as error:
        raise domain_error(error, "worked_days") from error
    row = attendance_of(person, period)
    if row is None:
        row = Attendance(user_id=person.id, period=period)
        db.session.add(row)
    row.worked_days, row.working_days = worked, working
    row.comment, row.entered_by_id = (comment or "").strip()[:500], actor.id
    db.session.flush()
    return row


def clear_attendance(person: User, period: date, actor: User) -> None:
    """Back to a full month."""
    _guard(person, period, actor)
    row = attendance_of(person, period)
    if row is not None:
        db.session.delete(row)
        db.session.flush()


def reductions_of(person: User, period: date) -> list[Reduction]:
    """The month's disciplinary reductions as entered."""
    return list(db.session.scalars(
        select(Reduction).where(Reduction.user_id == person.id, Reduction.period == period).order_by(Reduction.id)
    ))


def add_reduction(person: User, period: date, amount: Decimal, reason: str, actor: User) -> Reduction:
    """Record a disciplinary reduction; the basis (order number, offence) is mandatory."""
    _guard(person, period, actor)
    if amount <= 0:
        raise DomainError(_("Сумма снижения должна быть больше нуля."), "amount")
    text = _text(reason, "reason", _("Укажите основание: приказ о взыскании, дата и проступок."))
    row = Reduction(user_id=person.id, period=period, amount=amount, reason=text, entered_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    return row


def delete_reduction(reduction: Reduction, actor: User) -> None:
    """Withdraw a reduction of an open month."""
    person = db.session.get(User, reduction.user_id)
    if person is None:
        raise DomainError(_("Сотрудник не найден."))
    _guard(person, reduction.period, actor)
    db.session.delete(reduction)
    db.session.flush()
