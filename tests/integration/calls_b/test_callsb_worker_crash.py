"""A ``flask worker`` killed with SIGKILL mid-transcription: a restarted worker finishes the call, one scorecard.

Real redis-server and real worker processes; the first worker's transcription blocks until it is killed, the
second uses the transcript that came with the upload (no speech model needed).
"""

from __future__ import annotations

import shutil
import wave

import numpy as np
import pytest

from tests.factories import MINI_CALL_YAML, transcript

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(
        shutil.which("redis-server") is None, reason="redis-server is not installed (apt-get install redis-server)"
    ),
]
APP = "tests.integration.calls_b.crash_worker_app:create_app"


def _wav(path, seconds: float = 2.0, rate: int = 16000) -> None:
    tone = (0.2 * np.sin(2 * np.pi * 440 * np.arange(int(seconds * rate)) / rate) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.stack([tone, tone], axis=1).tobytes())


def test_killed_worker_does_not_lose_or_duplicate_the_call(tmp_path):
    from app import create_app
    from tools.check_worker_crash import (
        call_state,
        kill_worker,
        redis_server,
        start_worker,
        stop_worker,
        submit_call,
        wait_for,
    )

    with redis_server(tmp_path) as redis_url:
        database_url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        storage = str(tmp_path / "storage")
        env = {"DATABASE_URL": database_url, "REDIS_URL": redis_url, "STORAGE_DIR": storage,
               "SALESDOJO_ENV": "testing"}  # fmt: skip
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": database_url, "REDIS_URL": redis_url, "JOBS_MODE": "rq", "STORAGE_DIR": storage}
        )
        recording = tmp_path / "call.wav"
        _wav(recording)
        call_id = submit_call(app, recording, transcript=transcript(), checklist_yaml=MINI_CALL_YAML)
        log = tmp_path / "workers.log"
        first = start_worker(f"{APP}(block=True)", env, log)
        try:
            wait_for(lambda: call_state(database_url, call_id)["status"] == "transcribing", 20, "transcription")
        finally:
            kill_worker(first)
        left = call_state(database_url, call_id)
        assert (left["status"], left["scorecards"]) == ("transcribing", 0)

        second = start_worker(f"{APP}()", env, log)
        try:
            done = wait_for(
                lambda: (s := call_state(database_url, call_id))["status"] in ("scored", "failed") and s,
                25,
                "the restarted worker to finish the call",
            )
        finally:
            stop_worker(second)
        assert done["status"] == "scored", (done, log.read_text()[-2000:])
        assert done["scorecards"] == 1 and done["attempts"] == 2
