"""Onboarding pages: who may see which plan, the step actions, overdue badges, home widgets."""

from __future__ import annotations

import pytest


def text(response) -> str:
    return response.get_data(as_text=True)


def test_new_hire_sees_own_plan_with_overdue_steps(client, auth, world):
    auth.login(world["hire"])
    page = text(client.get("/onboarding"))
    assert "Программа адаптации" in page and "Вводный инструктаж" in page and "Конспект книги" in page
    assert 'data-testid="overdue"' in page  # hired three weeks ago: early steps are late
    assert "Ознакомлен(а)" in page  # the signature button
    assert "Засчитать" not in page  # ticking is the supervisor's job


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("hire", 200),
        ("sup_a", 200),
        ("trainer", 200),
        ("admin", 200),
        ("manager", 403),
        ("other_manager", 403),
        ("sup_b", 403),
    ],
)
def test_who_may_see_a_new_hires_plan(client, auth, world, viewer, status):
    auth.login(world[viewer])
    assert client.get(f"/onboarding/people/{world['hire'].id}").status_code == status


def test_team_page_is_for_supervisors_and_shows_only_their_team(client, auth, world):
    auth.login(world["sup_a"])
    page = text(client.get("/onboarding/team"))
    assert "Стажёр Новиков" in page and 'data-testid="overdue"' in page
    assert client.get("/onboarding").status_code == 302  # a supervisor without a plan lands on the team page
    auth.logout()
    auth.login(world["sup_b"])
    assert "Стажёр Новиков" not in text(client.get("/onboarding/team"))
    auth.logout()
    auth.login(world["manager"])
    assert client.get("/onboarding/team").status_code == 403
    assert "нет программы адаптации" in text(client.get("/onboarding"))


def test_signature_then_tick_by_the_supervisor(client, auth, world, hire_tasks):
    intro = hire_tasks["intro"]
    auth.login(world["sup_a"])
    response = client.post(f"/onboarding/tasks/{intro}/tick", follow_redirects=True)
    assert "подтвердить «Ознакомлен(а)»" in text(response)
    auth.logout()
    auth.login(world["hire"])
    assert client.post(f"/onboarding/tasks/{intro}/tick").status_code == 403  # not the hire's job
    page = text(client.post(f"/onboarding/tasks/{intro}/sign", follow_redirects=True))
    assert 'data-testid="signed"' in page
    auth.logout()
    auth.login(world["sup_a"])
    assert 'data-testid="awaiting"' in text(client.get("/onboarding/team"))  # signed, waiting for the tick
    page = text(client.post(f"/onboarding/tasks/{intro}/tick", data={"comment": "лист в деле"}, follow_redirects=True))
    assert "Шаг засчитан." in page and "лист в деле" in page
    assert 'data-testid="awaiting"' not in text(client.get("/onboarding/team"))


def test_submission_attested_by_the_supervisor(client, auth, world, hire_tasks):
    book = hire_tasks["book"]
    auth.login(world["hire"])
    short = text(client.post(f"/onboarding/tasks/{book}/submit", data={"text": "мало"}, follow_redirects=True))
    assert "слишком короткий" in short
    summary = "Книга учит слушать клиента: три приёма, которые я применил на звонках."
    page = text(client.post(f"/onboarding/tasks/{book}/submit", data={"text": summary}, follow_redirects=True))
    assert "на проверке" in page
    auth.logout()
    auth.login(world["sup_b"])
    assert client.post(f"/onboarding/tasks/{book}/tick").status_code == 403  # another team's supervisor
    auth.logout()
    auth.login(world["sup_a"])
    page = text(client.get(f"/onboarding/people/{world['hire'].id}"))
    assert summary in page
    assert "Шаг засчитан." in text(client.post(f"/onboarding/tasks/{book}/tick", follow_redirects=True))


def test_a_supervisor_cannot_submit_or_sign_for_the_new_hire(client, auth, world, hire_tasks):
    auth.login(world["sup_a"])
    page = text(client.post(f"/onboarding/tasks/{hire_tasks['intro']}/sign", follow_redirects=True))
    assert "только сам сотрудник" in page
    auth.logout()
    auth.login(world["manager"])
    assert client.post(f"/onboarding/tasks/{hire_tasks['intro']}/sign").status_code == 403


def test_supervisor_assigns_a_plan_to_a_team_member(client, auth, world):
    auth.login(world["sup_a"])
    person = world["manager"].id
    assert "Назначить программу адаптации" in text(client.get(f"/onboarding/people/{person}"))
    page = text(client.post(f"/onboarding/people/{person}/assign", follow_redirects=True))
    assert "Программа адаптации назначена." in page and "Вводный инструктаж" in page
    assert client.post(f"/onboarding/people/{world['other_manager'].id}/assign").status_code == 403


def test_home_widgets(client, auth, world):
    auth.login(world["hire"])
    home = text(client.get("/"))
    assert 'data-testid="widget-onboarding"' in home and 'data-testid="widget-learning"' in home
    auth.logout()
    auth.login(world["sup_a"])
    home = text(client.get("/"))
    assert 'data-testid="widget-team-onboarding"' in home and "Стажёр Новиков" in home
    auth.logout()
    auth.login(world["sup_b"])
    assert 'data-testid="widget-team-onboarding"' not in text(client.get("/"))
