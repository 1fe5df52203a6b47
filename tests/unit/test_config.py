"""Configuration comes from the environment; production refuses to run without a secret key."""

from __future__ import annotations

import pytest

from app.config import ConfigError, load_config


def test_missing_secret_key_outside_development_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("SALESDOJO_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config(str(tmp_path))


def test_defaults_use_sqlite_under_instance(monkeypatch, tmp_path):
    monkeypatch.setenv("SALESDOJO_ENV", "development")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = load_config(str(tmp_path))
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'salesdojo.sqlite3'}"
    assert config["BABEL_DEFAULT_LOCALE"] == "ru"


def test_database_url_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@localhost/sd")
    assert load_config(str(tmp_path))["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")
