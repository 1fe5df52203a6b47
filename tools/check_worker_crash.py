"""Crash check: kill a ``flask worker`` (RQ mode) with SIGKILL while it transcribes a call, start a new one,
and show the call finishing with exactly one scorecard.

Starts its own ``redis-server`` on a free loopback port and works on a fresh SQLite database in a temporary
directory (nothing else is touched). Uses a real recording and the real Whisper model::

    python tools/check_worker_crash.py [--recording tests/data/audio/call01_discovery.stereo.flac]

The functions here (Redis, workers, waiting) are reused by ``tests/integration/calls_b`` with a blocking
transcriber, so the test runs in seconds without the speech model.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FLASK = str(Path(sys.executable).with_name("flask"))
T = TypeVar("T")
_t0 = time.monotonic()


def say(message: str) -> None:
    """One line of the story, with the seconds since start."""
    print(f"[{time.monotonic() - _t0:6.1f}s] {message}", flush=True)


def free_port() -> int:
    """A TCP port nobody listens on right now (loopback)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def redis_server(workdir: Path) -> Iterator[str]:
    """A throw-away ``redis-server`` on loopback; yields its URL."""
    from redis import Redis

    port = free_port()
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_for(lambda: _ping(Redis.from_url(url)), 10, "redis-server to answer")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _ping(client: Any) -> bool:
    try:
        return bool(client.ping())
    except Exception:
        return False


def wait_for(check: Callable[[], T], timeout: float, what: str, interval: float = 0.2) -> T:
    """Poll ``check`` until it returns something truthy; raise ``TimeoutError`` naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up after {timeout:g} s waiting for {what}")
        time.sleep(interval)


def start_worker(app_spec: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """``flask --app <spec> worker`` in its own process group (RQ forks a work horse per job)."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            [FLASK, "--app", app_spec, "worker"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def kill_worker(proc: subprocess.Popen) -> None:
    """SIGKILL the worker and its work horse: no clean-up runs, as in a power cut or the OOM killer."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def stop_worker(proc: subprocess.Popen) -> None:
    """Stop a worker politely (then firmly)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        kill_worker(proc)


def call_state(database_url: str, call_id: int) -> dict[str, Any]:
    """Status, progress, attempts and number of scorecards of a call, read straight from the database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                text("SELECT status, progress, attempts, error FROM calls WHERE id = :id"), {"id": call_id}
            ).one()
            cards = conn.execute(text("SELECT count(*) FROM scorecards WHERE call_id = :id"), {"id": call_id}).scalar()
    finally:
        engine.dispose()
    return {"status": row[0], "progress": row[1], "attempts": row[2], "error": row[3], "scorecards": cards}


def submit_call(app: Any, recording: Path, transcript: dict | None = None, checklist_yaml: str | None = None) -> int:
    """Create a manager, publish the checklist, take in the recording and queue its processing; the call id."""
    from app.accounts.models import Role
    from app.accounts.services import UserData, create_user
    from app.calls import intake, jobs
    from app.extensions import db
    from app.quality.checklists import CHECKLISTS_DIR, publish_yaml

    with app.app_context():
        db.create_all()
        yaml_text = checklist_yaml or (CHECKLISTS_DIR / "cold_call.yaml").read_text(encoding="utf-8")
        version = publish_yaml(yaml_text, "check.yaml")
        manager, _ = create_user(UserData("crash@check.example", "Проверка Сбоя", Role.SALES_MANAGER), "crash-check-1")
        data = intake.CallData(manager.id, version.checklist_id, date.today(), transcript=transcript)
        with intake.intake_batch() as batch, open(recording, "rb") as stream:
            call = intake.intake_calls(batch, [intake.Upload(recording.name, stream)], data, None)[0]
            db.session.commit()
        jobs.enqueue_processing([call.id])
        return call.id


def run_check(recording: Path, timeout: float) -> int:
    """The whole story with the real speech model; returns the exit status."""
    from app import create_app

    if not recording.is_file():
        print(f"No recording at {recording}: generate the fixtures (python tools/audio/make_fixtures.py).")
        return 2
    with tempfile.TemporaryDirectory(prefix="salesdojo-crash-") as tmp, redis_server(Path(tmp)) as redis_url:
        workdir = Path(tmp)
        database_url = f"sqlite:///{workdir / 'crash.sqlite3'}"
        env = {"DATABASE_URL": database_url, "REDIS_URL": redis_url, "STORAGE_DIR": str(workdir / "storage"),
               "SALESDOJO_ENV": "development", "PYTHONPATH": str(ROOT)}  # fmt: skip
        say(f"redis-server at {redis_url}; database {database_url}")
        app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "REDIS_URL": redis_url, "JOBS_MODE": "rq",
                          "STORAGE_DIR": env["STORAGE_DIR"]})  # fmt: skip
        call_id = submit_call(app, recording)
        say(f"call {call_id} submitted with {recording.name}; processing queued in Redis")
        spec = "app:create_app({'CALLS_STALE_SECONDS': 2})"
        log = workdir / "workers.log"
        first = start_worker(spec, env, log)
        say(f"worker 1 started (pid {first.pid})")
        state = wait_for(
            lambda: (s := call_state(database_url, call_id))["status"] == "transcribing" and s["progress"] > 5 and s,
            timeout,
            "the call to be transcribing",
        )
        say(f"call is {state['status']} at {state['progress']}% (attempt {state['attempts']}) — SIGKILL worker 1")
        kill_worker(first)
        time.sleep(0.5)
        state = call_state(database_url, call_id)
        say(
            f"worker 1 is gone; the call is left {state['status']} at {state['progress']}%, "
            f"{state['scorecards']} scorecards"
        )
        second = start_worker(spec, env, log)
        say(f"worker 2 started (pid {second.pid}); it re-queues calls left unfinished")
        try:
            state = wait_for(
                lambda: (s := call_state(database_url, call_id))["status"] in ("scored", "failed") and s,
                timeout,
                "the call to be scored",
            )
        finally:
            stop_worker(second)
        say(
            f"call is {state['status']} after {state['attempts']} transcription attempts; "
            f"{state['scorecards']} scorecard(s)"
        )
        if state["status"] != "scored" or state["scorecards"] != 1:
            print(
                f"FAILED: expected scored with exactly one scorecard, got {state}. "
                f"Worker log: {log.read_text()[-3000:]}"
            )
            return 1
        print("OK: the call finished after the restart, with exactly one scorecard.")
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--recording", type=Path, default=ROOT / "tests" / "data" / "audio" / "call01_discovery.stereo.flac"
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for each step")
    args = parser.parse_args(argv)
    if not any((Path(p) / "redis-server").exists() for p in os.environ.get("PATH", "").split(os.pathsep)):
        print("redis-server is not installed (apt-get install redis-server).")
        return 2
    os.environ.setdefault("SALESDOJO_ENV", "development")
    return run_check(args.recording, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
