"""Intake: content-addressed storage, dedup by hash, refusal by content, nothing half-saved."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from app.calls import intake
from app.calls.models import Call, CallStatus, Recording
from app.calls.storage import get_storage
from app.core.domain import DomainError
from app.extensions import db
from tests.factories import transcript, wav_bytes


def _data(manager, checklist, **extra) -> intake.CallData:
    return intake.CallData(
        manager_id=manager.id, checklist_id=checklist.checklist_id, call_date=date(2026, 11, 20), **extra
    )


def _submit(uploads, data, by=None):
    with intake.intake_batch() as batch:
        calls = intake.intake_calls(batch, uploads, data, by)
        db.session.commit()
    return calls


def _stored_files():
    root = get_storage().root / "recordings"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_recording_is_stored_under_its_hash_and_the_call_waits_in_the_queue(ctx, checklist, people):
    payload = wav_bytes()
    [call] = _submit([intake.Upload("../../etc/звонок.wav", io.BytesIO(payload))], _data(people["anna"], checklist))
    recording = call.recording
    path = get_storage().path_for(recording.storage_key)
    assert path.read_bytes() == payload
    assert path.relative_to(get_storage().root).parts[:3] == ("recordings", recording.sha256[:2], recording.sha256[2:4])
    assert (recording.channels, recording.sample_rate, recording.extension, recording.mime) == (
        2,
        8000,
        "wav",
        "audio/wav",
    )
    assert recording.duration == pytest.approx(1.0, abs=0.01)
    assert call.status == CallStatus.UPLOADED and call.team_id == people["anna"].team_id
    assert list((get_storage().root / "tmp").iterdir()) == []


def test_same_bytes_twice_are_stored_once_and_linked(ctx, checklist, people):
    payload = wav_bytes(freq=500)
    first = _submit([intake.Upload("a.wav", io.BytesIO(payload))], _data(people["anna"], checklist))
    second = _submit(
        [intake.Upload("b.wav", io.BytesIO(payload)), intake.Upload("c.wav", io.BytesIO(payload))],
        _data(people["boris"], checklist),
    )
    assert {c.recording_id for c in first + second} == {first[0].recording_id}
    assert _count(Recording) == 1 and _count(Call) == 3
    assert len(_stored_files()) == 1


@pytest.mark.parametrize(
    ("name", "payload", "problem"),
    [
        ("notes.mp3", "Это текст, а не запись.\n".encode() * 40, "это не аудиозапись"),
        ("empty.wav", b"", "файл пустой"),
        ("cut.wav", wav_bytes(seconds=2.0)[:3000], "файл обрезан"),
    ],
)
def test_bad_files_are_refused_by_content_with_the_file_named(ctx, checklist, people, name, payload, problem):
    with pytest.raises(DomainError) as caught:
        _submit([intake.Upload(name, io.BytesIO(payload))], _data(people["anna"], checklist))
    assert name in caught.value.message and problem in caught.value.message
    assert caught.value.field == "recordings"
    db.session.rollback()
    assert _count(Recording) == 0 and _stored_files() == []
    assert list((get_storage().root / "tmp").iterdir()) == []


def test_one_bad_file_in_a_batch_saves_none_of_them(ctx, checklist, people):
    uploads = [intake.Upload("good.wav", io.BytesIO(wav_bytes(freq=600))), intake.Upload("bad.ogg", io.BytesIO(b"x"))]
    with pytest.raises(DomainError, match="bad.ogg"):
        _submit(uploads, _data(people["anna"], checklist))
    db.session.rollback()
    assert (_count(Call), _count(Recording), _stored_files()) == (0, 0, [])


def test_a_failure_after_the_file_was_placed_removes_it_and_writes_no_rows(ctx, checklist, people, monkeypatch):
    def broken_call(**fields):
        raise RuntimeError("database went away")

    monkeypatch.setattr(intake, "Call", broken_call)
    with pytest.raises(RuntimeError, match="went away"):
        _submit([intake.Upload("call.wav", io.BytesIO(wav_bytes(freq=700)))], _data(people["anna"], checklist))
    db.session.rollback()
    assert (_count(Recording), _stored_files()) == (0, [])
    assert list((get_storage().root / "tmp").iterdir()) == []


def test_a_failed_commit_removes_the_new_file(ctx, checklist, people):
    def failing_commit():
        raise RuntimeError("disk full")

    upload = intake.Upload("c.wav", io.BytesIO(wav_bytes(freq=800)))
    with pytest.raises(RuntimeError, match="disk full"), intake.intake_batch() as batch:
        intake.intake_calls(batch, [upload], _data(people["anna"], checklist), None)
        assert len(_stored_files()) == 1  # placed before the rows are committed
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(db.session, "commit", failing_commit)
            db.session.commit()
    db.session.rollback()
    assert (_count(Recording), _stored_files()) == (0, [])


def test_a_manager_cannot_upload_for_a_colleague(ctx, checklist, people):
    from app.accounts.models import User

    anna = db.session.get(User, people["anna"].id)
    with pytest.raises(DomainError) as caught:
        _submit([intake.Upload("a.wav", io.BytesIO(wav_bytes()))], _data(people["boris"], checklist), by=anna)
    assert caught.value.field == "manager_id"


def test_unpublished_checklist_and_broken_transcript_are_refused_by_field(ctx, checklist, people):
    data = _data(people["anna"], checklist)
    data.checklist_id = 999
    with pytest.raises(DomainError) as caught:
        _submit([intake.Upload("a.wav", io.BytesIO(wav_bytes()))], data)
    assert caught.value.field == "checklist_id"
    bad = _data(
        people["anna"], checklist, transcript={"segments": [{"speaker": "boss", "start": 0, "end": 1, "text": "?"}]}
    )
    with pytest.raises(DomainError) as caught:
        _submit([intake.Upload("a.wav", io.BytesIO(wav_bytes()))], bad)
    assert caught.value.field == "transcript" and "speaker" in caught.value.message


def test_supervisor_may_upload_for_the_team_and_the_sidecar_is_kept(ctx, checklist, people):
    from app.accounts.models import User

    supervisor = db.session.get(User, people["supervisor"].id)
    [call] = _submit(
        [intake.Upload("a.wav", io.BytesIO(wav_bytes()))],
        _data(people["anna"], checklist, transcript=transcript()),
        by=supervisor,
    )
    assert call.uploaded_by_id == supervisor.id and call.sidecar_transcript["segments"]
