"""Fixtures of the calls web tests: the integration ones (sidecar transcriber, own storage, people), a checklist."""

from __future__ import annotations

import pytest

from tests.factories import intake_call, publish_cold_call, transcript
from tests.integration.calls.conftest import _calls_config, people  # noqa: F401  (shared fixtures)


@pytest.fixture
def checklist(app):
    """Id of the published cold-call checklist."""
    with app.app_context():
        return publish_cold_call().checklist_id


@pytest.fixture
def scored_call(app, checklist, people):  # noqa: F811  (the imported fixture)
    """Anna's call, processed from its transcript; returns the id."""
    from app.calls.jobs import process_call

    with app.app_context():
        call_id = intake_call(people["anna"].id, checklist, sidecar=transcript())
        assert process_call(call_id) == "scored"
    return call_id
