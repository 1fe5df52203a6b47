"""Objection library pages: list, entry, editing with revisions, history, archive, analytics, permissions, CSRF."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.extensions import db
from app.quality import objections
from tests.factories import objection_call

ENTRY = "/quality/objections/price_expensive"


def _form(objection, **changes) -> dict:
    """The edit form's fields for an entry, as the browser posts them."""
    content = {**objections.content_of(objection), **changes}
    data = {
        "title": content["title"],
        "category": content["category"],
        "summary": content["summary"],
        "variants": "\n".join(content["variants"]),
        "dont_say": "\n".join(content["dont_say"]),
        "tags": content["tags"],
        "note": changes.get("note", ""),
    }
    for n, answer in enumerate(content["answers"]):
        data.update({f"answers-{n}-{step}": text for step, text in answer.items()})
    return data


def test_everyone_reads_the_library_with_filters_and_search(client, auth, library, people):
    auth.login(people["manager"])
    html = client.get("/quality/objections").get_data(as_text=True)
    assert html.count('data-testid="objection-card"') == len(library.created)
    prices = client.get("/quality/objections?category=price").get_data(as_text=True)
    assert prices.count('data-testid="objection-card"') == 3 and "«Я подумаю»" not in prices
    found = client.get("/quality/objections?q=свой курьер").get_data(as_text=True)
    assert "«Возим своими силами»" in found and found.count('data-testid="objection-card"') == 1
    nothing = client.get("/quality/objections?q=жираф").get_data(as_text=True)
    assert "Ничего не нашлось" in nothing
    assert "Добавить возражение" not in html and "Как отрабатывают в звонках" not in html


def test_a_manager_sees_answers_and_scripts_but_no_call_numbers(client, auth, demo, people):
    auth.login(people["manager"])
    html = client.get(ENTRY).get_data(as_text=True)
    assert html.count('data-testid="approved-answer"') == 2
    assert "Ну это дорого." in html and "Чего не говорить" in html
    assert "/quality/scripts/cold_call_strela" in html  # used in the demo script
    assert 'data-testid="objection-calls"' not in html and "/edit" not in html


def test_a_supervisor_sees_how_the_team_handles_the_objection(client, auth, library, people):
    ok = {"obj_acknowledge": "pass", "obj_clarify": "pass"}
    bad = {"obj_acknowledge": "pass", "obj_clarify": "fail"}
    manager_id, other_id = people["manager"].id, people["other"].id
    handled = objection_call(manager_id, date.today(), ok, ["Ну это для нас слишком дорого, честно."])
    missed = objection_call(manager_id, date.today(), bad, ["Дорого у вас, очень дорого."])
    objection_call(other_id, date.today(), bad, ["Это очень дорого."])  # another team: not counted
    db.session.commit()
    auth.login(people["lead"])
    html = client.get(ENTRY).get_data(as_text=True)
    card = html[html.index('data-testid="objection-calls"') :]
    assert "50\u00a0%" in card and "1 из 2 звонков" in card
    assert f"/calls/{handled}" in card and f"/calls/{missed}" in card
    stats = client.get("/quality/objections/analytics?days=0&sort=worst").get_data(as_text=True)
    row = re.search(r'data-key="price_expensive".*?</tr>', stats, re.S).group(0)
    assert '<td class="text-end" data-testid="stat-calls">2</td>' in row and "1 / 2" in row
    assert 'data-testid="total-calls">2<' in stats


def test_analytics_is_for_supervisors_trainers_and_admins(client, auth, library, people):
    auth.login(people["manager"])
    assert client.get("/quality/objections/analytics").status_code == 403
    assert client.get(ENTRY + "/history").status_code == 403
    auth.logout()
    auth.login(people["trainer"])
    html = client.get("/quality/objections/analytics").get_data(as_text=True)
    assert "нет оценённых звонков с возражениями" in html


