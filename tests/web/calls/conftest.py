"""Fixtures of the calls web tests: fast sidecar transcriber, own storage, a published checklist, people."""

from __future__ import annotations

import pytest

from tests.integration.calls.factories import create_call, publish_cold_call, transcript


@pytest.fixture(autouse=True)
def _calls_config(app, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "CALLS_TRANSCRIBER", "sidecar")
    monkeypatch.setitem(app.config, "STORAGE_DIR", str(tmp_path / "storage"))


@pytest.fixture
def checklist(app):
    """Id of the published cold-call checklist."""
    with app.app_context():
        return publish_cold_call().checklist_id


@pytest.fixture
def people(make_user, make_team):
    """Team A (supervisor, anna, boris), team B (other_supervisor, other), an admin and a trainer."""
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
        "trainer": make_user(role="trainer"),
    }


@pytest.fixture
def scored_call(app, checklist, people):
    """Anna's call, processed from its transcript; returns the id."""
    from app.calls.jobs import process_call

    with app.app_context():
        call_id = create_call(people["anna"].id, checklist, sidecar=transcript())
        assert process_call(call_id) == "scored"
    return call_id
