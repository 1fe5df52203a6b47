"""With CSRF on (the real configuration), the preview endpoint and the lesson marks need the token."""

from __future__ import annotations

import re

import pytest

from app import create_app
from app.extensions import db


@pytest.fixture
def csrf_app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'csrf.db'}",
            "ARGON2_TIME_COST": 1,
            "ARGON2_MEMORY_COST": 8192,
            "JOBS_MODE": "sync",
        }
    )
    with app.app_context():
        db.create_all()
        from app.accounts.models import Role
        from app.accounts.services import UserData, create_user

        create_user(UserData("trainer@example.test", "Тренер", Role.TRAINER), "password123")
        db.session.commit()
    yield app
    with app.app_context():
        db.drop_all()


def _login(client) -> str:
    """Sign in with the form's token; returns a CSRF token for later requests."""
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": "trainer@example.test", "password": "password123", "csrf_token": token})
    account = client.get("/account").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', account).group(1)


def test_preview_needs_the_csrf_header(csrf_app):
    client = csrf_app.test_client()
    token = _login(client)
    assert client.post("/learning/preview", json={"text": "**x**"}).status_code == 400
    assert client.post("/learning/preview", json={"text": "**x**"}, headers={"X-CSRFToken": "bad"}).status_code == 400
    response = client.post("/learning/preview", json={"text": "**x**"}, headers={"X-CSRFToken": token})
    assert response.status_code == 200 and response.json["html"] == "<p><strong>x</strong></p>"
