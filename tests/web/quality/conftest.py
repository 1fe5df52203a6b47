"""Fixtures of the trainer tools page tests."""

from __future__ import annotations

import pytest

from tests.factories import engine_call, publish
from tests.integration.quality.conftest import tiny_corpus  # noqa: F401  (re-exported fixture)


@pytest.fixture
def people(make_user, make_team):
    """A trainer, an admin, a supervisor with a team member, and that manager."""
    supervisor = make_user(role="supervisor")
    team = make_team(supervisor=supervisor)
    return {
        "trainer": make_user(role="trainer"),
        "admin": make_user(role="admin"),
        "supervisor": supervisor,
        "other_supervisor": make_user(role="supervisor"),
        "manager": make_user(role="sales_manager", team=team),
    }


@pytest.fixture
def mini(app, people):
    """The mini checklist (v1 published) and a call of the manager scored with it: (version id, call id)."""
    from app.extensions import db

    with app.app_context():
        version = publish()
        db.session.flush()
        call = engine_call(people["manager"].id, version)
        db.session.commit()
        return version.id, call.id