def test_a_trainer_edits_an_entry_and_the_history_shows_who_changed_what(client, auth, library, people):
    entry = objections.get_objection("price_expensive")
    auth.login(people["trainer"])
    form = _form(entry, title="«Дорого» — для e-commerce", note="Для магазинов")
    assert client.get(ENTRY + "/edit").status_code == 200
    response = client.post(ENTRY + "/edit", data=form)
    assert response.status_code == 302
    db.session.expire_all()
    assert entry.title == "«Дорого» — для e-commerce" and entry.revision == 2
    history = client.get(ENTRY + "/history").get_data(as_text=True)
    assert "Для магазинов" in history and "название" in history and people["trainer"].full_name in history
    old = client.get(ENTRY + "/history/1").get_data(as_text=True)
    assert "Это старая версия" in old and "«Дорого»" in old
    assert client.post(ENTRY + "/history/1/restore").status_code == 302
    db.session.expire_all()
    assert entry.title == "«Дорого»" and entry.revision == 3


def test_invalid_input_is_shown_next_to_the_field(client, auth, library, people):
    entry = objections.get_objection("price_expensive")
    auth.login(people["trainer"])
    form = _form(entry)
    form["answers-0-clarify"] = "Расскажите подробнее."
    response = client.post(ENTRY + "/edit", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "уточнение должно быть вопросом" in html
    assert 'data-testid="answers-error"' in html
    assert objections.get_objection("price_expensive").revision == 1


def test_a_trainer_adds_an_entry_and_managers_cannot(client, auth, library, people):
    form = _form(objections.get_objection("price_expensive"), title="«Дайте скидку»")
    auth.login(people["manager"])
    assert client.post("/quality/objections/new", data={**form, "key": "discount"}).status_code == 403
    auth.logout()
    auth.login(people["trainer"])
    taken = client.post("/quality/objections/new", data={**form, "key": "analytics"})
    assert taken.status_code == 422 and "латиница" in taken.get_data(as_text=True)
    response = client.post("/quality/objections/new", data={**form, "key": "discount"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/quality/objections/discount")
    assert objections.get_objection("discount").title == "«Дайте скидку»"


def test_archived_entries_leave_the_library(client, auth, library, people):
    auth.login(people["trainer"])
    assert client.post(ENTRY + "/archive").status_code == 302
    assert "«Дорого»</h2>" not in client.get("/quality/objections").get_data(as_text=True)
    assert "«Дорого»</h2>" in client.get("/quality/objections?archived=1").get_data(as_text=True)
    auth.logout()
    auth.login(people["manager"])
    assert client.get(ENTRY).status_code == 404


@pytest.fixture
def csrf_client(tmp_path):
    """A client of an app with CSRF protection on, the library imported and a trainer signed in."""
    from app import create_app
    from app.accounts.models import Role
    from app.accounts.services import UserData, create_user

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'csrf.db'}",
            "ARGON2_TIME_COST": 1,
            "ARGON2_MEMORY_COST": 8192,
            "JOBS_MODE": "sync",
        }
    )
    with app.app_context():
        db.create_all()
        user, _ = create_user(UserData("csrf-trainer@example.test", "Тренер", Role.TRAINER), "password123")
        objections.import_library(user=user)
        db.session.commit()
    client = app.test_client()
    login = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
    client.post("/login", data={"email": "csrf-trainer@example.test", "password": "password123", "csrf_token": token})
    yield client, app
    with app.app_context():
        db.drop_all()


def test_changes_without_the_csrf_token_are_refused(csrf_client):
    from app.quality.scripts import get_script

    client, app = csrf_client
    assert client.post(ENTRY + "/archive").status_code == 400
    assert client.post("/quality/scripts/new", data={"key": "x_script", "title": "X"}).status_code == 400
    with app.app_context():
        assert objections.get_objection("price_expensive").archived is False
        assert get_script("x_script") is None
    # The page's own button carries the token and works.
    page = client.get(ENTRY).get_data(as_text=True)
    token = re.search(r'action="/quality/objections/price_expensive/archive".*?value="([^"]+)"', page, re.S).group(1)
    assert client.post(ENTRY + "/archive", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        assert objections.get_objection("price_expensive").archived is True
