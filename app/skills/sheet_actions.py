"""Development sheet actions (plan, change, move along, remove) and comments. Services flush; the view commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _

from app.accounts.models import User, utcnow
from app.core.domain import DomainError
from app.extensions import db
from app.skills.framework import get_skill
from app.skills.models import ActionKind, ActionStatus, DevelopmentSheet, SheetAction, SheetComment, SheetStatus
from app.skills.sheets import MAX_TEXT, ensure_editable, may_edit, touch


@dataclass
class ActionData:
    """What a supervisor enters for a planned action."""

    kind: str
    title: str
    skill_key: str | None = None
    target_ref: str | None = None
    due_date: date | None = None
    status: str = ActionStatus.PLANNED.value
    comment: str = ""


def _check_action(sheet: DevelopmentSheet, data: ActionData) -> tuple[int | None, ActionKind, ActionStatus]:
    if data.kind not in {k.value for k in ActionKind}:
        raise DomainError(_("Выберите тип действия."), "kind")
    if not (data.title or "").strip():
        raise DomainError(_("Опишите действие: что сделать и как понять, что сделано."), "title")
    if len(data.title) > 300:
        raise DomainError(_("Название действия длиннее 300 символов."), "title")
    if data.status not in {s.value for s in ActionStatus}:
        raise DomainError(_("Выберите статус."), "status")
    if data.due_date is not None and not (
        sheet.period_start - timedelta(days=31) <= data.due_date <= sheet.period_end + timedelta(days=31)
    ):
        raise DomainError(_("Срок должен быть в пределах периода листа (плюс-минус месяц)."), "due_date")
    skill_id = None
    if data.skill_key:
        skill = get_skill(data.skill_key)
        if skill is None:
            raise DomainError(_("Такого навыка нет в модели."), "skill_key")
        skill_id = skill.id
    return skill_id, ActionKind(data.kind), ActionStatus(data.status)


def add_action(sheet: DevelopmentSheet, data: ActionData) -> SheetAction:
    """Plan an action on an open sheet."""
    ensure_editable(sheet)
    skill_id, kind, status = _check_action(sheet, data)
    action = SheetAction(
        skill_id=skill_id,
        kind=kind,
        title=data.title.strip(),
        target_ref=(data.target_ref or None),
        due_date=data.due_date,
        status=status,
        comment=(data.comment or "").strip(),
        done_at=utcnow() if status == ActionStatus.DONE else None,
    )
    sheet.actions.append(action)
    touch(sheet)
    db.session.flush()
    return action


def update_action(action: SheetAction, data: ActionData) -> SheetAction:
    """Change a planned action (supervisor)."""
    ensure_editable(action.sheet)
    skill_id, kind, status = _check_action(action.sheet, data)
    action.skill_id, action.kind, action.title = skill_id, kind, data.title.strip()
    action.target_ref, action.due_date, action.comment = data.target_ref or None, data.due_date, data.comment.strip()
    _set_status(action, status)
    touch(action.sheet)
    db.session.flush()
    return action


def _set_status(action: SheetAction, status: ActionStatus) -> None:
    if status == ActionStatus.DONE and action.status != ActionStatus.DONE:
        action.done_at = utcnow()
    elif status != ActionStatus.DONE:
        action.done_at = None
    action.status = status


def set_action_status(action: SheetAction, status: str, user: User) -> SheetAction:
    """Move an action along (the employee on a shared sheet, or whoever may edit the sheet)."""
    sheet = action.sheet
    ensure_editable(sheet)
    if status not in {s.value for s in ActionStatus}:
        raise DomainError(_("Выберите статус."), "status")
    own = sheet.user_id == user.id and sheet.status == SheetStatus.ACTIVE
    if not own and not may_edit(user, sheet):
        raise DomainError(_("Отмечать действия может сотрудник или его руководитель."))
    if own and not may_edit(user, sheet) and status == ActionStatus.CANCELLED.value:
        raise DomainError(_("Отменить действие может только руководитель."), "status")
    _set_status(action, ActionStatus(status))
    db.session.flush()
    return action


def delete_action(action: SheetAction) -> None:
    """Remove a planned action from an open sheet."""
    sheet = action.sheet
    ensure_editable(sheet)
    sheet.actions.remove(action)
    touch(sheet)
    db.session.flush()


def add_comment(sheet: DevelopmentSheet, author: User, text: str) -> SheetComment:
    """A remark by the employee or a supervisor on an open sheet."""
    ensure_editable(sheet)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Напишите текст комментария."), "text")
    if len(text) > MAX_TEXT:
        raise DomainError(_("Комментарий длиннее %(n)s символов.", n=MAX_TEXT), "text")
    comment = SheetComment(author_id=author.id, text=text)
    sheet.comments.append(comment)
    db.session.flush()
    return comment
