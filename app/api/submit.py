"""Integration intake: recording + metadata, or metadata + transcript (no recording); idempotent by
(integration, external id).

Unlike other services this one commits: the stored file must be removed again when the commit fails, so
the commit happens inside ``intake_batch()``.
"""

from __future__ import annotations

from typing import Any

from flask import Request
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import FileStorage

from app.accounts.services import find_user_by_email
from app.api.models import ApiToken
from app.api.schemas import ApiInputError, load_metadata, load_transcript_part, parse_metadata
from app.calls import intake, transcript_intake
from app.calls.models import Call
from app.core.domain import DomainError
from app.extensions import db

# Intake's form field names -> the API's names, so errors point at what the integration sent.
FIELDS = {"manager_id": "manager_email", "checklist_id": "checklist", "recordings": "recording"}
JSON_BODY = 'the JSON body must be an object: {"metadata": {...}, "transcript": {...}}'


def request_parts(request: Request) -> tuple[Any, Any, FileStorage | None]:
    """``(metadata, transcript, recording)`` from a JSON body or a multipart form (transcript as field or file)."""
    if request.is_json:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise ApiInputError(JSON_BODY, "body")
        return body.get("metadata"), body.get("transcript"), None
    transcript: Any = request.form.get("transcript")
    sent = request.files.get("transcript")
    if transcript is None and sent is not None:
        transcript = sent.read(transcript_intake.MAX_TRANSCRIPT_BYTES + 1)
        if len(transcript) > transcript_intake.MAX_TRANSCRIPT_BYTES:
            raise ApiInputError("transcript is larger than 5 MB", "transcript")
    return request.form.get("metadata"), transcript, request.files.get("recording")


def _resolve(data: intake.CallData, email: str, checklist_key: str) -> None:
    from app.quality.checklists import get_checklist

    manager = find_user_by_email(email)
    if manager is None or not manager.active:
        raise ApiInputError(f"no active user with email {email!r}", "manager_email")
    checklist = get_checklist(checklist_key)
    if checklist is None or checklist.published is None:
        raise ApiInputError(f"no published checklist with key {checklist_key!r}", "checklist")
    data.manager_id, data.checklist_id = manager.id, checklist.id


def submit_call(
    token: ApiToken, metadata: Any, recording: FileStorage | None, transcript: Any = None
) -> tuple[Call, bool]:
    """Create the call (True) or return the one already sent under this external id (False).

    Without a recording the call is created from its transcript (it is only scored, never transcribed).
    """
    data, email, checklist_key = parse_metadata(load_metadata(metadata), load_transcript_part(transcript))
    data.integration = token.integration
    existing = intake.find_by_external_id(token.integration, data.external_id or "")
    if existing is not None:
        db.session.commit()  # keeps the token's last use
        return existing, False
    _resolve(data, email, checklist_key)
    has_file = recording is not None and bool(recording.filename)
    if not has_file and data.transcript is None:
        raise ApiInputError(
            "recording is required: the audio file in the 'recording' form field "
            "(or send a 'transcript' for a call without a recording)",
            "recording",
        )
    try:
        with intake.intake_batch() as batch:
            if has_file:
                upload = intake.Upload(recording.filename or "", recording.stream)  # type: ignore[union-attr]
                call = intake.intake_calls(batch, [upload], data, None)[0]
            else:
                call = transcript_intake.intake_transcript_call(data, None)
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
