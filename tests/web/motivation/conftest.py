"""Fixtures of the motivation page tests: a team with a scheme, sales, calls and an exam attempt."""

from __future__ import annotations

from datetime import date

import pytest

from app.motivation.periods import add_months, month_key, month_start
from tests.integration.motivation import factories as f


@pytest.fixture
def world(app, make_user, make_team):
    supervisor = make_user(role="supervisor", full_name="Игорь Васильев")
    team = make_team("Корпоративные клиенты", supervisor)
    other_supervisor = make_user(role="supervisor")
    other_team = make_team("Интернет-магазины", other_supervisor)
    people = {
        "supervisor": supervisor, "other_supervisor": other_supervisor, "team": team, "other_team": other_team,
        "anna": make_user(role="sales_manager", team=team, full_name="Анна Петрова", email="anna@example.test"),
        "boris": make_user(role="sales_manager", team=team, full_name="Борис Иванов", email="boris@example.test"),
        "other": make_user(role="sales_manager", team=other_team, email="other@example.test"),
        "admin": make_user(role="admin"), "trainer": make_user(role="trainer"),
    }
    current = month_start(date.today())
    previous = add_months(current, -1)
    with app.app_context():
        admin = f.attach(people["admin"])
        scheme = f.manager_scheme(admin, valid_from=previous)
        checklist = f.checklist()
        product = f.exam()
        for month in (previous, current):
            f.sales(people["anna"].id, month, "1200000", "1080000")
            f.scored_call(people["anna"].id, month, 72.0, checklist, "ООО Альфа")
        attempt = f.attempt(people["anna"].id, product, 85.0, previous)
        people.update(scheme_id=scheme.id, attempt_id=attempt.id)
    people.update(current=current, previous=previous, cur=month_key(current), prev=month_key(previous))
    return people
