"""Sign-in, lock-out after repeated failures, deactivation, logout."""

from __future__ import annotations

from datetime import timedelta

from app.accounts.models import User, utcnow
from app.extensions import db


def test_login_page_is_russian_by_default(client):
    page = client.get("/login")
    assert page.status_code == 200
    assert "Вход в SalesDojo" in page.get_data(as_text=True)


def test_login_with_valid_credentials_opens_home(auth, client, make_user):
    user = make_user(role="sales_manager", full_name="Анна Петрова")
    response = auth.login(user, follow=True)
    assert response.status_code == 200
    assert "Здравствуйте, Анна!" in response.get_data(as_text=True)


def test_wrong_password_is_refused_with_message(auth, make_user):
    user = make_user()
    response = auth.login(user, password="wrong-password", follow=True)
    assert "Неверный email или пароль." in response.get_data(as_text=True)


def test_five_wrong_passwords_lock_the_account(app, auth, make_user):
    user = make_user()
    for _ in range(4):
        auth.login(user, password="nope-nope")
    page = auth.login(user, password="nope-nope", follow=True).get_data(as_text=True)
    assert "Слишком много неудачных попыток" in page
    # Even the right password is refused while locked.
    page = auth.login(user, password="password123", follow=True).get_data(as_text=True)
    assert "Слишком много неудачных попыток" in page
    assert "Здравствуйте" not in page
    with app.app_context():
        locked = db.session.get(User, user.id)
        assert locked.locked_until is not None
        locked.locked_until = utcnow() - timedelta(seconds=1)  # the lock has expired
        db.session.commit()
    assert "Здравствуйте" in auth.login(user, follow=True).get_data(as_text=True)


def test_deactivated_user_cannot_sign_in(auth, make_user):
    user = make_user(active=False)
    page = auth.login(user, follow=True).get_data(as_text=True)
    assert "Неверный email или пароль." in page


def test_logout_ends_the_session(auth, client, make_user):
    auth.login(make_user())
    assert client.get("/").status_code == 200
    auth.logout()
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_next_parameter_only_follows_local_paths(client, make_user):
    user = make_user()
    response = client.post("/login?next=https://evil.example/x", data={"email": user.email, "password": "password123"})
    assert response.headers["Location"] == "/"
    client.post("/logout")
    response = client.post("/login?next=/account", data={"email": user.email, "password": "password123"})
    assert response.headers["Location"] == "/account"


def test_user_changes_own_password(auth, client, make_user):
    user = make_user()
    auth.login(user)
    bad = client.post(
        "/account", data={"current_password": "xxxxxxxxx", "new_password": "newpass123", "confirm": "newpass123"}
    )
    assert "Текущий пароль указан неверно." in bad.get_data(as_text=True)
    client.post(
        "/account", data={"current_password": "password123", "new_password": "newpass123", "confirm": "newpass123"}
    )
    auth.logout()
    assert "Здравствуйте" in auth.login(user, password="newpass123", follow=True).get_data(as_text=True)
