"""Script pages: reading, printing, permissions and the trainer's draft → publish → history cycle."""

from __future__ import annotations

import re

from app.extensions import db
from app.quality import scripts

READ = "/quality/scripts/cold_call_strela"


def _count(html: str, testid: str) -> int:
    return len(re.findall(rf'data-testid="{testid}"', html))


def test_a_manager_reads_the_published_script_with_answers_inline(client, auth, demo, people):
    auth.login(people["manager"])
    listing = client.get("/quality/scripts").get_data(as_text=True)
    assert demo.title in listing and "Новый скрипт" not in listing
    html = client.get(READ).get_data(as_text=True)
    assert 'data-testid="stage-nav"' in html and _count(html, "script-stage") == 5
    branches = sum(len(s.branches) for s in demo.stages)
    assert _count(html, "branch") == branches
    # The approved answer of the library entry is shown inside the branch, with the script's own note.
    assert "Подскажите, дорого по сравнению с чем" in html
    assert "считайте стоимость заказа вместе с повторными доставками" in html
    assert "/quality/scripts/cold_call_strela/draft" not in html  # no editing links for managers


def test_print_view_expands_every_branch(client, auth, demo, people):
    auth.login(people["manager"])
    response = client.get(READ + "/print")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'data-testid="script-print"' in html
    assert _count(html, "print-branch") == sum(len(s.branches) for s in demo.stages)
    assert "Вариант ответа 2" in html and "<details" not in html
    assert "@media print" in html and "Напечатать" in html


def test_managers_cannot_edit_or_see_drafts(client, auth, demo, people, trainer):
    draft = scripts.create_draft(demo.script, trainer)
    db.session.commit()
    auth.login(people["manager"])
    assert client.get(f"{READ}?v={draft.number}").status_code == 404
    assert client.get(READ + "/draft").status_code == 403
    assert client.get(READ + "/history").status_code == 403
    assert client.post(READ + "/draft/stages/opening", data={"opening-goal": "x"}).status_code == 403
    assert client.post(READ + "/draft/publish").status_code == 403
    assert client.post("/quality/scripts/new", data={"key": "mine", "title": "Мой"}).status_code == 403
    assert client.get("/quality/scripts/nope").status_code == 404


def test_unpublished_scripts_are_invisible_to_managers(client, auth, library, people, trainer):
    scripts.create_script("secret", "Секретный", trainer)
    db.session.commit()
    auth.login(people["manager"])
    assert "Секретный" not in client.get("/quality/scripts").get_data(as_text=True)
    assert client.get("/quality/scripts/secret").status_code == 404


def test_a_trainer_writes_publishes_changes_and_restores_a_script(client, auth, library, people):
    auth.login(people["trainer"])
    response = client.post("/quality/scripts/new", data={"key": "warm", "title": "Тёплый звонок"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/quality/scripts/warm/draft")
    assert _count(client.get("/quality/scripts/warm/draft").get_data(as_text=True), "edit-stage") == 5

    stage = {"opening-goal": "Представиться", "opening-phrases": "> Добрый день!", "opening-tips": "Коротко"}
    assert client.post("/quality/scripts/warm/draft/stages/opening", data=stage).status_code == 302
    add = {"b-opening-objection": "no_time_busy", "b-opening-note": "Назначьте время"}
    assert client.post("/quality/scripts/warm/draft/stages/opening/branches", data=add).status_code == 302
    again = client.post("/quality/scripts/warm/draft/stages/opening/branches", data=add)
    assert again.status_code == 422 and "уже есть на этом этапе" in again.get_data(as_text=True)

    response = client.post("/quality/scripts/warm/draft/publish", data={"note": "Первая версия"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/quality/scripts/warm")
    auth.logout()
    auth.login(people["manager"])
    html = client.get("/quality/scripts/warm").get_data(as_text=True)
    assert "Представиться" in html and "Назначьте время" in html
    auth.logout()

    auth.login(people["trainer"])
    assert client.post("/quality/scripts/warm/draft/new").status_code == 302
    stage["opening-goal"] = "Представиться и назвать повод"
    client.post("/quality/scripts/warm/draft/stages/opening", data=stage)
    diff = client.get("/quality/scripts/warm/diff").get_data(as_text=True)
    assert "+[goal] Представиться и назвать повод" in diff and "-[goal] Представиться" in diff
    client.post("/quality/scripts/warm/draft/publish", data={"note": "Повод"})
    history = client.get("/quality/scripts/warm/history").get_data(as_text=True)
    assert "Первая версия" in history and "Повод" in history
    assert client.post("/quality/scripts/warm/versions/1/restore").status_code == 302
    script = scripts.get_script("warm")
    assert script.draft.number == 3 and script.draft.stage("opening").goal == "Представиться"
    assert script.published.number == 2


def test_branch_buttons_and_errors_next_to_fields(client, auth, library, people, trainer):
    version = scripts.create_script("warm", "Тёплый", trainer)
    for key in ("no_time_busy", "other_trust"):
        scripts.add_branch(version, "opening", key)
    db.session.commit()
    first, second = (b.id for b in version.stage("opening").branches)
    auth.login(people["trainer"])
    base = "/quality/scripts/warm/draft/branches"
    assert client.post(f"{base}/{second}/up").status_code == 302
    assert client.post(f"{base}/{first}/note", data={"note": "Только для Москвы"}).status_code == 302
    assert client.post(f"{base}/{second}/remove").status_code == 302
    assert client.post(f"{base}/{first}/explode").status_code == 404
    db.session.expire_all()
    [left] = scripts.get_script("warm").draft.stage("opening").branches
    assert left.id == first and left.note == "Только для Москвы"

    bad = client.post("/quality/scripts/new", data={"key": "Плохой ключ", "title": "Х"})
    assert bad.status_code == 422 and "латиница" in bad.get_data(as_text=True)
    empty = client.post("/quality/scripts/warm/draft/meta", data={"title": "", "summary": ""})
    assert empty.status_code == 422
    assert client.post("/quality/scripts/warm/draft/stages/smalltalk", data={}).status_code == 404
