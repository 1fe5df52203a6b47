"""Skills pages: my skills, a person's skills, one skill's evidence, supervisor ratings, the team matrix.

The framework editor lives in ``views_framework``, development sheets in ``views_sheets``.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.models import User
from app.accounts.permissions import require
from app.core.domain import DomainError, apply_to_form
from app.extensions import db
from app.skills import pages, services
from app.skills.forms import RatingForm
from app.skills.links import template_helpers

bp = Blueprint("skills", __name__, template_folder="templates")
bp.context_processor(template_helpers)


@bp.get("/skills")
@login_required
def mine():
    require("view", current_user)
    return render_template("skills/profile.html", own=True, **pages.profile_page(current_user, current_user))


@bp.get("/skills/people/<int:user_id>")
@login_required
def person(user_id: int):
    user = db.get_or_404(User, user_id)
    require("view", user)
    return render_template(
        "skills/profile.html", own=user.id == current_user.id, **pages.profile_page(user, current_user)
    )


@bp.get("/skills/people/<int:user_id>/<key>")
@login_required
def evidence(user_id: int, key: str):
    user = db.get_or_404(User, user_id)
    require("view", user)
    row = services.skill_detail(user.id, key) or abort(404)
    return render_template("skills/evidence.html", **pages.evidence_page(user, row, current_user))


@bp.post("/skills/people/<int:user_id>/<key>/rate")
@login_required
def rate(user_id: int, key: str):
    user = db.get_or_404(User, user_id)
    require("review", user)
    form = RatingForm()
    if form.validate_on_submit():
        try:
            services.rate_skill(user, key, form.level.data, form.comment.data, current_user, form.rated_on.data)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Оценка сохранена и уже учтена в уровне."), "success")
            return redirect(url_for("skills.evidence", user_id=user.id, key=key))
    row = services.skill_detail(user.id, key) or abort(404)
    context = pages.evidence_page(user, row, current_user)
    context["form"] = form
    return render_template("skills/evidence.html", **context), 400


@bp.get("/skills/team")
@login_required
def team():
    require("view_team")
    context = pages.team_page(current_user, request.args.get("team_id", type=int)) or abort(403)
    return render_template("skills/team.html", **context)


from app.skills import views_framework, views_sheets, widgets  # noqa: E402, F401  (routes, home widget)
