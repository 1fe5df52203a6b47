"""The person page links to that person's calls, skills, sheets, onboarding and pay, only where the viewer may go."""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def world(make_user, make_team):
    supervisor = make_user(role="supervisor")
    team = make_team("Команда А", supervisor)
    return {
        "supervisor": supervisor,
        "manager": make_user(role="sales_manager", team=team),
        "trainer": make_user(role="trainer"),
        "admin": make_user(role="admin"),
    }


def _links(html: str) -> dict[str, str]:
    return {key: url for url, key in re.findall(r'href="([^"]+)" data-testid="person-link-([a-z]+)"', html)}


@pytest.mark.parametrize("viewer", ["manager", "supervisor", "admin"])
def test_people_who_may_see_pay_get_every_section(client, auth, world, viewer):
    person = world["manager"]
    auth.login(world[viewer])
    links = _links(client.get(f"/people/{person.id}").get_data(as_text=True))
    assert set(links) == {"calls", "skills", "sheets", "onboarding", "pay"}
    assert links["calls"] == f"/calls?manager={person.id}"
    assert links["pay"] == f"/motivation/people/{person.id}"
    for url in links.values():  # every link opens for this viewer
        assert client.get(url).status_code == 200, url


def test_trainer_sees_training_sections_but_no_pay(client, auth, world):
    auth.login(world["trainer"])
    links = _links(client.get(f"/people/{world['manager'].id}").get_data(as_text=True))
    assert "pay" not in links and {"calls", "skills", "sheets", "onboarding"} <= set(links)
    assert client.get(f"/motivation/people/{world['manager'].id}").status_code == 403


def test_staff_person_page_has_no_learner_sections(client, auth, world):
    auth.login(world["admin"])
    html = client.get(f"/people/{world['supervisor'].id}").get_data(as_text=True)
    assert _links(html) == {}


def test_sheet_list_filtered_by_someone_else_is_refused_not_named(client, auth, world, make_user, make_team):
    stranger = make_user(role="sales_manager", team=make_team("Команда Б"), full_name="Чужой Менеджер")
    auth.login(world["manager"])
    response = client.get(f"/skills/sheets?person_id={stranger.id}")
    assert response.status_code == 403 and "Чужой Менеджер" not in response.get_data(as_text=True)
    assert client.get(f"/skills/sheets?person_id={world['manager'].id}").status_code == 200


def test_hire_date_is_written_out_in_the_interface_language(client, auth, make_user):
    from datetime import date

    person = make_user(role="sales_manager", hire_date=date(2025, 10, 18))
    auth.login(person)
    for url in (f"/people/{person.id}", "/account"):
        html = client.get(url).get_data(as_text=True)
        assert "18 октября 2025" in html and "2025-10-18" not in html


def test_person_scoped_pages_lead_to_the_person_card(client, auth, world):
    person = world["manager"]
    auth.login(world["supervisor"])
    for url in (f"/skills/people/{person.id}", f"/onboarding/people/{person.id}", f"/motivation/people/{person.id}"):
        html = client.get(url).get_data(as_text=True)
        assert f'href="/people/{person.id}" data-testid="person-card-link"' in html, url
    assert client.get(f"/people/{person.id}").status_code == 200
    auth.logout()
    auth.login(person)  # one's own pages do not point at one's own card
    assert "person-card-link" not in client.get(f"/skills/people/{person.id}").get_data(as_text=True)


def test_admin_forms_have_a_way_back(client, auth, world):
    from app.accounts.models import Team
    from app.extensions import db

    auth.login(world["admin"])
    person = world["manager"]
    with client.application.app_context():
        team_id = db.session.scalars(db.select(Team.id)).first()
    pages = (
        (f"/admin/users/{person.id}/edit", "/admin/users"),
        ("/admin/users/new", "/admin/users"),
        (f"/admin/users/{person.id}/password", "/admin/users"),
        (f"/admin/teams/{team_id}/edit", "/admin/teams"),
        ("/admin/teams/new", "/admin/teams"),
    )
    for url, back in pages:
        html = client.get(url).get_data(as_text=True)
        main = html[html.index("<main"):]
        assert f'href="{back}"' in main, url
