"""The «Менеджер» filter of the call list and statistics: the people whose calls the viewer may see, by name."""

from __future__ import annotations

import re
from datetime import date

import pytest

DAY = date(2026, 3, 2)


def _manager_options(html: str) -> list[str] | None:
    """Names offered by the «Менеджер» select (None when the filter is not shown)."""
    select = re.search(r'<select[^>]*id="[fs]-manager"[^>]*>(.*?)</select>', html, re.S)
    if select is None:
        return None
    return [
        name for value, name in re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select.group(1)) if value
    ]


@pytest.fixture
def yolka(make_user, world):
    """A manager of team Альфа whose name starts with «Ё» (code point before «А»: SQLite would sort it first)."""
    return make_user(role="sales_manager", team=world["team_a"], full_name="Ёлка Тестова")


@pytest.mark.parametrize("path", ["/calls", "/calls/stats"])
def test_supervisor_is_offered_his_team_managers_not_himself(client, auth, world, yolka, version, path):
    auth.login(world["rop_a"])
    html = client.get(path).get_data(as_text=True)
    assert _manager_options(html) == ["Анна Альфина", "Борис Альфин", "Ёлка Тестова"]


def test_admin_and_trainer_are_offered_every_manager_and_new_hire(client, auth, world, yolka, version):
    everyone = ["Анна Альфина", "Борис Альфин", "Вера Бетова", "Гоша Новиков", "Ёлка Тестова"]
    for viewer in ("admin", "trainer"):
        auth.login(world[viewer])
        assert _manager_options(client.get("/calls").get_data(as_text=True)) == everyone, viewer
        auth.logout()


def test_a_supervisor_with_own_calls_is_offered(client, auth, world, calls):
    calls("anna", call_date=DAY)
    calls("rop_b", call_date=DAY)  # he recorded a call himself: filtering by him now makes sense
    auth.login(world["admin"])
    options = _manager_options(client.get("/calls").get_data(as_text=True))
    assert "Руководитель Бета" in options and "Руководитель Альфа" not in options


def test_deactivated_manager_without_calls_is_not_offered(client, auth, world, make_user, version):
    make_user(role="sales_manager", team=world["team_a"], full_name="Уволенный Ушедший", active=False)
    auth.login(world["rop_a"])
    assert "Уволенный Ушедший" not in _manager_options(client.get("/calls").get_data(as_text=True))


@pytest.mark.parametrize("key", ["anna", "newbie"])
def test_managers_get_no_manager_filter(client, auth, world, calls, key):
    calls(key, call_date=DAY)
    auth.login(world[key])
    assert _manager_options(client.get("/calls").get_data(as_text=True)) is None
