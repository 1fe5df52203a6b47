"""CSRF protection is on in the real configuration: a form POST without the token is refused."""

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
    assert app.config["WTF_CSRF_ENABLED"] is not False
    with app.app_context():
        db.create_all()
        from app.accounts.models import Role
        from app.accounts.services import UserData, create_user

        create_user(UserData("csrf@example.test", "Проверка CSRF", Role.SALES_MANAGER), "password123")
        db.session.commit()
    yield app
    with app.app_context():
        db.drop_all()


def test_post_without_token_is_rejected(csrf_app):
    client = csrf_app.test_client()
    response = client.post("/login", data={"email": "csrf@example.test", "password": "password123"})
    assert response.status_code == 400


def test_post_with_token_from_the_form_is_accepted(csrf_app):
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login", data={"email": "csrf@example.test", "password": "password123", "csrf_token": token}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/"
