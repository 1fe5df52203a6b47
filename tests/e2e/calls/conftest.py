"""Calls in the browser: the published checklist and helpers to create calls in the live app."""

from __future__ import annotations

import io
import wave

import numpy as np
import pytest

from tests.factories import publish_cold_call, transcript


@pytest.fixture(scope="session")
def calls_checklist(live_app):
    """Publish the cold-call checklist in the live app's database; returns the checklist id."""
    with live_app.app_context():
        return publish_cold_call().checklist_id


def quiet_wav(seconds: float, rate: int = 8000) -> bytes:
    """Near-silent stereo audio of a given length (the player only needs something to seek in)."""
    frames = (np.random.default_rng(3).normal(0, 30, (int(seconds * rate), 2))).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames.tobytes())
    return buffer.getvalue()


@pytest.fixture(scope="session")
def short_transcript() -> dict:
    """The first minute of an evaluation call (gatekeeper, hand-over, decision maker)."""
    data = transcript()
    data["segments"] = [s for s in data["segments"] if s["end"] <= 58.0]
    data["duration"] = 60.0
    return data


@pytest.fixture
def sidecar_call(live_app, calls_checklist, short_transcript):
    """A call of Anna (team «Корпоративные клиенты»), processed by the live worker from its transcript."""
    from datetime import date

    from app.accounts.services import find_user_by_email
    from app.calls import intake
    from app.calls.jobs import enqueue_processing
    from app.extensions import db

    with live_app.app_context():
        anna = find_user_by_email("anna.petrova@strela.example")
        data = intake.CallData(
            manager_id=anna.id,
            checklist_id=calls_checklist,
            call_date=date.today(),
            client_company="ООО СтройМонтаж",
            transcript=short_transcript,
        )
        with intake.intake_batch() as batch:
            [call] = intake.intake_calls(batch, [intake.Upload("e2e.wav", io.BytesIO(quiet_wav(60.0)))], data, None)
            db.session.commit()
        enqueue_processing([call.id])
        return call.id
