"""Call list, statistics, call library and rescoring pages (routes on the calls blueprint)."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app.accounts.permissions import can, require
from app.calls import library, listing, rescoring, stats
from app.calls.forms_b import DeleteForm, LibraryMarkForm, RescorePeriodForm, RescoreSelectionForm
from app.calls.library_models import LibraryEntry, RescoreRun
from app.calls.models import Call
from app.calls.views import bp
from app.core.charts import line_chart, sparkline
from app.core.domain import DomainError, apply_to_form
from app.extensions import db


@bp.get("/calls")
@login_required
def index():
    require("view", current_user)
    filters, invalid = listing.parse_filters(request.args)
    if invalid:
        flash(_("Часть фильтров не распознана и не применена: проверьте даты и числа."), "warning")
    page = listing.list_calls(current_user, filters)
    return render_template(
        "calls/list.html",
        page=page,
        filters=page.filters,
        options=listing.filter_options(current_user),
        args_with=lambda **changes: listing.to_args(page.filters, **changes),
        sort_for=lambda key: listing.next_sort(page.filters.sort, key),
        can_rescore=rescoring.may_rescore(current_user),
        runs=[r for r in rescoring.recent_runs(current_user, 3) if not r.finished],
        rescore_form=RescoreSelectionForm(),
    )


@bp.get("/calls/stats", endpoint="stats")
@login_required
def stats_page():
    require("view", current_user)
    scope = stats.parse_scope(request.args)
    if not stats.may_see_scope(current_user, scope):
        abort(403)
    return render_template(
        "calls/stats.html",
        data=stats.overview(current_user, scope, date.today()),
        options=listing.filter_options(current_user),
        periods=stats.PERIODS,
        line_chart=line_chart,
        sparkline=sparkline,
    )


@bp.get("/calls/library", endpoint="library")
@login_required
def library_index():
    require("view_library")
    kind = request.args.get("kind") or None
    tag = request.args.get("tag") or None
    page = library.browse(current_user, tag=tag, kind=kind, page=request.args.get("page", 1, type=int))
    return render_template(
        "calls/library.html",
        page=page,
        tag=tag,
        kind=kind,
        tags=library.tag_counts(),
        skill_tags=library.skill_tags(),
    )


@bp.get("/calls/library/<int:entry_id>/audio")
@login_required
def library_audio(entry_id: int):
    require("view_library")
    entry = db.get_or_404(LibraryEntry, entry_id)
    try:
        path, mime = library.entry_audio(entry)
    except (OSError, ValueError):  # the recording is missing or unreadable
        abort(404)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=mime, conditional=True, max_age=0)
    response.headers["Cache-Control"] = "private, max-age=0"
    return response


@bp.post("/calls/<int:call_id>/library")
@login_required
def library_mark(call_id: int):
    call = db.get_or_404(Call, call_id)
    require("view", call)
    form = LibraryMarkForm()
    if form.validate_on_submit():
        try:
            entry = library.mark(call, current_user, form.as_data())
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("Пример «%(t)s» добавлен в библиотеку.", t=entry.title), "success")
    else:
        flash(_("Пример не сохранён: %(e)s", e="; ".join(sum(form.errors.values(), []))), "danger")
    return redirect(url_for("calls.detail", call_id=call.id, _anchor="library"))


@bp.route("/calls/library/<int:entry_id>/edit", methods=["GET", "POST"])
@login_required
def library_edit(entry_id: int):
    entry = db.get_or_404(LibraryEntry, entry_id)
    require("view", entry.call)
    if not library.may_curate(current_user, entry.call):
        abort(403)
    form = LibraryMarkForm(obj=library.form_values(entry))
    if form.validate_on_submit():
        try:
            library.update(entry, current_user, form.as_data())
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Пример обновлён."), "success")
            return redirect(library.entry_url(entry))
    return render_template(
        "calls/library_edit.html", form=form, entry=entry, entry_url=library.entry_url(entry), delete_form=DeleteForm()
    )


@bp.post("/calls/library/<int:entry_id>/delete")
@login_required
def library_delete(entry_id: int):
    entry = db.get_or_404(LibraryEntry, entry_id)
    require("view", entry.call)
    if not DeleteForm().validate_on_submit() or not library.may_curate(current_user, entry.call):
        abort(403)
    library.remove(entry, current_user)
    db.session.commit()
    flash(_("Пример убран из библиотеки."), "info")
    return redirect(url_for("calls.library"))


@bp.route("/calls/rescore", methods=["GET", "POST"])
@login_required
def rescore():
    require("view", current_user)
    if not rescoring.may_rescore(current_user):
        abort(403)
    form = RescorePeriodForm()
    form.checklist_id.choices = [SelectChoice(i, t) for i, t in listing.filter_options(current_user).checklists]
    if form.validate_on_submit():
        data = (form.checklist_id.data, form.date_from.data, form.date_to.data, form.include_reviewed.data)
        return _start_run(lambda: rescoring.start_for_period(current_user, *data), form)
    return render_template("calls/rescore.html", form=form, runs=rescoring.recent_runs(current_user))


@bp.post("/calls/rescore/selected")
@login_required
def rescore_selected():
    require("view", current_user)
    form = RescoreSelectionForm()
    if not rescoring.may_rescore(current_user) or not form.validate_on_submit():
        abort(403)
    ids = [int(v) for v in request.form.getlist("call_id") if v.isdigit()]
    return _start_run(lambda: rescoring.start_for_calls(current_user, ids, form.include_reviewed.data), None)


def _start_run(start, form):  # type: ignore[no-untyped-def]
    try:
        run = start()
    except DomainError as error:
        db.session.rollback()
        if form is None:
            flash(error.message, "warning")
            return redirect(request.referrer or url_for("calls.index"))
        apply_to_form(form, error)
        return render_template("calls/rescore.html", form=form, runs=rescoring.recent_runs(current_user))
    db.session.commit()
    rescoring.enqueue_run(run)
    flash(_("Переоценка запущена: звонков — %(n)s.", n=run.total), "success")
    return redirect(url_for("calls.rescore_run", run_id=run.id))


@bp.get("/calls/rescore/<int:run_id>")
@login_required
def rescore_run(run_id: int):
    run = db.get_or_404(RescoreRun, run_id)
    require("view", current_user)
    if not rescoring.may_view_run(current_user, run):
        abort(403)
    return render_template("calls/rescore_run.html", run=run)


@bp.get("/calls/rescore/<int:run_id>/status")
@login_required
def rescore_status(run_id: int):
    run = db.get_or_404(RescoreRun, run_id)
    require("view", current_user)
    if not rescoring.may_view_run(current_user, run):
        abort(403)
    return jsonify(
        id=run.id,
        status=run.status.value,
        progress=run.progress,
        done=run.done,
        total=run.total,
        rescored=run.rescored,
        skipped=run.skipped,
        failed=run.failed,
        finished=run.finished,
    )


def library_context(call: Call) -> dict[str, object]:
    """What the call page's library partial needs (used through the template global below)."""
    return {
        "entries": library.entries_for_call(call),
        "may_curate": library.may_curate(current_user, call),
        "form": LibraryMarkForm(),
        "tag_hints": library.skill_tags(),
    }


@bp.app_context_processor
def inject_calls_b() -> dict[str, object]:
    """Helpers for the partials included in the call page (library marks, scorecard history)."""
    return {"library_context": library_context, "can_rescore_call": lambda call: can(current_user, "review", call)}
