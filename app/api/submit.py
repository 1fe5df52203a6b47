"""Integration intake: one request = recording + metadata; idempotent by (integration, external id).

Unlike other services this one commits: the stored file must be removed again when the commit fails, so
the commit happens inside ``intake_batch()``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import FileStorage

from app.accounts.services import find_user_by_email
from app.api.models import ApiToken
from app.api.schemas import ApiInputError, load_metadata, parse_metadata
from app.calls import intake
from app.calls.models import Call
from app.core.domain import DomainError
from app.extensions import db

# Intake's form field names -> the API's names, so errors point at what the integration sent.
FIELDS = {"manager_id": "manager_email", "checklist_id": "checklist", "recordings": "recording"}


def _resolve(data: intake.CallData, email: str, checklist_key: str) -> None:
    from app.quality.checklists import get_checklist

    manager = find_user_by_email(email)
    if manager is None or not manager.active:
        raise ApiInputError(f"no active user with email {email!r}", "manager_email")
    checklist = get_checklist(checklist_key)
    if checklist is None or checklist.published is None:
        raise ApiInputError(f"no published checklist with key {checklist_key!r}", "checklist")
    data.manager_id, data.checklist_id = manager.id, checklist.id


def submit_call(token: ApiToken, metadata: Any, recording: FileStorage | None) -> tuple[Call, bool]:
    """Create the call (True) or return the one already sent under this external id (False)."""
    data, email, checklist_key = parse_metadata(load_metadata(metadata))
    data.integration = token.integration
    existing = intake.find_by_external_id(token.integration, data.external_id or "")
    if existing is not None:
        db.session.commit()  # keeps the token's last use
        return existing, False
    _resolve(data, email, checklist_key)
    if recording is None or not recording.filename:
        raise ApiInputError("recording is required: the audio file in the 'recording' form field", "recording")
    try:
        with intake.intake_batch() as batch:
            call = intake.intake_calls(batch, [intake.Upload(recording.filename, recording.stream)], data, None)[0]
            db.session.commit()
    except DomainError as error:
        db.session.rollback()
        raise ApiInputError(error.message, FIELDS.get(error.field or "", error.field)) from error
    except IntegrityError:  # the same external id arrived twice at once: the other request won
        db.session.rollback()
        existing = intake.find_by_external_id(token.integration, data.external_id or "")
        if existing is None:
            raise
        return existing, False
    return call, True
