"""Fixtures of the calls integration tests: fast sidecar transcriber, a published checklist, a team."""

from __future__ import annotations

import pytest

from tests.integration.calls.factories import publish_cold_call


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
    """A supervisor with a team of two managers, another team's manager, an admin."""
    supervisor = make_user(role="supervisor")
    team = make_team("Команда А", supervisor)
    other_supervisor = make_user(role="supervisor")
    other_team = make_team("Команда Б", other_supervisor)
    return {
        "supervisor": supervisor,
        "anna": make_user(role="sales_manager", team=team),
        "boris": make_user(role="sales_manager", team=team),
        "other": make_user(role="sales_manager", team=other_team),
        "other_supervisor": other_supervisor,
        "admin": make_user(role="admin"),
    }
