"""CSRF is on for the exam forms and for autosave (the page sends the token in the X-CSRFToken header)."""

from __future__ import annotations

import re

import pytest

from app import create_app
from app.extensions import db
from tests.integration.exams.conftest import BANK, exam_config


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
        from app.exams.importing import import_course_exam

        create_user(UserData("exam-csrf@example.test", "Проверка CSRF", Role.NEW_HIRE), "password123")
        import_course_exam("basics", BANK, exam_config())
        db.session.commit()
    yield app
    with app.app_context():
        db.drop_all()


def token(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_start_submit_and_autosave_need_the_token(csrf_app):
    client = csrf_app.test_client()
    login = client.get("/login").get_data(as_text=True)
    credentials = {"email": "exam-csrf@example.test", "password": "password123", "csrf_token": token(login)}
    client.post("/login", data=credentials)
    assert client.post("/exams/1/start").status_code == 400
    page = client.get("/exams/1").get_data(as_text=True)
    started = client.post("/exams/1/start", data={"csrf_token": token(page)})
    assert started.status_code == 302
    attempt = client.get(started.location).get_data(as_text=True)
    slot = int(re.search(r'data-slot="(\d+)"', attempt).group(1))
    url = started.location + "/save"
    assert client.post(url, json={"slot": slot, "fields": {"": ["0"]}}).status_code == 400
    saved = client.post(url, json={"slot": slot, "fields": {"": ["0"]}}, headers={"X-CSRFToken": token(attempt)})
    assert saved.status_code == 200
    assert client.post(started.location + "/submit", data={}).status_code == 400
