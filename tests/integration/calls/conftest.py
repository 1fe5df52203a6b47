"""Fixtures of the calls tests (the web tests share them): fast sidecar transcriber, a published checklist, people."""

from __future__ import annotations

import pytest

from tests.factories import build_people, publish_cold_call


@pytest.fixture(autouse=True)
def _calls_config(app, monkeypatch, tmp_path):
    """Speech recognition off (calls are processed from the transcript that came with them); own storage."""
    monkeypatch.setitem(app.config, "CALLS_TRANSCRIBER", "sidecar")
    monkeypatch.setitem(app.config, "STORAGE_DIR", str(tmp_path / "storage"))


@pytest.fixture
def checklist(ctx):
    """The published cold-call checklist version (the call's checklist is ``version.checklist``)."""
    return publish_cold_call()


@pytest.fixture
def people(make_user, make_team):
    """A supervisor with a team of two managers, another team's manager, an admin, a trainer (``build_people``)."""
    return build_people(make_user, make_team)
