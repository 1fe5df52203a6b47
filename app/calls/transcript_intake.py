"""Calls that arrive as a ready transcript, without a recording (telephony/CRM that transcribe themselves,
or a supervisor uploading a JSON transcript): validated, stored as the call's transcript, then only scored.

A call without a recording must carry a transcript; this module is the one place that creates such calls.
"""

from __future__ import annotations

import json
from typing import Any

from flask_babel import gettext as _

from app.accounts.models import User
from app.accounts.permissions import can
from app.calls import intake
from app.calls.models import Call
from app.core.domain import DomainError
from app.extensions import db
from scoring import audio as audio_lib
from scoring.transcript import TranscriptError, load_transcript

SOURCE = "supplied transcript"  # the transcript's ``source`` when the sender did not name one
MAX_TRANSCRIPT_BYTES = 5 * 1024 * 1024


def normalize_transcript(raw: Any, field: str = "transcript") -> dict[str, Any]:
    """The transcript as contract JSON (segments in time order), or a ``DomainError`` naming what is wrong."""
    if not isinstance(raw, dict):  # never a string: load_transcript would read it as a file path
        raise DomainError(_("Транскрипт не принят: нужен JSON-объект с полем segments."), field)
    try:
        transcript = load_transcript(raw)
    except TranscriptError as error:
        raise DomainError(_("Транскрипт не принят: %(e)s", e=str(error)), field) from error
    if not any(s.text.strip() for s in transcript.segments):
        raise DomainError(_("Транскрипт не принят: в нём нет ни одной реплики с текстом (segments)."), field)
    limit = audio_lib.DEFAULT_MAX_SECONDS
    if limit and transcript.end_time > limit + 1:
        raise DomainError(_("Транскрипт не принят: звонок длиннее допустимого (%(m)s мин).", m=int(limit // 60)), field)
    data = transcript.to_dict()
    data.setdefault("source", SOURCE)
    return data


def read_transcript_file(upload: intake.Upload, field: str = "transcript_file") -> dict[str, Any]:
    """A JSON transcript file judged by its content (size, UTF-8, JSON object), never by its name."""
    name = upload.filename or "transcript.json"
    raw = upload.stream.read(MAX_TRANSCRIPT_BYTES + 1)
    if not raw:
        raise DomainError(_("Файл «%(n)s» не принят: файл пустой.", n=name), field)
    if len(raw) > MAX_TRANSCRIPT_BYTES:
        raise DomainError(_("Файл «%(n)s» не принят: больше 5 МБ — это не похоже на транскрипт.", n=name), field)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise DomainError(_("Файл «%(n)s» не принят: это не текст в UTF-8 (нужен JSON).", n=name), field) from error
    except json.JSONDecodeError as error:
        raise DomainError(
            _(
                "Файл «%(n)s» не принят: ошибка JSON в строке %(l)s, позиция %(c)s (%(m)s).",
                n=name,
                l=error.lineno,
                c=error.colno,
                m=error.msg,
            ),
            field,
        ) from error
    if not isinstance(data, dict):
        raise DomainError(_("Файл «%(n)s» не принят: нужен JSON-объект с полем segments.", n=name), field)
    return data


def may_upload_transcript(user: User, managers: list[User]) -> bool:
    """Ready transcripts come from supervisors (for their team) and admins, not from the managers themselves."""
    return any(can(user, "review", m) for m in managers)


def intake_transcript_call(data: intake.CallData, uploaded_by: User | None) -> Call:
    """Create a call without a recording from ``data.transcript`` (flushed, status ``uploaded``, to be scored).

    ``uploaded_by`` must be allowed to ``review`` the manager's calls; None means a trusted integration.
    """
    if data.transcript is None:
        raise DomainError(_("Звонок без записи должен прийти с транскриптом: приложите его."), "transcript")
    transcript = normalize_transcript(data.transcript)
    manager, checklist_id = intake.check_call_data(data, uploaded_by)
    if uploaded_by is not None and not can(uploaded_by, "review", manager):
        raise DomainError(
            _("Готовый транскрипт может загрузить руководитель менеджера или администратор."), "transcript"
        )
    heard = max([transcript.get("duration") or 0.0, *(s["end"] for s in transcript["segments"])])
    call = intake.new_call(
        data,
        manager,
        uploaded_by,
        checklist_id,
        recording=None,
        stage=_("В очереди на оценку"),
        duration=float(heard) or None,
        transcript=transcript,  # already a transcript: processing goes straight to scoring
    )
    db.session.add(call)
    db.session.flush()
    return call


def intake_upload(
    batch: intake.IntakeBatch,
    uploads: list[intake.Upload],
    transcript_file: intake.Upload | None,
    data: intake.CallData,
    uploaded_by: User,
) -> list[Call]:
    """The upload page: recordings as usual, or one call from a JSON transcript (not both at once)."""
    if transcript_file is None:
        return intake.intake_calls(batch, uploads, data, uploaded_by)
    if uploads:
        raise DomainError(_("Загрузите либо записи, либо готовый транскрипт: вместе их не принять."), "transcript_file")
    data.transcript = read_transcript_file(transcript_file)
    try:
        return [intake_transcript_call(data, uploaded_by)]
    except DomainError as error:
        if error.field == "transcript":
            raise DomainError(error.message, "transcript_file") from error
        raise
