"""Fixtures of the motivation integration tests: a team with a supervisor and two managers, months, an admin."""

from __future__ import annotations

from datetime import date

import pytest

from app.motivation.periods import add_months, month_start


@pytest.fixture
def months():
    """The current month and the previous one (which has ended, so it can be approved)."""
    current = month_start(date.today())
    return {"current": current, "previous": add_months(current, -1)}


@pytest.fixture
def people(make_user, make_team):
    supervisor = make_user(role="supervisor", full_name="Игорь Васильев")
    team = make_team("Корпоративные клиенты", supervisor)
    other_supervisor = make_user(role="supervisor")
    other_team = make_team("Интернет-магазины", other_supervisor)
    return {
        "supervisor": supervisor,
        "team": team,
        "anna": make_user(role="sales_manager", team=team, full_name="Анна Петрова", email="anna@example.test"),
        "boris": make_user(role="sales_manager", team=team, full_name="Борис Иванов", email="boris@example.test"),
        "other": make_user(role="sales_manager", team=other_team, email="other@example.test"),
        "other_supervisor": other_supervisor,
        "other_team": other_team,
        "admin": make_user(role="admin"),
        "trainer": make_user(role="trainer"),
    }

