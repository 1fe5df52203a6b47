"""Helpers shared by the calls tests: tiny WAV recordings, a published checklist, calls from transcripts."""

from __future__ import annotations

import io
import json
import os
import wave
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
TRANSCRIPTS = ROOT / "tests" / "data" / "calls"
# The speech pipeline commits its generated recordings here; the variable points elsewhere while it has not.
AUDIO = Path(os.environ.get("SALESDOJO_TEST_AUDIO_DIR") or ROOT / "tests" / "data" / "audio")
GOOD_CALL = "call01_strela_docs_gk_connects_good.json"


def wav_bytes(seconds: float = 1.0, channels: int = 2, rate: int = 8000, freq: float = 440.0) -> bytes:
    """A short tone as 16-bit PCM WAV; ``freq`` changes the bytes (and so the hash)."""
    t = np.arange(int(seconds * rate)) / rate
    tone = (0.2 * np.sin(2 * np.pi * freq * t) * 32767).astype("<i2")
    frames = np.stack([tone] * channels, axis=1)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames.tobytes())
    return buffer.getvalue()


def transcript(name: str = GOOD_CALL) -> dict:
    """One of the evaluation transcripts as contract JSON."""
    return json.loads((TRANSCRIPTS / name).read_text(encoding="utf-8"))


def publish_cold_call():  # type: ignore[no-untyped-def]
    """Publish ``checklists/cold_call.yaml`` (inside an app context) and return the version."""
    from app.extensions import db
    from app.quality.checklists import CHECKLISTS_DIR, publish_yaml

    version = publish_yaml((CHECKLISTS_DIR / "cold_call.yaml").read_text(encoding="utf-8"), "cold_call.yaml")
    db.session.commit()
    return version


def create_call(
    manager_id: int,
    checklist_id: int,
    *,
    sidecar: dict | None = None,
    freq: float = 440.0,
    uploaded_by=None,
    channels: int = 2,
):  # type: ignore[no-untyped-def]
    """Create one call through the intake service (inside an app context) and commit; returns its id."""
    from app.calls import intake
    from app.extensions import db

    data = intake.CallData(
        manager_id=manager_id,
        checklist_id=checklist_id,
        call_date=date(2026, 11, 20),
        client_company="ООО Ромашка",
        transcript=sidecar,
    )
    upload = intake.Upload("call.wav", io.BytesIO(wav_bytes(freq=freq, channels=channels)))
    with intake.intake_batch() as batch:
        call = intake.intake_calls(batch, [upload], data, uploaded_by)[0]
        db.session.commit()
    return call.id


def shortest_stereo_fixture() -> Path | None:
    """The shortest stereo recording the speech pipeline generated in ``tests/data/audio`` (None if absent)."""
    refs_path = AUDIO / "refs.json"
    if not refs_path.is_file():
        return None
    refs = json.loads(refs_path.read_text(encoding="utf-8"))
    stereo = [
        (refs.get("calls", {}).get(facts.get("call"), {}).get("duration", 1e9), name)
        for name, facts in refs.get("files", {}).items()
        if facts.get("layout") == "stereo" and facts.get("sample_rate") == 16000 and (AUDIO / name).is_file()
    ]
    return AUDIO / min(stereo)[1] if stereo else None


def speech_pipeline_missing() -> str | None:
    """Why the real-model tests cannot run here (no diarization module or no fixtures), or None."""
    try:
        import scoring.diarize  # noqa: F401
    except ModuleNotFoundError:
        return "scoring.diarize (the speech pipeline) is not in this checkout"
    if shortest_stereo_fixture() is None:
        return "no stereo fixture in tests/data/audio (run tools/audio/make_fixtures.py)"
    return None
