"""Background job runner: in-process thread (default), synchronous (tests) or RQ + Redis (scale-out).

Jobs are plain functions that take ids, record their progress on a database row and are safe to run
twice. They are enqueued by dotted path (``"app.calls.jobs.process_call"``) so that RQ workers on other
machines can import them. Features register recovery hooks that re-enqueue work left unfinished by a crash;
they run when a worker starts.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

log = logging.getLogger(__name__)

_recovery_hooks: list[Callable[[], None]] = []
_worker_app: Flask | None = None


def register_recovery(hook: Callable[[], None]) -> Callable[[], None]:
    """Register a function that re-enqueues unfinished jobs; called in an app context at worker start."""
    _recovery_hooks.append(hook)
    return hook


def _resolve(path: str) -> Callable[..., Any]:
    module_name, _, attr = path.rpartition(".")
    if not module_name.startswith("app."):
        raise ValueError(f"job path outside the app: {path}")
    return getattr(importlib.import_module(module_name), attr)


def run_job(path: str, *args: Any) -> Any:
    """RQ entry point: run one job in the worker process's app (see ``start_worker``)."""
    app = _worker_app or current_app._get_current_object()  # type: ignore[attr-defined]
    return run_job_in(app, path, *args)


def run_job_in(app: Flask, path: str, *args: Any) -> Any:
    """Run one job inside ``app``'s context; the job commits its own work, failures are logged and re-raised."""
    with app.app_context():
        from app.extensions import db

        try:
            return _resolve(path)(*args)
        except Exception:
            db.session.rollback()
            log.exception("job %s%r failed", path, args)
            raise
        finally:
            db.session.remove()


class ThreadRunner:
    """One daemon thread per process that runs jobs in order; nothing else to start."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.queue: queue.Queue[tuple[str, tuple[Any, ...]]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def enqueue(self, path: str, *args: Any, job_id: str | None = None) -> None:
        self._ensure_started()
        self.queue.put((path, args))

    def _ensure_started(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="salesdojo-jobs", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        with self.app.app_context():
            _run_recovery()
        while True:
            path, args = self.queue.get()
            try:
                run_job_in(self.app, path, *args)
            except Exception:  # already logged; the job recorded its failure on its row
                pass
            finally:
                self.queue.task_done()

    def join(self) -> None:
        """Wait until every queued job has run (used by tests and the CLI)."""
        self.queue.join()


class SyncRunner:
    """Runs each job immediately in the caller's thread (tests, CLI)."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def enqueue(self, path: str, *args: Any, job_id: str | None = None) -> None:
        with contextlib.suppress(Exception):  # logged by run_job; the job records failure on its row
            run_job_in(self.app, path, *args)

    def join(self) -> None:
        return None


class RQRunner:
    """Sends jobs to Redis; ``flask worker`` processes run them."""

    def __init__(self, app: Flask) -> None:
        from redis import Redis
        from rq import Queue

        self.app = app
        self.connection = Redis.from_url(app.config["REDIS_URL"])
        self.queue = Queue("salesdojo", connection=self.connection, default_timeout=3600)

    def enqueue(self, path: str, *args: Any, job_id: str | None = None) -> None:
        self.queue.enqueue(run_job, path, *args, job_id=job_id)

    def join(self) -> None:
        return None


def _run_recovery() -> None:
    for hook in _recovery_hooks:
        try:
            hook()
        except Exception:
            log.exception("recovery hook %s failed", hook)


def init_app(app: Flask) -> None:
    """Attach the configured runner to the app as ``app.extensions['jobs']``."""
    mode = app.config.get("JOBS_MODE", "thread")
    runner: ThreadRunner | SyncRunner | RQRunner
    if mode == "sync":
        runner = SyncRunner(app)
    elif mode == "rq":
        runner = RQRunner(app)
    else:
        runner = ThreadRunner(app)
    app.extensions["jobs"] = runner


def start_background(app: Flask) -> None:
    """Start the in-process worker now (web server start-up) so that unfinished work is recovered."""
    runner = app.extensions["jobs"]
    if isinstance(runner, ThreadRunner):
        runner._ensure_started()


def enqueue(path: str, *args: Any, job_id: str | None = None) -> None:
    """Queue ``path(*args)``; call after the request has committed the rows the job reads."""
    current_app.extensions["jobs"].enqueue(path, *args, job_id=job_id)


def start_worker(app: Flask, burst: bool = False) -> None:
    """Run an RQ worker in this process (``flask worker``): recover unfinished work, then serve the queue."""
    global _worker_app
    from rq import Worker

    _worker_app = app
    runner = app.extensions["jobs"]
    if not isinstance(runner, RQRunner):
        raise RuntimeError("flask worker needs REDIS_URL to be set (RQ mode).")
    with app.app_context():
        _run_recovery()
    Worker([runner.queue], connection=runner.connection).work(burst=burst)
