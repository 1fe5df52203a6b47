"""Russian by default, English on request."""

from __future__ import annotations


def test_navigation_is_russian_then_english_after_switch(auth, client, make_user):
    auth.login(make_user(role="admin"))
    page = client.get("/").get_data(as_text=True)
    assert "Главная" in page and "Пользователи" in page
    client.get("/lang/en")
    page = client.get("/").get_data(as_text=True)
    assert "Home" in page and "Users" in page
    assert "Главная" not in page


def test_unknown_language_is_ignored(auth, client, make_user):
    auth.login(make_user())
    client.get("/lang/xx")
    assert "Главная" in client.get("/").get_data(as_text=True)
