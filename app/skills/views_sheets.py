"""Development sheets: list, automatic draft, detail with editing, acknowledgement, closing, print view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app.accounts.models import User
from app.accounts.permissions import require
from app.core.domain import DomainError
from app.extensions import db
from app.skills import drafting, services, sheet_page
from app.skills import sheets as rules
from app.skills.forms import CloseForm, ConfirmForm, SheetForm, SheetSkillForm
from app.skills.framework import list_skills
from app.skills.models import DevelopmentSheet, SheetSkill
from app.skills.views import bp


def get_sheet(sheet_id: int, edit: bool = False) -> DevelopmentSheet:
    """The sheet, or 404; 403 unless the current user may see it (and edit it, with ``edit``)."""
    sheet = db.get_or_404(DevelopmentSheet, sheet_id)
    require("view", sheet)
    if not rules.may_view(current_user, sheet):
        abort(403)
    if edit:
        require("review", sheet)
    return sheet


def sheet_url(sheet: DevelopmentSheet, anchor: str = "") -> str:
    """The sheet page, optionally at a section."""
    return url_for("skills.sheet", sheet_id=sheet.id) + (f"#{anchor}" if anchor else "")


def run_and_return(sheet: DevelopmentSheet, form, action: Callable[[], object], success: str, anchor: str = ""):  # type: ignore[no-untyped-def]
    """Validate the form, run one service call, commit or roll back, and go back to the sheet."""
    if not form.validate_on_submit():
        errors = [  # name the field: several forms share the sheet page, "Обязательное поле." alone says not where
            f"{form[name].label.text}: {error}" if name in form else str(error)
            for name, field_errors in form.errors.items()
            for error in field_errors
        ]
        flash(" ".join(errors) or _("Проверьте введённые данные."), "danger")
        return redirect(sheet_url(sheet, anchor))
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(sheet_url(sheet, anchor))


@bp.get("/skills/sheets")
@login_required
def sheets():
    require("view", current_user)
    person_id = request.args.get("person_id", type=int)
    if person_id:  # filtering by someone names them in the heading: only for people the viewer may see
        require("view", db.get_or_404(User, person_id))
    context = sheet_page.list_page(current_user, person_id, request.args.get("status") or None, date.today())
    return render_template("skills/sheets.html", **context)


@bp.post("/skills/sheets/draft")
@login_required
def draft():
    require("view", current_user)
    context = sheet_page.list_page(current_user, None, None, date.today())
    form = context["draft_form"] or abort(403)
    if form.validate_on_submit():
        person = db.get_or_404(User, form.user_id.data)
        require("review", person)
        try:
            sheet = drafting.draft_sheet(person, form.period(), current_user)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(
                _(
                    "Черновик составлен по самым слабым навыкам и частым ошибкам в звонках. Проверьте и передайте "
                    "сотруднику."
                ),
                "success",
            )
            return redirect(url_for("skills.sheet", sheet_id=sheet.id))
    return render_template("skills/sheets.html", **context), 400


@bp.get("/skills/sheets/<int:sheet_id>")
@login_required
def sheet(sheet_id: int):
    sheet = get_sheet(sheet_id)
    return render_template("skills/sheet.html", **sheet_page.detail_page(sheet, current_user, date.today()))


@bp.get("/skills/sheets/<int:sheet_id>/print")
@login_required
def sheet_print(sheet_id: int):
    sheet = get_sheet(sheet_id)
    return render_template("skills/sheet_print.html", **sheet_page.detail_page(sheet, current_user, date.today()))


@bp.post("/skills/sheets/<int:sheet_id>/edit")
@login_required
def sheet_update(sheet_id: int):
    sheet = get_sheet(sheet_id, edit=True)
    form = SheetForm()
    return run_and_return(
        sheet, form, lambda: rules.update_sheet(sheet, form.summary.data or "", form.period()), _("Лист сохранён.")
    )


@bp.post("/skills/sheets/<int:sheet_id>/share")
@login_required
def share(sheet_id: int):
    sheet = get_sheet(sheet_id, edit=True)
    return run_and_return(
        sheet,
        ConfirmForm(),
        lambda: rules.share_sheet(sheet),
        _("Лист передан сотруднику: он увидит его и подтвердит ознакомление."),
    )


@bp.post("/skills/sheets/<int:sheet_id>/acknowledge")
@login_required
def acknowledge(sheet_id: int):
    sheet = get_sheet(sheet_id)
    if sheet.user_id != current_user.id:
        abort(403)
    return run_and_return(
        sheet,
        ConfirmForm(),
        lambda: rules.acknowledge(sheet, current_user),
        _("Спасибо! Ознакомление с листом отмечено."),
    )


@bp.post("/skills/sheets/<int:sheet_id>/close")
@login_required
def close(sheet_id: int):
    sheet = get_sheet(sheet_id, edit=True)
    form = CloseForm()
    return run_and_return(
        sheet,
        form,
        lambda: rules.close_sheet(sheet, current_user, form.note.data or ""),
        _("Лист закрыт и сохранён в истории."),
    )


@bp.post("/skills/sheets/<int:sheet_id>/delete")
@login_required
def delete(sheet_id: int):
    sheet = get_sheet(sheet_id, edit=True)
    user_id = sheet.user_id
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        rules.delete_draft(sheet)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(sheet_url(sheet))
    db.session.commit()
    flash(_("Черновик удалён."), "success")
    return redirect(url_for("skills.sheets", person_id=user_id))


@bp.post("/skills/sheets/<int:sheet_id>/skills")
@login_required
def add_skill(sheet_id: int):
    sheet = get_sheet(sheet_id, edit=True)
    form = SheetSkillForm()
    form.skill.choices = [SelectChoice(s.key, s.title) for s in list_skills()]

    def run() -> object:
        start = services.skill_level(sheet.user_id, form.skill.data or "").level
        return rules.add_skill(sheet, form.skill.data or "", form.target_level.data, start, form.note.data or "")

    return run_and_return(sheet, form, run, _("Навык добавлен в лист."), "sheet-skills")


@bp.post("/skills/sheets/<int:sheet_id>/skills/<int:row_id>")
@login_required
def update_skill(sheet_id: int, row_id: int):
    sheet = get_sheet(sheet_id, edit=True)
    row = db.get_or_404(SheetSkill, row_id)
    if row.sheet_id != sheet.id:
        abort(404)
    form = SheetSkillForm()
    form.skill.choices = [SelectChoice(row.skill.key, row.skill.title)]
    if request.form.get("remove"):
        return run_and_return(
            sheet, ConfirmForm(), lambda: rules.remove_skill(row), _("Навык убран из листа."), "sheet-skills"
        )
    return run_and_return(
        sheet,
        form,
        lambda: rules.update_skill_target(row, form.target_level.data, form.note.data or ""),
        _("Цель сохранена."),
        "sheet-skills",
    )


from app.skills import views_sheet_actions  # noqa: E402, F401  (action and comment routes)
