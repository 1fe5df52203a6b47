"""Admins create users, reset passwords, deactivate accounts and manage teams."""

from __future__ import annotations

import re

from app.accounts.models import Team, User
from app.extensions import db


def test_admin_creates_user_and_the_user_can_sign_in(app, client, auth, make_user, make_team):
    team = make_team("Продажи")
    auth.login(make_user(role="admin"))
    response = client.post(
        "/admin/users/new",
        data={
            "email": "New.Person@Example.test",
            "full_name": "Новый Сотрудник",
            "role": "new_hire",
            "team_id": str(team.id),
            "hire_date": "2026-11-02",
            "password": "",
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    password = re.search(r"Пароль для первого входа: (\S+)", page).group(1)
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "new.person@example.test"))
        assert user.team_id == team.id and user.role.value == "new_hire"
        assert user.password_hash.startswith("$argon2id$")
    auth.logout()
    assert "Здравствуйте, Новый!" in auth.login("new.person@example.test", password, follow=True).get_data(as_text=True)


def test_duplicate_email_is_shown_next_to_the_field(app, client, auth, make_user):
    existing = make_user()
    auth.login(make_user(role="admin"))
    page = client.post(
        "/admin/users/new", data={"email": existing.email, "full_name": "Дубль", "role": "sales_manager"}
    )
    assert "Пользователь с таким email уже есть." in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(User).where(User.full_name == "Дубль")) == 0


def test_reset_password_and_deactivate(app, client, auth, make_user):
    target = make_user()
    auth.login(make_user(role="admin"))
    client.post(f"/admin/users/{target.id}/password", data={"password": "brand-new-1"})
    client.post(f"/admin/users/{target.id}/active")
    with app.app_context():
        assert db.session.get(User, target.id).active is False
    auth.logout()
    assert "Неверный email или пароль." in auth.login(target, "brand-new-1", follow=True).get_data(as_text=True)


def test_admin_cannot_deactivate_self(app, client, auth, make_user):
    admin = make_user(role="admin")
    auth.login(admin)
    page = client.post(f"/admin/users/{admin.id}/active", follow_redirects=True).get_data(as_text=True)
    assert "Нельзя отключить собственную учётную запись." in page
    with app.app_context():
        assert db.session.get(User, admin.id).active is True


def test_team_supervisor_must_have_supervisor_role(app, client, auth, make_user):
    manager = make_user(role="sales_manager")
    auth.login(make_user(role="admin"))
    client.post("/admin/teams/new", data={"name": "Регионы", "supervisor_id": str(manager.id)})
    with app.app_context():
        assert db.session.scalar(db.select(Team).where(Team.name == "Регионы")) is None
    supervisor = make_user(role="supervisor")
    client.post("/admin/teams/new", data={"name": "Регионы", "supervisor_id": str(supervisor.id)})
    with app.app_context():
        assert db.session.scalar(db.select(Team).where(Team.name == "Регионы")).supervisor_id == supervisor.id
