"""Call pages: upload, the call page with synced audio and review, recording stream, progress JSON."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app.accounts.permissions import require
from app.calls import intake, jobs, processing, review, transcript_intake
from app.calls.forms import CommentForm, ConfirmForm, FinalizeForm, OverrideForm, UploadForm
from app.calls.models import Call, CallStatus
from app.calls.page import call_page, load_call
from app.calls.rules import format_clock
from app.calls.storage import get_storage
from app.core.domain import DomainError, apply_to_form
from app.extensions import db

bp = Blueprint("calls", __name__, template_folder="templates")
bp.add_app_template_filter(format_clock, "mmss")


def _call(call_id: int, action: str = "view") -> Call:
    call = db.get_or_404(Call, call_id)
    require(action, call)
    return call


def _after_upload(calls: list[Call]) -> str:
    if len(calls) > 1 and "calls.index" in current_app.view_functions:
        return url_for("calls.index")
    return url_for("calls.detail", call_id=calls[0].id)


@bp.route("/calls/upload", methods=["GET", "POST"])
@login_required
def upload():
    from app.quality.checklists import published_checklists

    require("act_for", current_user)
    form = UploadForm()
    managers = intake.uploadable_managers(current_user)
    checklists = published_checklists()
    placeholder = [] if len(managers) == 1 else [SelectChoice("", _("— выберите менеджера —"))]
    form.manager_id.choices = placeholder + [SelectChoice(m.id, m.full_name) for m in managers]
    form.checklist_id.choices = [SelectChoice(c.id, f"{c.title} · v{c.published.number}") for c in checklists]
    may_send_transcript = transcript_intake.may_upload_transcript(current_user, managers)
    if form.validate_on_submit():
        files = [f for f in request.files.getlist(form.recordings.name) if f and f.filename]
        uploads = [intake.Upload(f.filename, f.stream) for f in files]
        sent = request.files.get(form.transcript_file.name)
        transcript = intake.Upload(sent.filename, sent.stream) if sent and sent.filename else None
        try:
            with intake.intake_batch() as batch:
                calls = transcript_intake.intake_upload(batch, uploads, transcript, form.as_data(), current_user)
                db.session.commit()
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            jobs.enqueue_processing([c.id for c in calls])
            done = _("Транскрипт принят: оценка идёт в фоне.") if transcript else None
            flash(done or _("Принято звонков: %(n)s. Распознавание и оценка идут в фоне.", n=len(calls)), "success")
            return redirect(_after_upload(calls))
    return render_template(
        "calls/upload.html", form=form, checklists=checklists, may_send_transcript=may_send_transcript
    )


@bp.get("/calls/<int:call_id>")
@login_required
def detail(call_id: int):
    call = load_call(call_id)
    if call is None:
        abort(404)
    require("view", call)
    forms = {"override": OverrideForm(), "comment": CommentForm(), "finalize": FinalizeForm(), "confirm": ConfirmForm()}
    return render_template("calls/detail.html", forms=forms, **call_page(call, current_user))


@bp.get("/calls/<int:call_id>/audio")
@login_required
def audio(call_id: int):
    call = _call(call_id)
    if call.recording is None:  # sent as a ready transcript: there is no audio
        abort(404)
    path = get_storage().path_for(call.recording.storage_key)
    if not path.is_file():
        abort(404)
    # conditional=True answers Range requests with 206 Partial Content, so the player can seek.
    response = send_file(path, mimetype=call.recording.mime, conditional=True, etag=call.recording.sha256, max_age=0)
    response.headers["Cache-Control"] = "private, max-age=0"
    return response


@bp.get("/calls/<int:call_id>/status")
@login_required
def status(call_id: int):
    call = _call(call_id)
    return jsonify(
        id=call.id,
        status=call.status.value,
        stage=call.stage,
        progress=call.progress,
        error=call.error,
        finished=call.is_finished,
        final_score=call.final_score,
        url=url_for("calls.detail", call_id=call.id),
    )


@bp.post("/calls/<int:call_id>/override")
@login_required
def override(call_id: int):
    call = _call(call_id, "review")
    form = OverrideForm()
    if form.validate_on_submit():
        return _commit_or_flash(
            call,
            lambda: review.override_item(
                call, int(form.item_id.data), form.result.data, form.reason.data, current_user
            ),
            _("Вердикт сохранён, итоговый балл пересчитан."),
            anchor=f"item-{form.item_id.data}",
        )
    flash(_("Вердикт не сохранён: укажите причину."), "danger")
    return redirect(url_for("calls.detail", call_id=call.id, _anchor=f"item-{form.item_id.data}"))


@bp.post("/calls/<int:call_id>/comments")
@login_required
def comment(call_id: int):
    call = _call(call_id, "review")
    form = CommentForm()
    if form.validate_on_submit():
        return _commit_or_flash(
            call,
            lambda: review.add_comment(call, current_user, form.text.data, form.at_seconds.data),
            _("Комментарий добавлен."),
            anchor="comments",
        )
    flash(_("Комментарий не добавлен: напишите текст."), "danger")
    return redirect(url_for("calls.detail", call_id=call.id, _anchor="comments"))


@bp.post("/calls/<int:call_id>/finalize")
@login_required
def finalize(call_id: int):
    call = _call(call_id, "review")
    form = FinalizeForm()
    if not form.validate_on_submit():
        abort(400)
    return _commit_or_flash(
        call,
        lambda: review.finalize_review(call, current_user, form.summary.data),
        _("Прослушка завершена, менеджер увидит итог."),
        anchor="review",
    )


@bp.post("/calls/<int:call_id>/retry")
@login_required
def retry(call_id: int):
    call = _call(call_id, "act_for")
    if not ConfirmForm().validate_on_submit() or call.status != CallStatus.FAILED:
        abort(400)
    processing.retry(call)
    db.session.commit()
    jobs.enqueue_processing([call.id])
    flash(_("Звонок снова поставлен в очередь."), "info")
    return redirect(url_for("calls.detail", call_id=call.id))


def _commit_or_flash(call: Call, action, success: str, anchor: str):  # type: ignore[no-untyped-def]
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(url_for("calls.detail", call_id=call.id, _anchor=anchor))


from app.calls import views_b, widgets  # noqa: E402,F401  (routes and the home cards)
