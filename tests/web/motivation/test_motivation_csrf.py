"""With CSRF on (the real configuration), every motivation change needs the form's token."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app import create_app
from app.extensions import db
from app.motivation.periods import month_key


@pytest.fixture
def csrf_app(tmp_path):
    app = create_app({
        "TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'csrf.db'}", "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 8192, "JOBS_MODE": "sync",
    })
    with app.app_context():
        db.create_all()
        from app.accounts.models import Role, Team
        from app.accounts.services import UserData, create_user

        boss, _ = create_user(UserData("rop@example.test", "РОП", Role.SUPERVISOR), "password123")
        team = Team(name="А", supervisor_id=boss.id)
        db.session.add(team)
        db.session.flush()
        create_user(UserData("anna@example.test", "Анна", Role.SALES_MANAGER, team.id), "password123")
        db.session.commit()
    yield app
    with app.app_context():
        db.drop_all()


def _token(client, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_changes_without_the_token_are_refused(csrf_app):
    client = csrf_app.test_client()
    token = _token(client, "/login")
    client.post("/login", data={"email": "rop@example.test", "password": "password123", "csrf_token": token})
    period = month_key(date.today().replace(day=1))
    url = f"/motivation/people/2/reductions?period={period}"
    data = {"red-amount": "100", "red-reason": "Опоздание"}
    assert client.post(url, data=data).status_code == 400
    assert client.post("/motivation/dashboard/freeze", data={"team": "1", "period": period}).status_code == 400
    token = _token(client, f"/motivation/people/2/adjust?period={period}")
    assert client.post(url, data={**data, "csrf_token": token}).status_code == 302
