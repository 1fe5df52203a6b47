"""Fixtures of the call list / stats / library / rescoring integration tests."""

from __future__ import annotations

import pytest

from tests.factories import MINI_CALL_YAML, build_world, publish


@pytest.fixture
def world(make_user, make_team):
    return build_world(make_user, make_team)


@pytest.fixture
def version(ctx):
    from app.extensions import db

    published = publish(MINI_CALL_YAML)
    db.session.commit()
    return published
