"""Fixtures of the skills integration tests: the default framework, a team, row factories."""

from __future__ import annotations

import pytest

from tests.factories import build_people, skills_call, tagged_attempt


@pytest.fixture
def framework(ctx):
    """The nine default skills, by key."""
    from app.extensions import db
    from app.skills.framework import import_defaults

    skills = import_defaults()
    db.session.commit()
    return {skill.key: skill for skill in skills}


@pytest.fixture
def make_call(ctx):
    return skills_call


@pytest.fixture
def make_attempt(ctx):
    return tagged_attempt


@pytest.fixture
def team(make_user, make_team):
    """A supervisor with two managers, another team's manager and supervisor, an admin and a trainer."""
    return build_people(make_user, make_team)
