"""Skills pages through the test client: what each role sees, links to evidence, ratings, the team matrix."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.skills.models import SkillRating

TODAY = date.today()


def login_as(auth, user) -> None:
    """Sign out whoever is signed in, then sign in as ``user``."""
    auth.logout()
    auth.login(user)


@pytest.fixture
def anna_call(ctx, framework, team, make_call):
    return make_call(
        team["anna"].id,
        TODAY - timedelta(days=1),
        [
            ("obj_acknowledge", "objection_handling", "pass"),
            ("obj_clarify", "objection_handling", "fail"),
        ],
    )


def test_my_skills_shows_a_radar_and_links_every_level_to_its_evidence(client, auth, team, anna_call):
    login_as(auth, team["anna"])
    page = client.get("/skills").get_data(as_text=True)
    assert 'data-testid="skills-radar"' in page and "<svg" in page
    assert f'href="/skills/people/{team["anna"].id}/objection_handling"' in page
    assert 'data-testid="level-objection_handling"' in page and ">3,0<" in page


def test_evidence_page_links_to_the_call_and_lists_item_verdicts(client, auth, team, anna_call):
    login_as(auth, team["anna"])
    page = client.get(f"/skills/people/{team['anna'].id}/objection_handling").get_data(as_text=True)
    assert f'href="/calls/{anna_call}"' in page
    assert "Пункт obj_clarify" in page and "выполнено 50\u00a0% пунктов" in page
    assert 'data-testid="rating-form"' not in page  # a manager does not rate
    assert client.get(f"/skills/people/{team['anna'].id}/no_such_skill").status_code == 404


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("anna", 200),
        ("supervisor", 200),
        ("admin", 200),
        ("trainer", 200),
        ("boris", 403),
        ("other_supervisor", 403),
    ],
)
def test_who_may_see_a_persons_skills(client, auth, team, framework, viewer, status):
    login_as(auth, team[viewer])
    assert client.get(f"/skills/people/{team['anna'].id}").status_code == status
    assert client.get(f"/skills/people/{team['anna'].id}/closing").status_code == status


@pytest.mark.parametrize(
    ("rater", "status"),
    [("supervisor", 302), ("admin", 302), ("trainer", 403), ("other_supervisor", 403), ("anna", 403)],
)
def test_only_the_supervisor_or_an_admin_rates(client, auth, team, framework, rater, status):
    login_as(auth, team[rater])
    response = client.post(
        f"/skills/people/{team['anna'].id}/negotiation/rate",
        data={"level": "4", "comment": "Обменял уступку на объём", "rated_on": TODAY.isoformat()},
    )
    assert response.status_code == status
    count = db.session.scalar(db.select(db.func.count(SkillRating.id)))
    assert count == (1 if status == 302 else 0)


def test_a_rating_without_comment_is_refused_with_the_field_error(client, auth, team, framework):
    login_as(auth, team["supervisor"])
    response = client.post(f"/skills/people/{team['anna'].id}/negotiation/rate", data={"level": "4", "comment": ""})
    assert response.status_code == 400
    future = client.post(
        f"/skills/people/{team['anna'].id}/negotiation/rate",
        data={"level": "4", "comment": "x", "rated_on": (TODAY + timedelta(days=3)).isoformat()},
    )
    assert future.status_code == 400 and "в будущем" in future.get_data(as_text=True)


def test_team_matrix_for_the_supervisor_highlights_the_weakest_cell(client, auth, team, anna_call):
    login_as(auth, team["supervisor"])
    page = client.get("/skills/team").get_data(as_text=True)
    assert "Анна Петрова" in page and "Борис Иванов" in page
    assert page.count('data-weakest="1"') == 1
    assert f'href="/skills/people/{team["anna"].id}/objection_handling"' in page


def test_team_matrix_permissions(client, auth, team, framework, make_team):
    login_as(auth, team["anna"])
    assert client.get("/skills/team").status_code == 403
    login_as(auth, team["supervisor"])
    other_team_id = team["other"].team_id
    assert client.get(f"/skills/team?team_id={other_team_id}").status_code == 403
    login_as(auth, team["trainer"])
    page = client.get(f"/skills/team?team_id={other_team_id}").get_data(as_text=True)
    assert 'data-testid="team-picker"' in page and "Интернет-магазины" in page


def test_framework_is_readable_by_all_and_editable_by_trainers(client, auth, team, framework):
    login_as(auth, team["anna"])
    assert "Работа с возражениями" in client.get("/skills/framework").get_data(as_text=True)
    assert client.get("/skills/framework/closing/edit").status_code == 403
    login_as(auth, team["trainer"])
    form = client.get("/skills/framework/closing/edit")
    assert form.status_code == 200
    data = {
        "title": "Закрытие сделки",
        "description": "",
        "method": "n_times",
        "half_life_days": "30",
        "n_times": "2",
        "weight_calls": "1",
        "weight_exams": "0.5",
        "weight_ratings": "2",
    }
    data.update({f"level_{n}": f"Поведение {n}" for n in range(1, 6)})
    assert client.post("/skills/framework/closing/edit", data=data).status_code == 302
    skill = framework["closing"]
    db.session.refresh(skill)
    assert (skill.title, skill.method.value, skill.n_times, skill.weight_ratings) == (
        "Закрытие сделки",
        "n_times",
        2,
        2,
    )
    data["level_3"] = ""
    assert "Уровень 3" in client.post("/skills/framework/closing/edit", data=data).get_data(as_text=True)


def test_trainer_imports_missing_default_skills(client, auth, team, ctx):
    login_as(auth, team["trainer"])
    page = client.get("/skills/framework").get_data(as_text=True)
    assert "Загрузить навыки по умолчанию (9)" in page
    client.post("/skills/framework/import")
    assert "Прохождение секретаря" in client.get("/skills/framework").get_data(as_text=True)
    login_as(auth, team["anna"])
    assert client.post("/skills/framework/import").status_code == 403


def test_home_widget_shows_the_weakest_skill_to_a_learner(client, auth, team, anna_call):
    login_as(auth, team["anna"])
    page = client.get("/").get_data(as_text=True)
    assert 'data-testid="widget-skills"' in page and "Работа с возражениями" in page
    login_as(auth, team["supervisor"])
    assert 'data-testid="widget-skills"' not in client.get("/").get_data(as_text=True)
