"""Each role x each page class -> allowed (200) or forbidden (403); anonymous users go to the login page."""

from __future__ import annotations

import pytest

ROLES = ("new_hire", "sales_manager", "supervisor", "trainer", "admin")

# page class -> roles allowed (the viewer is the supervisor of team A, learners are members of team A)
MATRIX = {
    "home": set(ROLES),
    "own_profile": set(ROLES),
    "account": set(ROLES),
    "teammate_profile": {"supervisor", "trainer", "admin"},
    "other_team_profile": {"trainer", "admin"},
    "admin_users": {"admin"},
    "admin_user_edit": {"admin"},
    "admin_teams": {"admin"},
}


@pytest.fixture
def world(make_user, make_team):
    supervisor_a = make_user(role="supervisor", email="rop.a@example.test")
    team_a = make_team("Команда А", supervisor_a)
    team_b = make_team("Команда Б")
    viewers = {
        "new_hire": make_user(role="new_hire", team=team_a),
        "sales_manager": make_user(role="sales_manager", team=team_a),
        "supervisor": supervisor_a,
        "trainer": make_user(role="trainer"),
        "admin": make_user(role="admin"),
    }
    return {
        "viewers": viewers,
        "teammate": make_user(role="sales_manager", team=team_a),
        "other": make_user(role="sales_manager", team=team_b),
    }


def url_for_page(page: str, viewer, world) -> str:
    return {
        "home": "/",
        "own_profile": f"/people/{viewer.id}",
        "account": "/account",
        "teammate_profile": f"/people/{world['teammate'].id}",
        "other_team_profile": f"/people/{world['other'].id}",
        "admin_users": "/admin/users",
        "admin_user_edit": f"/admin/users/{world['other'].id}/edit",
        "admin_teams": "/admin/teams",
    }[page]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page_class", sorted(MATRIX))
def test_role_page_matrix(client, auth, world, role, page_class):
    viewer = world["viewers"][role]
    auth.login(viewer)
    expected = 200 if role in MATRIX[page_class] else 403
    assert client.get(url_for_page(page_class, viewer, world)).status_code == expected


@pytest.mark.parametrize("page_class", sorted(MATRIX))
def test_anonymous_is_sent_to_login(client, world, page_class):
    response = client.get(url_for_page(page_class, world["viewers"]["admin"], world))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_admin_actions_are_refused_to_others_even_by_post(client, auth, world):
    auth.login(world["viewers"]["supervisor"])
    target = world["other"]
    assert client.post(f"/admin/users/{target.id}/active").status_code == 403
    assert client.post(f"/admin/users/{target.id}/password", data={"password": "hacked123"}).status_code == 403


def test_navigation_depends_on_role(client, auth, world):
    auth.login(world["viewers"]["sales_manager"])
    page = client.get("/").get_data(as_text=True)
    assert "/admin/users" not in page
    auth.logout()
    auth.login(world["viewers"]["admin"])
    assert "/admin/users" in client.get("/").get_data(as_text=True)
