"""Web tests of call scripts and the objection library: people, the shipped library and the demo script."""

from __future__ import annotations

import pytest

from tests.integration.quality_b.conftest import library, trainer  # noqa: F401


@pytest.fixture
def demo(ctx, library, trainer):  # noqa: F811
    """The library plus the published demo cold-call script."""
    from app.extensions import db
    from app.quality.demo_scripts import COLD_CALL
    from app.quality.scripts import import_script

    version = import_script(COLD_CALL, trainer)
    db.session.commit()
    return version


@pytest.fixture
def people(make_team, make_user):
    """A supervisor with a manager in the team, a manager elsewhere, a trainer (all detached)."""
    lead = make_user(role="supervisor")
    team = make_team("Отдел продаж", supervisor=lead)
    return {
        "lead": lead,
        "manager": make_user(role="sales_manager", team=team),
        "other": make_user(role="sales_manager"),
        "trainer": make_user(role="trainer"),
    }
