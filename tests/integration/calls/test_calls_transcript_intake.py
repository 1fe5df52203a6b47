"""Calls without a recording: created from a ready transcript, scored without speech recognition."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from sqlalchemy import text

from app.accounts.models import User
from app.calls import intake, transcript_intake
from app.calls.jobs import process_call
from app.calls.models import Call, CallStatus, Recording
from app.core.domain import DomainError
from app.extensions import db
from tests.factories import transcript


def _data(manager, checklist, **extra) -> intake.CallData:
    values = {"transcript": transcript(), "client_company": "ООО Ромашка", **extra}
    return intake.CallData(
        manager_id=manager.id, checklist_id=checklist.checklist_id, call_date=date(2026, 11, 20), **values
    )


def test_a_transcript_call_has_no_recording_and_is_scored_without_speech_recognition(
    ctx, checklist, people, monkeypatch
):
    monkeypatch.setitem(ctx.config, "CALLS_TRANSCRIBER", "no-such-engine")  # would fail if it were asked
    call = transcript_intake.intake_transcript_call(_data(people["anna"], checklist), None)
    db.session.commit()
    assert call.recording_id is None and not call.has_recording and call.status == CallStatus.UPLOADED
    sent = transcript()
    assert call.duration == pytest.approx(max(sent["duration"], *(s["end"] for s in sent["segments"])))
    assert process_call(call.id) == "scored"
    db.session.expire_all()
    call = db.session.get(Call, call.id)
    assert call.current_scorecard is not None and call.final_score is not None
    assert call.transcript["source"] == transcript_intake.SOURCE and call.attempts == 0  # never transcribed
    assert db.session.scalar(db.select(db.func.count(Recording.id))) == 0


def test_segments_are_stored_in_time_order_so_evidence_points_at_the_right_line(ctx, checklist, people):
    sent = transcript()
    sent["segments"] = list(reversed(sent["segments"]))
    call = transcript_intake.intake_transcript_call(_data(people["anna"], checklist, transcript=sent), None)
    starts = [s["start"] for s in call.transcript["segments"]]
    assert starts == sorted(starts) and len(starts) == len(sent["segments"])


@pytest.mark.parametrize(
    ("given", "words"),
    [
        (None, "с транскриптом"),
        ("/etc/passwd", "JSON-объект"),  # a string is never read as a file path
        ({"segments": []}, "ни одной реплики"),
        ({"segments": [{"speaker": "manager", "start": 0, "end": 1, "text": "  "}]}, "ни одной реплики"),
        ({"segments": [{"speaker": "agent", "start": 0, "end": 1, "text": "Алло"}]}, "segments[0].speaker"),
        ({"segments": [{"speaker": "client", "start": 0, "end": 9e9, "text": "Алло"}]}, "длиннее"),
    ],
)
def test_a_call_without_a_recording_must_carry_a_valid_transcript(ctx, checklist, people, given, words):
    with pytest.raises(DomainError) as caught:
        transcript_intake.intake_transcript_call(_data(people["anna"], checklist, transcript=given), None)
    assert caught.value.field == "transcript" and words in caught.value.message
    assert db.session.scalar(db.select(db.func.count(Call.id))) == 0


def test_only_the_managers_supervisor_or_an_admin_may_send_a_ready_transcript(ctx, checklist, people):
    with pytest.raises(DomainError) as caught:
        transcript_intake.intake_transcript_call(_data(people["anna"], checklist), people["anna"])
    assert caught.value.field == "transcript" and "руководитель" in caught.value.message
    with pytest.raises(DomainError):  # another team's supervisor may not even act for her
        transcript_intake.intake_transcript_call(_data(people["anna"], checklist), people["other_supervisor"])
    call = transcript_intake.intake_transcript_call(_data(people["anna"], checklist), people["supervisor"])
    assert call.uploaded_by_id == people["supervisor"].id
    supervisor, anna = (db.session.get(User, people[k].id) for k in ("supervisor", "anna"))
    assert transcript_intake.may_upload_transcript(supervisor, [anna])
    assert not transcript_intake.may_upload_transcript(anna, [anna])


def test_a_recording_less_call_that_lost_its_transcript_fails_with_a_reason(ctx, checklist, people):
    call = transcript_intake.intake_transcript_call(_data(people["anna"], checklist), None)
    call.transcript = None
    db.session.commit()
    assert process_call(call.id) == "failed"
    assert "нет ни записи, ни транскрипта" in db.session.get(Call, call.id).error


def _upload(raw: bytes, name: str = "call.json") -> intake.Upload:
    return intake.Upload(name, io.BytesIO(raw))


def test_a_transcript_file_is_read_by_content():
    raw = "\ufeff".encode() + json.dumps(transcript(), ensure_ascii=False).encode()  # Excel-style BOM
    assert transcript_intake.read_transcript_file(_upload(raw, "без расширения"))["segments"]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "пустой"),
        (b'{"segments": [\n  {"speaker": "manager",,}]}', "строке 2"),
        ("Привет".encode("cp1251"), "UTF-8"),
        (b"[1, 2]", "JSON-объект"),
        (b" " * (transcript_intake.MAX_TRANSCRIPT_BYTES + 1), "5 МБ"),
    ],
)
def test_a_bad_transcript_file_is_refused_naming_the_file(raw, words):
    with pytest.raises(DomainError) as caught:
        transcript_intake.read_transcript_file(_upload(raw, "итоги.json"))
    assert caught.value.field == "transcript_file" and "итоги.json" in caught.value.message
    assert words in caught.value.message


def test_json_columns_keep_cyrillic_unescaped(ctx, checklist, people):
    call = transcript_intake.intake_transcript_call(_data(people["anna"], checklist), None)
    db.session.commit()
    process_call(call.id)
    stored = db.session.execute(text("SELECT transcript FROM calls WHERE id = :id"), {"id": call.id}).scalar_one()
    auto = db.session.execute(text("SELECT auto FROM scorecards WHERE call_id = :id"), {"id": call.id}).scalar_one()
    assert "\\u04" not in stored and transcript()["segments"][0]["text"] in stored
    assert "\\u04" not in auto and json.loads(stored)["segments"]
