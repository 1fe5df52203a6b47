"""Parse the integration API's ``metadata`` JSON into intake data; every error names its field."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from app.calls.intake import CallData
from app.calls.models import Direction, ManagerChannel
from scoring.transcript import TranscriptError, load_transcript

DEFAULT_CHECKLIST = "cold_call"
TRANSCRIPT_SHAPE = "transcript must be a JSON object with 'segments' (speaker, start, end, text)"


class ApiInputError(ValueError):
    """The request is malformed; ``field`` names the offending field."""

    def __init__(self, message: str, field: str | None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


def load_metadata(raw: str | bytes | dict[str, Any] | None) -> dict[str, Any]:
    """The ``metadata`` part as a JSON object (a form field's text, or already decoded from a JSON body)."""
    if isinstance(raw, dict):
        return raw
    if raw is None or (isinstance(raw, (str, bytes)) and not raw.strip()):
        raise ApiInputError("metadata is required: a JSON object in the 'metadata' form field", "metadata")
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ApiInputError(f"metadata is not valid JSON: {error}", "metadata") from error
    if not isinstance(data, dict):
        raise ApiInputError("metadata must be a JSON object", "metadata")
    return data


def load_transcript_part(raw: str | bytes | dict[str, Any] | None) -> dict[str, Any] | None:
    """The separate ``transcript`` part (JSON body key, form field or file), decoded; None when not sent."""
    if raw is None or isinstance(raw, dict):
        return raw
    if isinstance(raw, (str, bytes)):
        if not raw.strip():
            return None
        try:
            raw = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ApiInputError(f"transcript is not valid JSON: {error}", "transcript") from error
    if not isinstance(raw, dict):
        raise ApiInputError(TRANSCRIPT_SHAPE, "transcript")
    return raw


def check_transcript(transcript: Any) -> None:
    """Refuse a transcript that breaks the contract; the message names the segment and its field."""
    if not isinstance(transcript, dict):
        raise ApiInputError(TRANSCRIPT_SHAPE, "transcript")
    try:
        load_transcript(transcript)
    except TranscriptError as error:
        raise ApiInputError(f"transcript is not valid: {error}", "transcript") from error


def _text(data: dict[str, Any], key: str, *, required: bool = False, max_len: int = 200) -> str | None:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ApiInputError(f"{key} is required", key)
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ApiInputError(f"{key} must be a string", key)
    value = str(value).strip()
    if len(value) > max_len:
        raise ApiInputError(f"{key} is longer than {max_len} characters", key)
    return value


def _moment(data: dict[str, Any]) -> tuple[date, Any]:
    raw = _text(data, "call_date", required=True, max_len=40) or ""
    try:
        if "T" in raw or " " in raw:
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            return moment.date(), moment.time().replace(microsecond=0, tzinfo=None)
        return date.fromisoformat(raw), None
    except ValueError as error:
        raise ApiInputError(
            "call_date must be an ISO date (2026-11-20) or date-time (2026-11-20T14:05:00)", "call_date"
        ) from error


def _choice(data: dict[str, Any], key: str, enum: type, default: Any) -> Any:
    raw = _text(data, key, max_len=20)
    if raw is None:
        return default
    try:
        return enum(raw.lower())
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ApiInputError(f"{key} must be one of: {allowed}", key) from None


def parse_metadata(data: dict[str, Any], transcript: dict[str, Any] | None = None) -> tuple[CallData, str, str]:
    """Intake data plus the manager's email and the checklist key (resolved by the caller).

    The transcript comes either inside the metadata (``metadata.transcript``) or as its own part.
    """
    external_id = _text(data, "external_id", required=True)
    email = _text(data, "manager_email", required=True, max_len=254)
    call_date, call_time = _moment(data)
    if transcript is not None and data.get("transcript") is not None:
        raise ApiInputError("send the transcript once: in metadata.transcript or as 'transcript'", "transcript")
    transcript = transcript if transcript is not None else data.get("transcript")
    if transcript is not None:
        check_transcript(transcript)
    call = CallData(
        manager_id=None,
        checklist_id=None,
        call_date=call_date,
        call_time=call_time,
        direction=_choice(data, "direction", Direction, Direction.OUTBOUND),
        client_company=_text(data, "client_company"),
        manager_channel=_choice(data, "manager_channel", ManagerChannel, ManagerChannel.LEFT),
        external_id=external_id,
        transcript=transcript,
    )
    return call, email or "", _text(data, "checklist", max_len=80) or DEFAULT_CHECKLIST
