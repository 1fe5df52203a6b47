"""Fixtures of the call list / stats / library / rescoring page tests."""

from __future__ import annotations

import pytest

from tests.factories import MINI_CALL_YAML, build_world, publish


@pytest.fixture
def world(make_user, make_team):
    return build_world(make_user, make_team)


@pytest.fixture
def version(app):
    from app.extensions import db

    with app.app_context():
        published = publish(MINI_CALL_YAML)
        db.session.commit()
        db.session.refresh(published)
        db.session.expunge(published)
        return published


@pytest.fixture
def calls(app, world, version):
    """Builder: ``calls(key, **checklist_call_kwargs)`` commits a call of the world's person ``key``; returns its id."""
    from tests.factories import checklist_call

    def build(key: str, **kwargs) -> int:
        from app.extensions import db

        with app.app_context():
            call = checklist_call(world[key], version, **kwargs)
            db.session.commit()
            return call.id

    return build
