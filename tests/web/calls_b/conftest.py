"""Fixtures of the call list / stats / library / rescoring page tests."""

from __future__ import annotations

import pytest

from tests.integration.calls_b.factories import build_world, publish


@pytest.fixture
def world(make_user, make_team):
    return build_world(make_user, make_team)


@pytest.fixture
def version(app):
    from app.extensions import db

    with app.app_context():
        published = publish()
        db.session.commit()
        db.session.refresh(published)
        db.session.expunge(published)
        return published


@pytest.fixture
def calls(app, world, version):
    """Builder: ``calls(key, **make_call_kwargs)`` commits a call of the world's person ``key``; returns its id."""
    from tests.integration.calls_b.factories import make_call

    def build(key: str, **kwargs) -> int:
        from app.extensions import db

        with app.app_context():
            call = make_call(world[key], version, **kwargs)
            db.session.commit()
            return call.id

    return build
