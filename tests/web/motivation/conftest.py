"""Fixtures of the motivation page tests: a team with a scheme, sales, calls and an exam attempt."""

from __future__ import annotations

from datetime import date

import pytest

from app.motivation.periods import add_months, month_key, month_start
from tests import factories as f


@pytest.fixture
def world(app, make_user, make_team):
    people = f.build_people(make_user, make_team)
    current = month_start(date.today())
    previous = add_months(current, -1)
    with app.app_context():
        admin = f.attach(people["admin"])
        scheme = f.manager_scheme(admin, valid_from=previous)
        checklist = f.stub_checklist()
        product = f.exam()
        for month in (previous, current):
            f.sales_row(people["anna"].id, month, "1200000", "1080000")
            f.final_score_call(people["anna"].id, month, 72.0, checklist, "ООО Альфа")
        attempt = f.exam_attempt(people["anna"].id, product, 85.0, previous)
        people.update(scheme_id=scheme.id, attempt_id=attempt.id)
    people.update(current=current, previous=previous, cur=month_key(current), prev=month_key(previous))
    return people
