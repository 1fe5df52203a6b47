"""Objection library pages: the list, an entry with its study material and calls, editing, history, analytics."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.permissions import can, require
from app.core.domain import DomainError, apply_to_form
from app.core.markdown import render_markdown
from app.extensions import db
from app.quality import objection_stats, objections, scripts
from app.quality.forms_scripts import ConfirmForm, ObjectionForm
from app.quality.objection_models import Objection, ObjectionCategory
from app.quality.objection_study import study_material
from app.quality.views import bp

PERIODS = (30, 90, 365, 0)  # days; 0 = all time
DEFAULT_PERIOD = 90


def _render(template: str, **context: Any) -> str:
    return render_template(
        template,
        md=render_markdown,
        category_labels=objections.CATEGORY_LABELS,
        step_labels=objections.STEP_LABELS,
        skills=objections.SKILLS,
        field_labels=objections.FIELD_LABELS,
        stage_labels=scripts.STAGE_LABELS,
        **context,
    )


def _objection(key: str) -> Objection:
    objection = objections.get_objection(key)
    if objection is None or (objection.archived and not can(current_user, "edit_content")):
        abort(404)
    return objection


def _report(days: int) -> objection_stats.ObjectionReport:
    entries = [
        objection_stats.LibraryEntry(o.key, o.title, ObjectionCategory(o.category).value, tuple(o.variants))
        for o in objections.list_objections()
    ]
    return objection_stats.objection_report(
        current_user,
        entries,
        {c.value: str(label) for c, label in objections.CATEGORY_LABELS.items()},
        _("Возражение не распознано"),
        since=date.today() - timedelta(days=days) if days else None,
    )


def _period() -> int:
    days = request.args.get("days", DEFAULT_PERIOD, type=int)
    return days if days in PERIODS else DEFAULT_PERIOD


@bp.get("/quality/objections")
@login_required
def objections_index():
    """The library: filter by category, search by words; editors add entries and see archived ones."""
    require("view_library")
    editor = can(current_user, "edit_content")
    archived = editor and bool(request.args.get("archived"))
    category = request.args.get("category", "")
    query = request.args.get("q", "").strip()
    entries = objections.list_objections(include_archived=archived)
    counts = {c.value: sum(1 for e in entries if e.category == c) for c in ObjectionCategory}
    if category in counts:
        entries = [e for e in entries if e.category == category]
    if query:
        needle = query.casefold().replace("ё", "е")
        entries = [e for e in entries if needle in " ".join([e.title, *e.variants]).casefold().replace("ё", "е")]
    return _render(
        "quality/objections.html", entries=entries, counts=counts, category=category, q=query, archived=archived
    )


bp.add_url_rule("/quality/objections", endpoint="objections", view_func=objections_index)


@bp.get("/quality/objections/analytics")
@login_required
def objection_analytics():
    """Per entry: calls with the objection, share handled well, example calls to listen to."""
    require("view_team")
    days = _period()
    report = _report(days)
    order = request.args.get("sort", "calls")
    if order == "worst":
        report.rows.sort(key=lambda r: (r.percent is None, r.percent if r.percent is not None else 0, -r.calls))
    else:
        report.rows.sort(key=lambda r: -r.calls)
    return _render("quality/objection_stats.html", report=report, days=days, periods=PERIODS, order=order)


@bp.route("/quality/objections/new", methods=["GET", "POST"], defaults={"key": None})
@bp.route("/quality/objections/<key>/edit", methods=["GET", "POST"])
@login_required
def objection_edit(key: str | None):
    """Create or edit an entry; every save is a revision with its author and note."""
    require("edit_content")
    objection = _objection(key) if key else None
    form = ObjectionForm()
    form.set_choices()
    if request.method == "GET" and objection is not None:
        form.fill(objection)
    elif request.method == "GET":
        form.answers.append_entry()
    if form.validate_on_submit():
        try:
            if objection is None:
                objection = objections.create_objection(form.key.data, form.as_content(), current_user, form.note.data)
                changed = True
            else:
                changed = objections.save_objection(objection, form.as_content(), current_user, form.note.data or "")
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Сохранено: изменения уже видны в скриптах.") if changed else _("Изменений нет."), "success")
            return redirect(url_for("quality.objection_detail", key=objection.key))
    return _render("quality/objection_edit.html", form=form, objection=objection), 422 if form.errors else 200


@bp.get("/quality/objections/<key>")
@login_required
def objection_detail(key: str):
    """An entry: what clients say, approved answers, what not to say, where it is used and how calls go."""
    require("view_library")
    objection = _objection(key)
    report = _report(_period()) if can(current_user, "view_team") else None
    return _render(
        "quality/objection.html",
        objection=objection,
        used_in=scripts.scripts_using(objection),
        study=study_material(objection, current_user),
        stat=report.row(objection.key) if report else None,
        report=report,
        days=_period(),
        confirm=ConfirmForm(),
    )


@bp.get("/quality/objections/<key>/history")
@login_required
def objection_history(key: str):
    """Every revision with its author, time, note and the fields it changed."""
    require("view_team")
    objection = _objection(key)
    rows, previous = [], None
    for revision in objection.revisions:
        rows.append((revision, objections.changed_fields(previous, revision.content)))
        previous = revision.content
    return _render("quality/objection_history.html", objection=objection, rows=rows[::-1], confirm=ConfirmForm())


@bp.get("/quality/objections/<key>/history/<int:number>")
@login_required
def objection_revision(key: str, number: int):
    """An old revision as it read then."""
    require("view_team")
    objection = _objection(key)
    revision = next((r for r in objection.revisions if r.number == number), None)
    if revision is None:
        abort(404)
    return _render("quality/objection_revision.html", objection=objection, revision=revision, confirm=ConfirmForm())


@bp.post("/quality/objections/<key>/history/<int:number>/restore")
@login_required
def objection_restore(key: str, number: int):
    """Make an old revision current again (a new revision)."""
    require("edit_content")
    objection = _objection(key)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        objections.restore_revision(objection, number, current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for("quality.objection_history", key=key))
    db.session.commit()
    flash(_("Версия %(n)s восстановлена.", n=number), "success")
    return redirect(url_for("quality.objection_detail", key=key))


@bp.post("/quality/objections/<key>/archive")
@login_required
def objection_archive(key: str):
    """Archive an entry or bring it back (scripts keep their branches to it)."""
    require("edit_content")
    objection = _objection(key)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    objections.set_archived(objection, not objection.archived)
    db.session.commit()
    flash(_("Возражение в архиве.") if objection.archived else _("Возражение снова в библиотеке."), "success")
    return redirect(url_for("quality.objection_detail", key=key))
