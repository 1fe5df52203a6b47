"""The site shell in a real browser: role navigation, language switch, lock-out message."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_supervisor_sees_russian_navigation_and_switches_to_english(login, page, base_url):
    login("rop.vasiliev@strela.example")
    nav = page.get_by_test_id("main-nav")
    assert nav.get_by_text("Главная").is_visible()
    assert "Игорь Васильев" in page.get_by_test_id("user-menu").inner_text()
    page.get_by_test_id("lang-switch").get_by_text("EN").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("main-nav").get_by_text("Home").is_visible()
    page.get_by_test_id("lang-switch").get_by_text("RU").click()
    assert page.get_by_test_id("main-nav").get_by_text("Главная").is_visible()


def test_admin_has_the_administration_menu_but_a_manager_does_not(login, page, base_url):
    login("admin@strela.example")
    assert page.get_by_text("Управление").count() == 1
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_url("**/login")
    login("anna.petrova@strela.example")
    assert page.get_by_text("Управление").count() == 0
    assert page.goto(f"{base_url}/admin/users").status == 403


def test_five_wrong_passwords_show_the_lockout_message(page, base_url):
    for _ in range(5):
        page.goto(f"{base_url}/login")
        page.fill("input[name=email]", "pavel.egorov@strela.example")
        page.fill("input[name=password]", "wrong-password")
        page.click("input[type=submit], button[type=submit]")
    assert page.get_by_text("Слишком много неудачных попыток входа").is_visible()
