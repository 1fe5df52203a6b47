"""Fixtures of the motivation integration tests: a team with a supervisor and two managers, months, an admin."""

from __future__ import annotations

from datetime import date

import pytest

from app.motivation.periods import add_months, month_start
from tests.factories import build_people


@pytest.fixture
def months():
    """The current month and the previous one (which has ended, so it can be approved)."""
    current = month_start(date.today())
    return {"current": current, "previous": add_months(current, -1)}


@pytest.fixture
def people(make_user, make_team):
    return build_people(make_user, make_team)

