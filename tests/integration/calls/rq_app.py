"""App for the RQ worker subprocess of ``test_calls_rq.py`` (database, storage and Redis from the environment)."""

from __future__ import annotations

import os

from app import create_app

app = create_app(
    {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{os.environ['RQ_TEST_DB']}",
        "STORAGE_DIR": os.environ["RQ_TEST_STORAGE"],
        "JOBS_MODE": "rq",
        "REDIS_URL": os.environ["REDIS_URL"],
        "CALLS_TRANSCRIBER": "sidecar",
        "CALLS_STALE_SECONDS": 0,
    }
)
