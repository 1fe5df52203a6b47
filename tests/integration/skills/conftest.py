"""Fixtures of the skills integration tests: the default framework, a team, row factories."""

from __future__ import annotations

import pytest

from tests.integration.skills.factories import create_graded_attempt, create_scored_call


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
    return create_scored_call


@pytest.fixture
def make_attempt(ctx):
    return create_graded_attempt


@pytest.fixture
def team(make_user, make_team):
    """A supervisor with two managers, another team's manager and supervisor, an admin and a trainer."""
    supervisor = make_user(role="supervisor", full_name="Игорь Васильев")
    own = make_team("Корпоративные клиенты", supervisor)
    other_supervisor = make_user(role="supervisor")
    other = make_team("Интернет-магазины", other_supervisor)
    return {
        "supervisor": supervisor,
        "anna": make_user(team=own, full_name="Анна Петрова"),
        "boris": make_user(team=own, full_name="Борис Иванов"),
        "other": make_user(team=other),
        "other_supervisor": other_supervisor,
        "admin": make_user(role="admin"),
        "trainer": make_user(role="trainer"),
    }
