"""Call intake: validate recordings by content, store them once by hash, create call rows; all or nothing.

Order of work: temp file → validate (PyAV) → hash → move into place atomically → database rows → the
caller commits inside ``intake_batch()``, which removes temp files and undoes the files it placed when
anything fails before the commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, BinaryIO

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import Role, User
from app.accounts.permissions import can
from app.calls.models import Call, CallStatus, Direction, ManagerChannel, Recording
from app.calls.storage import RecordingStorage, StorageError, TempFile, get_storage
from app.core.domain import DomainError
from app.extensions import db
from scoring import audio as audio_lib
from scoring.transcript import TranscriptError, load_transcript

CALL_ROLES = frozenset({Role.SALES_MANAGER, Role.NEW_HIRE, Role.SUPERVISOR})
# PyAV container name (first alias) -> (stored extension, MIME type served to the player).
CONTAINERS = {
    "wav": ("wav", "audio/wav"),
    "w64": ("w64", "audio/x-w64"),
    "mp3": ("mp3", "audio/mpeg"),
    "ogg": ("ogg", "audio/ogg"),
    "flac": ("flac", "audio/flac"),
    "mov": ("m4a", "audio/mp4"),
    "matroska": ("webm", "audio/webm"),
    "aac": ("aac", "audio/aac"),
    "aiff": ("aiff", "audio/aiff"),
    "amr": ("amr", "audio/amr"),
}


@dataclass
class Upload:
    """One file as it came in: the name is for messages only, never for paths."""

    filename: str
    stream: BinaryIO


@dataclass
class CallData:
    """Metadata of a call as the upload form or the API give it."""

    manager_id: int | None
    checklist_id: int | None
    call_date: date
    call_time: time | None = None
    direction: Direction = Direction.OUTBOUND
    client_company: str | None = None
    manager_channel: ManagerChannel = ManagerChannel.LEFT
    integration: str | None = None
    external_id: str | None = None
    transcript: dict[str, Any] | None = None


@dataclass
class IntakeBatch:
    """Files touched by one intake: temp files always go, placed files go unless the batch committed."""

    storage: RecordingStorage
    temps: list[TempFile] = field(default_factory=list)
    placed: list[str] = field(default_factory=list)


@contextmanager
def intake_batch() -> Iterator[IntakeBatch]:
    """Scope of one intake; commit inside it. On an exception newly placed files are removed."""
    batch = IntakeBatch(get_storage())
    try:
        yield batch
    except BaseException:
        for key in batch.placed:
            batch.storage.remove(key)
        raise
    finally:
        for temp in batch.temps:
            batch.storage.discard(temp.path)


def _problem_text(problem: str) -> str:
    table = [
        ("the file is empty", _("файл пустой")),
        ("not an audio file", _("это не аудиозапись")),
        ("cannot be opened as audio", _("файл не открывается как аудио")),
        ("contains no audio stream", _("в файле нет звуковой дорожки")),
        ("contains no audio samples", _("в записи нет звука")),
        ("the audio data is corrupt", _("звуковые данные повреждены")),
        ("the file is truncated", _("файл обрезан — похоже, он загрузился не полностью")),
        ("the recording is", _("запись длиннее допустимого")),
        ("larger than", _("файл больше допустимого размера")),
        ("the file is", _("файл больше допустимого размера")),
    ]
    for start, text in table:
        if problem.startswith(start):
            return text
    return problem


def _refuse(filename: str, problem: str) -> DomainError:
    return DomainError(
        _("Файл «%(name)s» не принят: %(problem)s.", name=filename, problem=_problem_text(problem)), "recordings"
    )


def _probe(batch: IntakeBatch, upload: Upload) -> tuple[TempFile, audio_lib.AudioInfo]:
    max_bytes = current_app.config.get("MAX_CONTENT_LENGTH") or None
    try:
        temp = batch.storage.spool(upload.stream, max_bytes=max_bytes)
    except StorageError as error:
        raise _refuse(upload.filename, str(error)) from error
    batch.temps.append(temp)
    try:
        info = audio_lib.probe_audio(temp.path, max_bytes=max_bytes)
    except audio_lib.AudioError as error:
        problem = str(error).split(": ", 1)[-1]  # the message starts with the temp file's name
        raise _refuse(upload.filename, problem) from error
    limit = audio_lib.DEFAULT_MAX_SECONDS
    if info.duration and limit and info.duration > limit + 1:
        raise _refuse(upload.filename, "the recording is too long")
    return temp, info


def _recording(batch: IntakeBatch, upload: Upload, temp: TempFile, info: audio_lib.AudioInfo) -> Recording:
    existing = db.session.scalar(select(Recording).where(Recording.sha256 == temp.sha256))
    if existing is not None:  # same bytes already stored: link, do not store twice
        if not batch.storage.exists(existing.storage_key):
            batch.storage.place(temp, existing.storage_key)  # heal a file lost from disk
        return existing
    extension, mime = CONTAINERS.get(info.container.split(",")[0], ("bin", "application/octet-stream"))
    recording = Recording(
        sha256=temp.sha256,
        extension=extension,
        size_bytes=temp.size,
        mime=mime,
        container=info.container[:60],
        codec=info.codec[:40],
        duration=info.duration,
        channels=info.channels,
        sample_rate=info.sample_rate,
        original_name=(upload.filename or "")[:255] or None,
    )
    if batch.storage.place(temp, recording.storage_key):
        batch.placed.append(recording.storage_key)
    # A concurrent upload of the same bytes makes the flush fail on the unique hash: the request is refused
    # as a whole and a retry links to the stored copy. (No SAVEPOINT: on SQLite its release would commit.)
    db.session.add(recording)
    db.session.flush()
    return recording


def check_call_data(data: CallData, uploaded_by: User | None) -> tuple[User, int]:
    """The manager and checklist id the data names, after checking who may upload and the transcript."""
    from app.quality.checklists import published_checklists  # pulls in the scoring engine's checklist parser

    manager = db.session.get(User, data.manager_id) if data.manager_id else None
    if manager is None or not manager.active:
        raise DomainError(_("Выберите менеджера, чей это звонок."), "manager_id")
    if uploaded_by is not None and not can(uploaded_by, "act_for", manager):
        raise DomainError(_("Вы не можете загружать звонки за этого сотрудника."), "manager_id")
    published = {c.id: c for c in published_checklists()}
    if data.checklist_id not in published:
        raise DomainError(_("Выберите опубликованный чек-лист."), "checklist_id")
    if data.transcript is not None:
        try:
            load_transcript(data.transcript)
        except TranscriptError as error:
            raise DomainError(_("Транскрипт не принят: %(e)s", e=str(error)), "transcript") from error
    return manager, published[data.checklist_id].id


def find_by_external_id(integration: str, external_id: str) -> Call | None:
    """The call an integration already sent under this external id, if any."""
    return db.session.scalar(select(Call).where(Call.integration == integration, Call.external_id == external_id))



def new_call(data, manager, uploaded_by, checklist_id: int | None, **fields):  # type: ignore[no-untyped-def]
    """A Call row in state "uploaded" from the shared upload metadata; ``fields`` add what differs."""
    return Call(
        manager_id=manager.id,
        uploaded_by_id=uploaded_by.id if uploaded_by else None,
        team_id=manager.team_id,
        call_date=data.call_date,
        call_time=data.call_time,
        direction=data.direction,
        client_company=(data.client_company or "").strip() or None,
        checklist_id=checklist_id,
        manager_channel=data.manager_channel,
        integration=data.integration,
        external_id=data.external_id,
        status=CallStatus.UPLOADED,
        progress=0,
        **fields,
    )

def intake_calls(batch: IntakeBatch, uploads: list[Upload], data: CallData, uploaded_by: User | None) -> list[Call]:
    """Validate every file, store recordings, create one call per file (flushed, status ``uploaded``).

    ``uploaded_by`` must be allowed to ``act_for`` the manager; None means a trusted integration (API token).
    """
    if not uploads:
        raise DomainError(_("Выберите хотя бы один файл записи."), "recordings")
    manager, checklist_id = check_call_data(data, uploaded_by)
    probed = [(upload, *_probe(batch, upload)) for upload in uploads]  # refuse the whole batch before storing
    calls = []
    for upload, temp, info in probed:
        recording = _recording(batch, upload, temp, info)
        call = new_call(
            data,
            manager,
            uploaded_by,
            checklist_id,
            recording=recording,
            stage=_("В очереди на распознавание"),
            duration=recording.duration,
            sidecar_transcript=data.transcript,
        )
        db.session.add(call)
        calls.append(call)
    db.session.flush()
    return calls


def uploadable_managers(user: User) -> list[User]:
    """Active people whose calls ``user`` may upload: oneself, one's team, everyone for an admin."""
    from app.accounts.permissions import visible_user_ids

    ids = visible_user_ids(user)
    query = select(User).where(User.active.is_(True)).order_by(User.full_name)
    if ids is not None:
        query = query.where(User.id.in_(ids))
    people = db.session.scalars(query)
    return [p for p in people if (p.id == user.id or p.role in CALL_ROLES) and can(user, "act_for", p)]
