"""Fixtures of the call list / stats / library / rescoring integration tests."""

from __future__ import annotations

import pytest

from tests.integration.calls_b.factories import build_world, publish


@pytest.fixture
def world(make_user, make_team):
    return build_world(make_user, make_team)


@pytest.fixture
def version(ctx):
    from app.extensions import db

    published = publish()
    db.session.commit()
    return published
