"""What the development-sheet pages show: live levels and gaps, forms for who may edit, people to draft for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from wtforms import SelectChoice

from app.accounts.models import User
from app.accounts.permissions import LEARNERS, can, visible_user_ids
from app.extensions import db
from app.skills import services
from app.skills import sheets as rules
from app.skills.forms import (
    ActionForm,
    CloseForm,
    CommentForm,
    ConfirmForm,
    DraftForm,
    SheetForm,
    SheetSkillForm,
    kind_label,
    status_label,
)
from app.skills.framework import list_skills
from app.skills.levels import LevelResult
from app.skills.models import DevelopmentSheet, SheetSkill, SheetStatus


@dataclass
class SkillLine:
    """A sheet skill with the level now (or at the period's end for a closed sheet) and the gap to the target."""

    row: SheetSkill
    now: LevelResult

    @property
    def gap(self) -> float | None:
        level = self.now.level if self.now.level is not None else self.row.start_level
        return None if level is None else round(max(0.0, self.row.target_level - level), 1)

    @property
    def reached(self) -> bool:
        return self.now.level is not None and self.now.level >= self.row.target_level


def draftable_people(viewer: User) -> list[User]:
    """Managers and new hires whose sheets the viewer may draft (their supervisor or an admin)."""
    ids = visible_user_ids(viewer)
    query = select(User).where(User.active.is_(True), User.role.in_(list(LEARNERS))).order_by(User.full_name)
    if ids is not None:
        query = query.where(User.id.in_(ids))
    return [user for user in db.session.scalars(query) if can(viewer, "review", user)]


def list_page(viewer: User, person_id: int | None, status: str | None, today: date) -> dict[str, Any]:
    """The sheets list with filters and, for supervisors, the drafting form."""
    people = draftable_people(viewer)
    form = None
    if people:
        form = DraftForm()
        form.user_id.choices = [SelectChoice(p.id, p.full_name) for p in people]
        period = rules.Period.month_of(today)
        if form.period_start.data is None:
            form.period_start.data, form.period_end.data = period.start, period.end
        if person_id and not form.user_id.data:
            form.user_id.data = person_id
    return {
        "sheets": rules.list_sheets(viewer, person_id, status),
        "person": db.session.get(User, person_id) if person_id else None,
        "status": status,
        "draft_form": form,
        "today": today,
        "needs_ack": rules.needs_acknowledgement,
    }


def detail_page(sheet: DevelopmentSheet, viewer: User, today: date) -> dict[str, Any]:
    """Everything the sheet page shows, with forms only for those who may use them."""
    as_of = min(today, sheet.period_end) if sheet.is_closed else today
    lines = [SkillLine(row, services.skill_level(sheet.user_id, row.skill.key, as_of)) for row in sheet.skills]
    editable = rules.may_edit(viewer, sheet)
    skills = list_skills()
    context: dict[str, Any] = {
        "sheet": sheet,
        "lines": lines,
        "as_of": as_of,
        "today": today,
        "editable": editable,
        "is_owner": sheet.user_id == viewer.id,
        "needs_ack": rules.needs_acknowledgement(sheet),
        "confirm": ConfirmForm(),
        "kind_label": kind_label,
        "status_label": status_label,
        "comment_form": CommentForm() if not sheet.is_closed and can(viewer, "view", sheet) else None,
        "may_close": sheet.status == SheetStatus.ACTIVE and can(viewer, "review", sheet),
    }
    if editable:
        sheet_form = SheetForm(obj=sheet)
        action_form = ActionForm()
        action_form.set_choices(skills)
        action_form.status.data = action_form.status.data or "planned"
        skill_form = SheetSkillForm()
        taken = {line.row.skill_id for line in lines}
        skill_form.skill.choices = [SelectChoice(s.key, s.title) for s in skills if s.id not in taken]
        skill_form.target_level.data = skill_form.target_level.data or 3
        context.update(sheet_form=sheet_form, action_form=action_form, skill_form=skill_form, close_form=CloseForm())
    return context
