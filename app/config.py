"""Configuration from environment variables with safe local defaults."""

from __future__ import annotations

import json
import os
from pathlib import Path


class ConfigError(RuntimeError):
    """The environment does not describe a configuration the app can run with."""


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_config(instance_path: str) -> dict:
    """Build the config mapping from the environment; refuse to run without a secret outside development."""
    env = os.environ.get("SALESDOJO_ENV", os.environ.get("FLASK_ENV", "development")).lower()
    secret = os.environ.get("SECRET_KEY")
    if not secret:
        if env not in {"development", "testing"}:
            raise ConfigError("SECRET_KEY must be set when SALESDOJO_ENV is not 'development'.")
        secret = "dev-only-secret-key-change-me"
    instance = Path(instance_path)
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'salesdojo.sqlite3'}"
    return {
        "ENV_NAME": env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url,
        # JSON columns (transcripts, scorecards) keep Cyrillic as is: readable and about half the size of \uXXXX.
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "pool_pre_ping": True,
            "json_serializer": lambda o: json.dumps(o, ensure_ascii=False),
        },
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", env == "production"),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "BOOTSTRAP_SERVE_LOCAL": True,
        "BABEL_DEFAULT_LOCALE": "ru",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("TZ_NAME", "Europe/Moscow"),
        "LANGUAGES": ("ru", "en"),
        # Login throttling: after LOGIN_MAX_FAILURES wrong passwords the account is locked for a while.
        "LOGIN_MAX_FAILURES": int(os.environ.get("LOGIN_MAX_FAILURES", "5")),
        "LOGIN_LOCKOUT_SECONDS": int(os.environ.get("LOGIN_LOCKOUT_SECONDS", "300")),
        # Argon2 cost; tests lower it to keep the suite fast.
        "ARGON2_TIME_COST": int(os.environ.get("ARGON2_TIME_COST", "3")),
        "ARGON2_MEMORY_COST": int(os.environ.get("ARGON2_MEMORY_COST", "65536")),
        # Where uploaded recordings and other files live (outside the web root).
        "STORAGE_DIR": os.environ.get("STORAGE_DIR", str(instance / "storage")),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_UPLOAD_MB", "200")) * 1024 * 1024,
        # Background jobs: "thread" (in-process worker, default), "sync" (tests) or RQ when REDIS_URL is set.
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "JOBS_MODE": os.environ.get("JOBS_MODE", "rq" if os.environ.get("REDIS_URL") else "thread"),
        # Calls: "whisper" transcribes recordings; "sidecar" uses a transcript sent with the upload.
        "CALLS_TRANSCRIBER": os.environ.get("CALLS_TRANSCRIBER", "whisper"),
        # The company's own words for speech recognition (its name, products, domain terms; comma-separated,
        # at most 400 characters); empty = none. Workers need it too: they read the same environment.
        "ASR_VOCABULARY": os.environ.get("ASR_VOCABULARY", "").strip(),
        # RQ recovery re-queues calls whose job made no progress for this long.
        "CALLS_STALE_SECONDS": int(os.environ.get("CALLS_STALE_SECONDS", "300")),
        "DEMO_PASSWORD": os.environ.get("DEMO_PASSWORD", "demo-strela-2026"),
    }
