"""The skills framework editor (trainers and admins): list, edit a skill, import the default skills."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.permissions import require
from app.core.domain import DomainError, apply_to_form
from app.extensions import db
from app.skills import framework
from app.skills.forms import ConfirmForm, SkillForm, method_label
from app.skills.views import bp


@bp.get("/skills/framework")
@login_required
def framework_index():
    require("view", current_user)
    skills = framework.list_skills()
    missing = len(framework.load_defaults()) - len(skills)
    return render_template(
        "skills/framework.html",
        skills=skills,
        missing=max(0, missing),
        method_label=method_label,
        confirm=ConfirmForm(),
    )


@bp.route("/skills/framework/<key>/edit", methods=["GET", "POST"])
@login_required
def edit_skill(key: str):
    require("edit_content")
    skill = framework.get_skill(key) or abort(404)
    form = SkillForm()
    form.set_choices()
    if request.method == "GET":
        form.fill(skill)
    if form.validate_on_submit():
        try:
            framework.update_skill(skill, form.as_data(), current_user)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Навык «%(t)s» сохранён. Уровни пересчитаны по новым правилам.", t=skill.title), "success")
            return redirect(url_for("skills.framework_index"))
    return render_template("skills/skill_form.html", form=form, skill=skill)


@bp.post("/skills/framework/import")
@login_required
def import_defaults():
    require("edit_content")
    if ConfirmForm().validate_on_submit():
        created = framework.import_defaults()
        db.session.commit()
        flash(
            _("Добавлено навыков: %(n)s.", n=len(created)) if created else _("Все навыки по умолчанию уже есть."),
            "success",
        )
    return redirect(url_for("skills.framework_index"))
