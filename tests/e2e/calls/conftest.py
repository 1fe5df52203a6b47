"""Calls in the browser: the published checklist and helpers to create calls in the live app."""

from __future__ import annotations

import io
import wave

import numpy as np
import pytest

from tests.factories import intake_call, publish_cold_call, transcript


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
    from app.calls.jobs import enqueue_processing

    with live_app.app_context():
        anna = find_user_by_email("anna.petrova@strela.example")
        call_id = intake_call(
            anna.id, calls_checklist, sidecar=short_transcript, audio=quiet_wav(60.0), call_date=date.today(),
            client="ООО СтройМонтаж",
        )  # fmt: skip
        enqueue_processing([call_id])
        return call_id
