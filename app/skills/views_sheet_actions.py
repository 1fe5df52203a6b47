"""Development sheet actions (plan, edit, move along, remove) and comments."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core.domain import DomainError, apply_to_form
from app.extensions import db
from app.skills import sheet_actions as actions
from app.skills.forms import ActionForm, CommentForm, ConfirmForm, StatusForm, status_label
from app.skills.framework import list_skills
from app.skills.models import SheetAction
from app.skills.views import bp
from app.skills.views_sheets import get_sheet, run_and_return, sheet_url


def _action(sheet_id: int, action_id: int, edit: bool = True) -> SheetAction:
    sheet = get_sheet(sheet_id, edit=edit)
    action = db.get_or_404(SheetAction, action_id)
    if action.sheet_id != sheet.id:
        abort(404)
    return action


@bp.post("/skills/sheets/<int:sheet_id>/actions")
@login_required
def add_action(sheet_id: int):
    sheet = get_sheet(sheet_id, edit=True)
    form = ActionForm()
    form.set_choices(list_skills())
    return run_and_return(
        sheet, form, lambda: actions.add_action(sheet, form.as_data()), _("Действие добавлено."), "sheet-actions"
    )


@bp.route("/skills/sheets/<int:sheet_id>/actions/<int:action_id>/edit", methods=["GET", "POST"])
@login_required
def edit_action(sheet_id: int, action_id: int):
    action = _action(sheet_id, action_id)
    form = ActionForm()
    form.set_choices(list_skills())
    if request.method == "GET":
        form.fill(action)
    if form.validate_on_submit():
        try:
            actions.update_action(action, form.as_data())
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Действие сохранено."), "success")
            return redirect(sheet_url(action.sheet, "sheet-actions"))
    return render_template("skills/action_form.html", form=form, action=action, sheet=action.sheet)


@bp.post("/skills/sheets/<int:sheet_id>/actions/<int:action_id>/status")
@login_required
def action_status(sheet_id: int, action_id: int):
    action = _action(sheet_id, action_id, edit=False)
    form = StatusForm()
    status = form.status.data or ""
    label = status_label(status) if status in {"planned", "in_progress", "done", "cancelled"} else status
    return run_and_return(
        action.sheet,
        form,
        lambda: actions.set_action_status(action, status, current_user),
        _("Статус действия: %(s)s.", s=label),
        "sheet-actions",
    )


@bp.post("/skills/sheets/<int:sheet_id>/actions/<int:action_id>/delete")
@login_required
def delete_action(sheet_id: int, action_id: int):
    action = _action(sheet_id, action_id)
    sheet = action.sheet
    return run_and_return(
        sheet, ConfirmForm(), lambda: actions.delete_action(action), _("Действие удалено."), "sheet-actions"
    )


@bp.post("/skills/sheets/<int:sheet_id>/comments")
@login_required
def comment(sheet_id: int):
    sheet = get_sheet(sheet_id)
    form = CommentForm()
    return run_and_return(
        sheet,
        form,
        lambda: actions.add_comment(sheet, current_user, form.text.data or ""),
        _("Комментарий добавлен."),
        "sheet-comments",
    )
