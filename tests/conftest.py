"""Shared fixtures: one app and database per test session, tables emptied after every test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("SALESDOJO_ENV", "testing")

TEST_CONFIG = {
    "TESTING": True,
    "WTF_CSRF_ENABLED": False,
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 8192,
    "JOBS_MODE": "sync",
    "CALLS_TRANSCRIBER": "sidecar",
    "DEMO_CALLS_WEEKS": 2,
    "SERVER_NAME": None,
}


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory):
    """The application with a fresh SQLite database (schema from the models)."""
    from app import create_app
    from app.extensions import db

    root = tmp_path_factory.mktemp("salesdojo")
    config = dict(
        TEST_CONFIG, SQLALCHEMY_DATABASE_URI=f"sqlite:///{root / 'test.sqlite3'}", STORAGE_DIR=str(root / "storage")
    )
    app = create_app(config)
    with app.app_context():
        db.create_all()
    yield app


@pytest.fixture(autouse=True)
def _clean_database(request: pytest.FixtureRequest) -> Iterator[None]:
    """Empty every table after each test that used the app (no shared state between tests)."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    from app.extensions import db

    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture
def ctx(app):
    """An application context for service-level tests."""
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


_counter = itertools.count(1)


@pytest.fixture
def make_user(app):
    """Factory: ``make_user(role="sales_manager", team=None, password="password123", **fields)``."""
    from app.accounts.models import Role
    from app.accounts.services import UserData, create_user
    from app.extensions import db

    def factory(role: str = "sales_manager", team=None, password: str = "password123", **fields):
        n = next(_counter)
        with app.app_context():
            data = UserData(
                email=fields.pop("email", f"user{n}@example.test"),
                full_name=fields.pop("full_name", f"Тестовый Пользователь {n}"),
                role=Role(role),
                team_id=team.id if team is not None else None,
                hire_date=fields.pop("hire_date", None),
            )
            user, _ = create_user(data, password)
            for key, value in fields.items():
                setattr(user, key, value)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return factory


@pytest.fixture
def make_team(app, make_user):
    """Factory: a team with a supervisor (created when not given)."""
    from app.accounts.models import Team
    from app.extensions import db

    def factory(name: str | None = None, supervisor=None):
        supervisor = supervisor or make_user(role="supervisor")
        with app.app_context():
            team = Team(name=name or f"Команда {next(_counter)}", supervisor_id=supervisor.id)
            db.session.add(team)
            db.session.commit()
            db.session.refresh(team)
            db.session.expunge(team)
            return team

    return factory


class AuthActions:
    """Log in and out through the real forms."""

    def __init__(self, client) -> None:
        self._client = client

    def login(self, user_or_email, password: str = "password123", follow: bool = False):
        email = getattr(user_or_email, "email", user_or_email)
        return self._client.post("/login", data={"email": email, "password": password}, follow_redirects=follow)

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)
