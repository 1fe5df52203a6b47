"""Development sheet rules: who sees and edits what, sharing, acknowledgement, closing, focus skills.

Life cycle: ``draft`` (the supervisor prepares it; the employee does not see it yet) -> ``active`` (shared with the
employee, who acknowledges it; actions are worked on) -> ``closed`` (kept read-only as history). Services flush;
the view commits. Permissions: ``view`` to see (plus: the employee never sees own drafts), ``review`` to edit.
Actions and comments live in :mod:`app.skills.sheet_actions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.models import User, utcnow
from app.accounts.permissions import can, visible_user_ids
from app.core.domain import DomainError
from app.extensions import db
from app.skills.framework import get_skill
from app.skills.levels import MAX_LEVEL, MIN_LEVEL
from app.skills.models import (
    OPEN_ACTION_STATUSES,
    DevelopmentSheet,
    SheetAction,
    SheetSkill,
    SheetStatus,
)

MAX_TEXT = 4000
MAX_PERIOD_DAYS = 366
MAX_SKILLS = 6
DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class Period:
    """A sheet's period, both ends inclusive."""

    start: date
    end: date

    @classmethod
    def month_of(cls, day: date) -> Period:
        """The calendar month containing ``day``."""
        start = day.replace(day=1)
        following = (start + timedelta(days=32)).replace(day=1)
        return cls(start, following - timedelta(days=1))

    def previous(self) -> Period:
        """The period of the same length just before this one (a month before a month)."""
        if self.start.day == 1 and (self.end + timedelta(days=1)).day == 1:
            return Period.month_of(self.start - timedelta(days=1))
        length = self.end - self.start
        return Period(self.start - length - timedelta(days=1), self.start - timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


# ---- visibility -------------------------------------------------------------------------------------------------


def may_view(user: User, sheet: DevelopmentSheet) -> bool:
    """The employee, their supervisor, trainers and admins; an employee sees own sheets once shared."""
    if not can(user, "view", sheet):
        return False
    return not (sheet.status == SheetStatus.DRAFT and sheet.user_id == user.id and not can(user, "review", sheet))


def may_edit(user: User, sheet: DevelopmentSheet) -> bool:
    """The employee's supervisor or an admin, while the sheet is not closed."""
    return not sheet.is_closed and can(user, "review", sheet)


def list_sheets(viewer: User, person_id: int | None = None, status: str | None = None) -> list[DevelopmentSheet]:
    """Sheets the viewer may see, newest period first, optionally for one person or in one status."""
    query = (
        select(DevelopmentSheet)
        .options(
            selectinload(DevelopmentSheet.user),
            selectinload(DevelopmentSheet.skills).selectinload(SheetSkill.skill),
            selectinload(DevelopmentSheet.actions),
        )
        .order_by(DevelopmentSheet.period_start.desc(), DevelopmentSheet.id.desc())
    )
    ids = visible_user_ids(viewer)
    if ids is not None:
        query = query.where(DevelopmentSheet.user_id.in_(ids))
    if person_id is not None:
        query = query.where(DevelopmentSheet.user_id == person_id)
    if status in {s.value for s in SheetStatus}:
        query = query.where(DevelopmentSheet.status == SheetStatus(status))
    return [sheet for sheet in db.session.scalars(query) if may_view(viewer, sheet)]


def open_sheet_for(user_id: int, period: Period) -> DevelopmentSheet | None:
    """A draft or active sheet of this person overlapping the period, if any."""
    return db.session.scalar(
        select(DevelopmentSheet).where(
            DevelopmentSheet.user_id == user_id,
            DevelopmentSheet.status != SheetStatus.CLOSED,
            DevelopmentSheet.period_start <= period.end,
            DevelopmentSheet.period_end >= period.start,
        )
    )


def due_actions(user_id: int, today: date, within_days: int = DUE_SOON_DAYS) -> list[SheetAction]:
    """Open actions of the person's active sheets due within ``within_days`` (overdue ones included), soonest first."""
    query = (
        select(SheetAction)
        .join(DevelopmentSheet)
        .where(
            DevelopmentSheet.user_id == user_id,
            DevelopmentSheet.status == SheetStatus.ACTIVE,
            SheetAction.status.in_(OPEN_ACTION_STATUSES),
            SheetAction.due_date.is_not(None),
            SheetAction.due_date <= today + timedelta(days=within_days),
        )
        .order_by(SheetAction.due_date, SheetAction.id)
    )
    return list(db.session.scalars(query))


def awaiting_acknowledgement(user_id: int) -> list[DevelopmentSheet]:
    """Active sheets of the person not acknowledged since their last change."""
    sheets = db.session.scalars(
        select(DevelopmentSheet).where(
            DevelopmentSheet.user_id == user_id, DevelopmentSheet.status == SheetStatus.ACTIVE
        )
    )
    return [sheet for sheet in sheets if needs_acknowledgement(sheet)]


def needs_acknowledgement(sheet: DevelopmentSheet) -> bool:
    """Shared and either never acknowledged or changed after the acknowledgement."""
    if sheet.status != SheetStatus.ACTIVE:
        return False
    return sheet.acknowledged_at is None or _aware(sheet.changed_at) > _aware(sheet.acknowledged_at)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment  # SQLite returns naive datetimes


# ---- state changes ----------------------------------------------------------------------------------------------


def ensure_editable(sheet: DevelopmentSheet) -> None:
    """Refuse any change to a closed sheet."""
    if sheet.is_closed:
        raise DomainError(_("Лист закрыт и хранится как история: изменить его нельзя."))


def touch(sheet: DevelopmentSheet) -> None:
    """Record a content change (the employee is asked to acknowledge again)."""
    sheet.changed_at = utcnow()


def check_period(period: Period) -> None:
    """A period runs forwards and is at most a year long."""
    if period.end < period.start:
        raise DomainError(_("Конец периода раньше начала."), "period_end")
    if period.days > MAX_PERIOD_DAYS:
        raise DomainError(_("Период листа развития — не больше года."), "period_end")


def update_sheet(sheet: DevelopmentSheet, summary: str, period: Period) -> DevelopmentSheet:
    """Change the summary and the period of an open sheet."""
    ensure_editable(sheet)
    check_period(period)
    other = open_sheet_for(sheet.user_id, period)
    if other is not None and other.id != sheet.id:
        raise DomainError(
            _("У сотрудника уже есть открытый лист на этот период (№%(id)s).", id=other.id), "period_start"
        )
    if len(summary or "") > MAX_TEXT:
        raise DomainError(_("Текст длиннее %(n)s символов.", n=MAX_TEXT), "summary")
    sheet.summary = (summary or "").strip()
    sheet.period_start, sheet.period_end = period.start, period.end
    touch(sheet)
    db.session.flush()
    return sheet


def share_sheet(sheet: DevelopmentSheet) -> DevelopmentSheet:
    """Show a draft to the employee (they can then acknowledge it)."""
    if sheet.status != SheetStatus.DRAFT:
        raise DomainError(_("Лист уже передан сотруднику."))
    if not sheet.skills and not sheet.actions:
        raise DomainError(_("Добавьте хотя бы один навык или действие, прежде чем передавать лист."))
    sheet.status, sheet.shared_at = SheetStatus.ACTIVE, utcnow()
    db.session.flush()
    return sheet


def acknowledge(sheet: DevelopmentSheet, user: User) -> DevelopmentSheet:
    """The employee confirms they have read the sheet (again after a change); records the moment."""
    if sheet.user_id != user.id:
        raise DomainError(_("Ознакомиться с листом может только сам сотрудник."))
    if sheet.status != SheetStatus.ACTIVE:
        raise DomainError(_("С листом можно ознакомиться, пока он действует."))
    sheet.acknowledged_at = utcnow()
    db.session.flush()
    return sheet


def close_sheet(sheet: DevelopmentSheet, by: User, note: str = "") -> DevelopmentSheet:
    """End an active sheet; it stays as read-only history with the closing note."""
    if sheet.status != SheetStatus.ACTIVE:
        raise DomainError(_("Закрыть можно только действующий лист.") if not sheet.is_closed else _("Лист уже закрыт."))
    if len(note or "") > MAX_TEXT:
        raise DomainError(_("Текст длиннее %(n)s символов.", n=MAX_TEXT), "note")
    sheet.status, sheet.closed_at, sheet.closed_by_id = SheetStatus.CLOSED, utcnow(), by.id
    sheet.closing_note = (note or "").strip()
    db.session.flush()
    return sheet


def delete_draft(sheet: DevelopmentSheet) -> None:
    """Throw a draft away (shared and closed sheets are kept)."""
    if sheet.status != SheetStatus.DRAFT:
        raise DomainError(_("Удалить можно только черновик; действующий лист закройте."))
    db.session.delete(sheet)
    db.session.flush()


# ---- skills on a sheet ------------------------------------------------------------------------------------------


def _target(value: int | None) -> int:
    if value is None or not MIN_LEVEL <= int(value) <= MAX_LEVEL:
        raise DomainError(_("Целевой уровень — от 1 до 5."), "target_level")
    return int(value)


def add_skill(sheet: DevelopmentSheet, key: str, target: int, start_level: float | None, note: str = "") -> SheetSkill:
    """Put a skill on the sheet with a target level."""
    ensure_editable(sheet)
    skill = get_skill(key)
    if skill is None:
        raise DomainError(_("Такого навыка нет в модели."), "skill")
    if any(row.skill_id == skill.id for row in sheet.skills):
        raise DomainError(_("Этот навык уже есть в листе."), "skill")
    if len(sheet.skills) >= MAX_SKILLS:
        raise DomainError(_("В листе не больше %(n)s навыков: сфокусируйтесь на главном.", n=MAX_SKILLS), "skill")
    row = SheetSkill(
        skill=skill,
        position=len(sheet.skills),
        start_level=start_level,
        target_level=_target(target),
        note=(note or "").strip(),
    )
    sheet.skills.append(row)
    touch(sheet)
    db.session.flush()
    return row


def update_skill_target(row: SheetSkill, target: int, note: str) -> SheetSkill:
    """Change a sheet skill's target level and note."""
    ensure_editable(row.sheet)
    row.target_level, row.note = _target(target), (note or "").strip()
    touch(row.sheet)
    db.session.flush()
    return row


def remove_skill(row: SheetSkill) -> None:
    """Take a skill off the sheet (its actions stay, without the skill)."""
    sheet = row.sheet
    ensure_editable(sheet)
    for action in sheet.actions:
        if action.skill_id == row.skill_id:
            action.skill_id = None
    sheet.skills.remove(row)
    touch(sheet)
    db.session.flush()
