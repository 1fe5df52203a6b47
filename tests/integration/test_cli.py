"""``flask seed-demo`` is idempotent; ``flask create-user`` creates a user or explains why not."""

from __future__ import annotations

from app.accounts.models import Team, User
from app.extensions import db


def test_seed_demo_is_idempotent(app, runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "admin@strela.example" in first.output
    with app.app_context():
        users = db.session.scalar(db.select(db.func.count()).select_from(User))
        teams = db.session.scalars(db.select(Team)).all()
    assert users >= 10 and len(teams) == 2 and all(t.supervisor_id for t in teams)
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0
    assert "admin@strela.example" not in second.output  # passwords are printed once
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(User)) == users


def test_seed_demo_if_empty_skips_populated_database(runner, make_user):
    make_user()
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "not seeded" in result.output


def test_create_user_command(app, runner):
    ok = runner.invoke(args=["create-user", "--email", "a@b.test", "--name", "Тест", "--role", "trainer"])
    assert ok.exit_code == 0 and "password:" in ok.output
    dup = runner.invoke(args=["create-user", "--email", "A@b.test", "--name", "Тест", "--role", "trainer"])
    assert dup.exit_code != 0 and "email" in dup.output


def test_team_service_refuses_a_non_supervisor(app, make_user):
    import pytest

    from app.accounts.services import save_team
    from app.core.domain import DomainError

    manager = make_user(role="sales_manager")
    with app.app_context(), pytest.raises(DomainError) as error:
        save_team(None, "Регионы", manager.id)
    assert error.value.field == "supervisor_id"
