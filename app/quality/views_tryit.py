""" "Try it" pages: a draft against a call or a pasted transcript, and the preview over recent calls."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app.accounts.permissions import require
from app.core.domain import DomainError, apply_to_form
from app.extensions import db
from app.quality import jobs, tryit
from app.quality.forms import TryForm, TryRunForm
from app.quality.models import ChecklistVersion, TryRun
from app.quality.views import bp


@bp.route("/quality/versions/<int:version_id>/try", methods=["GET", "POST"])
@login_required
def tryit_page(version_id: int):
    require("edit_content")
    version = db.get_or_404(ChecklistVersion, version_id)
    form = TryForm()
    calls = tryit.call_choices(version)
    form.call_id.choices = [SelectChoice(None, "—")] + [
        SelectChoice(c.id, f"№{c.id} · {c.call_date:%d.%m.%Y} · {c.manager.full_name} · {c.client_company or ''}")
        for c in calls
    ]
    if request.method == "GET" and request.args.get("call_id", type=int):
        form.call_id.data = request.args.get("call_id", type=int)
    comparison, call = None, None
    wanted = form.validate_on_submit() or (request.method == "GET" and form.call_id.data)
    if wanted:
        try:
            if (form.transcript_json.data or "").strip():
                transcript = tryit.parse_pasted(form.transcript_json.data)
            else:
                call, transcript = tryit.call_transcript(form.call_id.data)
            comparison = tryit.compare(version, transcript)
        except DomainError as error:
            apply_to_form(form, error)
    runs = db.session.scalars(
        db.select(TryRun).where(TryRun.version_id == version.id).order_by(TryRun.id.desc()).limit(5)
    ).all()
    return render_template(
        "quality/tryit.html",
        version=version,
        form=form,
        comparison=comparison,
        call=call,
        run_form=TryRunForm(),
        runs=runs,
    )


@bp.post("/quality/versions/<int:version_id>/try/runs")
@login_required
def tryit_run_start(version_id: int):
    require("edit_content")
    version = db.get_or_404(ChecklistVersion, version_id)
    form = TryRunForm()
    if not form.validate_on_submit():
        flash(_("Укажите, сколько последних звонков пересчитать (от 1 до 500)."), "warning")
        return redirect(url_for("quality.tryit_page", version_id=version.id))
    try:
        run = tryit.start_preview(version, current_user, form.limit.data)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
        return redirect(url_for("quality.tryit_page", version_id=version.id))
    db.session.commit()
    jobs.enqueue_preview(run)
    return redirect(url_for("quality.tryit_run", run_id=run.id))


@bp.get("/quality/try-runs/<int:run_id>")
@login_required
def tryit_run(run_id: int):
    require("edit_content")
    run = db.get_or_404(TryRun, run_id)
    if request.args.get("format") == "json":
        return jsonify({"status": run.status.value, "progress": run.progress, "finished": run.finished})
    rows = sorted(run.results or [], key=lambda r: (r.get("delta") is None, -abs(r.get("delta") or 0)))
    return render_template("quality/tryit_run.html", run=run, rows=rows)
