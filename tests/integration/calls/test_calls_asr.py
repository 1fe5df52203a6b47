"""The real Whisper model through the transcriber port on a short stereo fixture (marked ``asr``)."""

from __future__ import annotations

from datetime import date

import pytest

from app.calls import intake, jobs
from app.calls.models import Call, CallStatus
from app.extensions import db
from tests.factories import shortest_stereo_fixture, speech_pipeline_missing

pytestmark = pytest.mark.asr


def test_a_stereo_recording_is_transcribed_with_both_roles_and_scored(ctx, checklist, people, monkeypatch):
    reason = speech_pipeline_missing()
    if reason:
        pytest.skip(reason)
    monkeypatch.setitem(ctx.config, "CALLS_TRANSCRIBER", "whisper")
    path = shortest_stereo_fixture()
    data = intake.CallData(manager_id=people["anna"].id, checklist_id=checklist.checklist_id, call_date=date.today())
    with path.open("rb") as stream, intake.intake_batch() as batch:
        [call] = intake.intake_calls(batch, [intake.Upload(path.name, stream)], data, None)
        db.session.commit()
    assert jobs.process_call(call.id) == "scored"
    call = db.session.get(Call, call.id)
    speakers = {s["speaker"] for s in call.transcript["segments"]}
    assert speakers == {"manager", "client"}
    assert all("avg_logprob" in s for s in call.transcript["segments"])
    assert call.status == CallStatus.SCORED and call.progress == 100 and call.current_scorecard.items
