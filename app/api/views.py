"""JSON API for integrations (token-authenticated, CSRF-exempt) and the admin page for API tokens."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import HTTPException

from app.accounts.permissions import require
from app.api import tokens
from app.api.forms import ConfirmForm, TokenForm
from app.api.models import ApiToken
from app.api.schemas import ApiInputError
from app.api.submit import request_parts, submit_call
from app.calls.jobs import enqueue_processing
from app.calls.models import Call
from app.core.domain import DomainError, apply_to_form
from app.extensions import csrf, db

bp = Blueprint("api", __name__, template_folder="templates")
# Bearer-token endpoints: no cookies are involved, so (only) these are exempt from CSRF.
integration = Blueprint("integration", __name__, url_prefix="/api")
csrf.exempt(integration)


def _error(message: str, status: int, field: str | None = None):  # type: ignore[no-untyped-def]
    return jsonify(error=message, field=field), status


@integration.errorhandler(HTTPException)
def _http_error(error: HTTPException):  # type: ignore[no-untyped-def]
    return _error(error.description or error.name, error.code or 500)


def call_json(call: Call) -> dict[str, Any]:
    """A call's status and scorecard in force, as the API returns it."""
    card = call.current_scorecard
    return {
        "id": call.id,
        "external_id": call.external_id,
        "status": call.status.value,
        "stage": call.stage,
        "progress": call.progress,
        "error": call.error,
        "manager_email": call.manager.email,
        "call_date": call.call_date.isoformat(),
        "has_recording": call.has_recording,
        "final_score": call.final_score,
        "critical_failed": call.critical_failed,
        "reviewed": call.review is not None,
        "url": url_for("calls.detail", call_id=call.id, _external=True),
        "scorecard": None
        if card is None
        else {
            "checklist": card.checklist_version.checklist.key,
            "version": card.checklist_version.number,
            "auto_score": card.auto_score,
            "items": [
                {
                    "id": i.item_id,
                    "title": i.title,
                    "section": i.section,
                    "result": i.result.value,
                    "auto_result": i.auto_result.value,
                    "human_result": i.human_result.value if i.human_result else None,
                    "human_reason": i.human_reason,
                    "weight": i.weight,
                    "critical": i.critical,
                    "confidence": i.confidence,
                    "evidence": i.evidence,
                }
                for i in card.items
            ],
        },
    }


@integration.post("/calls")
def create_call():
    token = tokens.authenticate(request.headers.get("Authorization"))
    if token is None:
        return _error("a valid API token is required: Authorization: Bearer <token>", 401)
    try:
        metadata, transcript, recording = request_parts(request)
        call, created = submit_call(token, metadata, recording, transcript)
    except ApiInputError as error:
        db.session.rollback()
        return _error(error.message, 400, error.field)
    if created:
        enqueue_processing([call.id])
        db.session.expire(call)  # report the state now (a synchronous runner may have finished already)
    return jsonify(call_json(call)), 201 if created else 200


@integration.get("/calls/<int:call_id>")
def get_call(call_id: int):
    header = request.headers.get("Authorization")
    call = db.session.get(Call, call_id)
    if header is not None:  # an integration sees the calls it sent
        token = tokens.authenticate(header)
        if token is None:
            return _error("invalid API token", 401)
        db.session.commit()
        if call is None or call.integration != token.integration:
            return _error("no such call for this integration", 404)
    elif current_user.is_authenticated:  # the signed-in site user: the usual permission rules
        if call is None:
            return _error("no such call", 404)
        require("view", call)
    else:
        return _error("a valid API token is required: Authorization: Bearer <token>", 401)
    return jsonify(call_json(call))


bp.register_blueprint(integration)


@bp.route("/admin/api-tokens", methods=["GET", "POST"])
@login_required
def tokens_admin():
    require("manage_users")
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        try:
            token, secret = tokens.create_token(form.name.data, form.integration.data, current_user)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(
                _("Токен «%(n)s» создан. Скопируйте его сейчас: больше он показан не будет.", n=token.name), "success"
            )
            form = TokenForm(formdata=None)
    return render_template("api/tokens.html", form=form, tokens=tokens.list_tokens(), secret=secret)


@bp.post("/admin/api-tokens/<int:token_id>/active")
@login_required
def toggle_token(token_id: int):
    require("manage_users")
    token = db.get_or_404(ApiToken, token_id)
    if ConfirmForm().validate_on_submit():
        tokens.set_active(token, not token.active)
        db.session.commit()
        flash(_("Токен включён.") if token.active else _("Токен отозван."), "success")
    return redirect(url_for("api.tokens_admin"))
