"""Web views of the quality feature: checklists, their versions and diffs (editing in ``views_editor``).

Trainers and admins edit and publish (``edit_content``); supervisors read checklists, label utterances and
calibrate (``view_team``); managers see none of it.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.routing import BuildError

from app.accounts.permissions import can, require
from app.core.domain import DomainError, apply_to_form
from app.extensions import db
from app.quality import checklists as service
from app.quality.checklist_diff import diff_texts
from app.quality.forms import ConfirmForm, NewChecklistForm
from app.quality.models import Checklist, ChecklistVersion

bp = Blueprint("quality", __name__, template_folder="templates")

# The editor, "try it", learning loop and calibration pages add their routes to ``bp``.
from app.quality import views_calibration, views_editor, views_learning  # noqa: E402,F401


def _checklist(key: str) -> Checklist:
    checklist = service.get_checklist(key)
    if checklist is None:
        abort(404)
    return checklist


@bp.route("/quality/checklists", methods=["GET", "POST"])
@login_required
def checklists():
    require("view_team")
    form = NewChecklistForm()
    if request.method == "POST":
        require("edit_content")
        if form.validate_on_submit():
            try:
                draft = service.create_checklist(form.key.data, form.title.data, current_user)
            except DomainError as error:
                db.session.rollback()
                apply_to_form(form, error)
            else:
                db.session.commit()
                flash(_("Чек-лист создан: заполните черновик и опубликуйте его."), "success")
                return redirect(url_for("quality.checklist_edit", version_id=draft.id))
    return render_template(
        "quality/checklists.html", items=service.all_checklists(), form=form, may_edit=can(current_user, "edit_content")
    )


@bp.get("/quality/checklists/<key>")
@login_required
def checklist(key: str):
    require("view_team")
    item = _checklist(key)
    return render_template(
        "quality/checklist.html",
        checklist=item,
        confirm=ConfirmForm(),
        may_edit=can(current_user, "edit_content"),
        rescore_url=_rescore_url(),
    )


def _rescore_url() -> str | None:
    """The calls' rescoring page, for the people who may start it (None otherwise)."""
    try:
        from app.calls.rescoring import may_rescore

        return url_for("calls.rescore") if may_rescore(current_user) else None
    except (ImportError, BuildError):
        return None


@bp.post("/quality/checklists/<key>/drafts")
@login_required
def new_draft(key: str):
    require("edit_content")
    item = _checklist(key)
    source = db.session.get(ChecklistVersion, request.form.get("version_id", type=int) or 0)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        draft = service.create_draft(item, current_user, source)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
        return redirect(url_for("quality.checklist", key=key))
    db.session.commit()
    flash(_("Черновик версии %(n)s создан.", n=draft.number), "success")
    return redirect(url_for("quality.checklist_edit", version_id=draft.id))


@bp.get("/quality/checklists/versions/<int:version_id>")
@login_required
def checklist_version(version_id: int):
    require("view_team")
    version = db.get_or_404(ChecklistVersion, version_id)
    return render_template(
        "quality/checklist_version.html",
        version=version,
        confirm=ConfirmForm(),
        may_edit=can(current_user, "edit_content"),
    )


@bp.get("/quality/checklists/<key>/diff")
@login_required
def checklist_diff(key: str):
    require("view_team")
    item = _checklist(key)
    by_number = {v.number: v for v in item.versions}
    numbers = sorted(by_number)
    if len(numbers) < 2:
        flash(_("Сравнивать пока не с чем: у чек-листа одна версия."), "info")
        return redirect(url_for("quality.checklist", key=key))
    new = by_number.get(request.args.get("b", type=int) or numbers[-1]) or by_number[numbers[-1]]
    default_old = (new.based_on.number if new.based_on else None) or max(
        (n for n in numbers if n < new.number), default=numbers[0]
    )
    old = by_number.get(request.args.get("a", type=int) or default_old) or by_number[numbers[0]]
    diff = diff_texts(old.yaml_text, new.yaml_text, f"v{old.number}", f"v{new.number}")
    return render_template("quality/checklist_diff.html", checklist=item, old=old, new=new, diff=diff, numbers=numbers)


from app.quality import views_scripts, widgets  # noqa: E402,F401  (routes and the home card)
