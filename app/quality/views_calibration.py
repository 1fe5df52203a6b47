"""Calibration pages: sessions list and creation, blind scoring form, agreement results."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from app.accounts.models import User
from app.accounts.permissions import can, require
from app.calls.models import Call
from app.core.domain import DomainError, apply_to_form
from app.core.navigation import home_widget
from app.extensions import db
from app.quality import calibration
from app.quality.calibration_models import CalibrationSession, SessionStatus
from app.quality.forms import CalibrationForm, ConfirmForm
from app.quality.views import bp


def _session(session_id: int) -> CalibrationSession:
    require("view_team")
    session = db.get_or_404(CalibrationSession, session_id)
    if not calibration.may_open(current_user, session):
        abort(403)
    return session


@bp.route("/quality/calibration", methods=["GET", "POST"])
@login_required
def calibration_index():
    require("view_team")
    form = CalibrationForm()
    form.reviewers.choices = [(u.id, u.full_name) for u in calibration.reviewer_choices()]
    if request.method == "GET" and request.args.get("call_id", type=int):
        form.call_id.data = request.args.get("call_id", type=int)
    if form.validate_on_submit():
        try:
            session = calibration.create_session(
                db.session.get(Call, form.call_id.data), current_user, form.reviewers.data, form.title.data
            )
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Калибровка создана: приглашённые увидят её в своём списке."), "success")
            return redirect(url_for("quality.calibration_session", session_id=session.id))
    return render_template("quality/calibration_list.html", sessions=calibration.sessions_for(current_user), form=form)


@bp.route("/quality/calibration/<int:session_id>", methods=["GET", "POST"])
@login_required
def calibration_session(session_id: int):
    session = _session(session_id)
    mine = session.reviewer_for(current_user.id)
    if request.method == "POST":
        if not ConfirmForm().validate_on_submit():
            abort(400)
        items = calibration.items_of(session)
        verdicts = {i.item_id: request.form.get(f"v-{i.item_id}", "") for i in items}
        comments = {i.item_id: request.form.get(f"c-{i.item_id}", "") for i in items}
        try:
            calibration.submit(session, current_user, verdicts, comments)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "warning")
            return render_template(
                "quality/calibration_score.html",
                session=session,
                items=items,
                given=verdicts,
                comments=comments,
                confirm=ConfirmForm(),
            ), 422
        db.session.commit()
        flash(_("Вердикты отправлены. Теперь видно, как оценили остальные."), "success")
        return redirect(url_for("quality.calibration_session", session_id=session.id))
    if mine is not None and mine.submitted_at is None and session.status == SessionStatus.OPEN:
        return render_template(
            "quality/calibration_score.html",
            session=session,
            items=calibration.items_of(session),
            given={},
            comments={},
            confirm=ConfirmForm(),
        )
    if not calibration.may_see_results(current_user, session):
        abort(403)
    return render_template(
        "quality/calibration_results.html", session=session, results=calibration.results(session), confirm=ConfirmForm()
    )


@bp.post("/quality/calibration/<int:session_id>/close")
@login_required
def calibration_close(session_id: int):
    session = _session(session_id)
    if not ConfirmForm().validate_on_submit() or not calibration.may_close(current_user, session):
        abort(403)
    calibration.close(session)
    db.session.commit()
    flash(_("Калибровка закрыта: результаты видны всем участникам."), "info")
    return redirect(url_for("quality.calibration_session", session_id=session.id))


@bp.get("/quality/calibration/<int:session_id>/audio")
@login_required
def calibration_audio(session_id: int):
    session = _session(session_id)
    from app.calls.storage import get_storage

    recording = session.call.recording
    if recording is None:  # a call imported as a ready transcript has no audio
        abort(404)
    path = get_storage().path_for(recording.storage_key)
    return send_file(path, mimetype=recording.mime, conditional=True)


@home_widget(45)
def calibration_card(user: User) -> Markup | None:
    """Home card for invited reviewers: calibrations waiting for their blind verdicts."""
    if not can(user, "view_team"):
        return None
    pending = calibration.pending_for(user)
    if not pending:
        return None
    return Markup(render_template("quality/calibration_widget.html", sessions=pending))
