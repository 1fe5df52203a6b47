"""Scale-out path: with REDIS_URL the processing job goes through RQ and a ``flask worker`` process runs it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

from tests.factories import ROOT, intake_call, publish_cold_call, transcript

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_url(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (make test installs it)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def test_a_worker_process_scores_the_queued_call_and_recovers_a_stale_one(tmp_path, redis_url):
    from app import create_app
    from app.accounts.models import Role
    from app.accounts.services import UserData, create_user
    from app.calls.jobs import enqueue_processing
    from app.calls.models import Call, CallStatus
    from app.extensions import db

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'rq.db'}",
            "STORAGE_DIR": str(tmp_path / "storage"),
            "ARGON2_TIME_COST": 1,
            "ARGON2_MEMORY_COST": 8192,
            "JOBS_MODE": "rq",
            "REDIS_URL": redis_url,
            "CALLS_TRANSCRIBER": "sidecar",
            "CALLS_STALE_SECONDS": 0,
        }
    )
    with app.app_context():
        db.create_all()
        anna, _ = create_user(UserData("anna@example.test", "Анна", Role.SALES_MANAGER), "password123")
        db.session.commit()
        checklist_id = publish_cold_call().checklist_id
        queued = intake_call(anna.id, checklist_id, sidecar=transcript(), freq=300)
        stale = intake_call(anna.id, checklist_id, sidecar=transcript(), freq=310)
        db.session.get(Call, stale).status = CallStatus.TRANSCRIBING  # its worker died
        db.session.commit()
        enqueue_processing([queued])
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "tests.integration.calls.rq_app", "worker", "--burst"],
        env={
            **os.environ,
            "RQ_TEST_DB": str(tmp_path / "rq.db"),
            "REDIS_URL": redis_url,
            "RQ_TEST_STORAGE": str(tmp_path / "storage"),
            "SALESDOJO_ENV": "testing",
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    with app.app_context():
        assert {db.session.get(Call, i).status for i in (queued, stale)} == {CallStatus.SCORED}
