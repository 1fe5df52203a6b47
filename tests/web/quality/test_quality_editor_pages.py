"""Checklist pages: list, versions, the draft editor (forms and YAML), publish, diff, "try it"."""

from __future__ import annotations

import json


def _text(app, version_id: int) -> str:
    from app.extensions import db
    from app.quality.models import ChecklistVersion

    with app.app_context():
        return db.session.get(ChecklistVersion, version_id).yaml_text


def _draft(client, version_id: int) -> int:
    response = client.post("/quality/checklists/mini/drafts", data={"version_id": version_id})
    assert response.status_code == 302
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def test_list_and_versions_pages(client, auth, people, mini):
    auth.login(people["trainer"])
    page = client.get("/quality/checklists").get_data(as_text=True)
    assert "Мини-чек-лист" in page and "v1" in page
    page = client.get("/quality/checklists/mini").get_data(as_text=True)
    assert 'data-testid="new-draft"' in page and "действует" in page


def test_item_form_adds_a_phrase_and_try_it_shows_the_flip(client, auth, people, mini):
    version_id, call_id = mini
    auth.login(people["trainer"])
    draft_id = _draft(client, version_id)
    overview = client.get(f"/quality/drafts/{draft_id}").get_data(as_text=True)
    assert "Договорился о встрече" in overview and "фразы: встреча" in overview
    form = client.get(f"/quality/drafts/{draft_id}/items/next_step").get_data(as_text=True)
    assert 'name="detectors-0-phrases"' in form and "встреча" in form
    data = {
        "id": "next_step",
        "title": "Договорился о встрече",
        "weight": "3",
        "skill": "closing",
        "section": "closing",
        "na_rule": "always",
        "combine": "all",
        "detectors-0-kind": "phrases",
        "detectors-0-phrases": "встреча\nсозвонимся",
        "detectors-0-speaker": "manager",
        "detectors-0-part": "",
        "detectors-0-task": "spin",
        "detectors-0-metric": "talk_share",
    }
    response = client.post(f"/quality/drafts/{draft_id}/items/next_step", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.post(f"/quality/versions/{draft_id}/try", data={"call_id": call_id}).get_data(as_text=True)
    assert 'data-testid="try-row-next_step" data-changed="yes"' in page
    assert "созвонимся в четверг" in page.lower()
    assert 'data-testid="try-row-greet" data-changed="no"' in page


def test_item_form_shows_engine_errors_next_to_the_field(client, auth, people, mini):
    version_id, _call = mini
    auth.login(people["trainer"])
    draft_id = _draft(client, version_id)
    data = {
        "id": "next_step",
        "title": "Договорился о встрече",
        "weight": "3",
        "skill": "closing",
        "section": "closing",
        "na_rule": "always",
        "combine": "all",
        "detectors-0-kind": "classifier",
        "detectors-0-task": "spin",
        "detectors-0-labels": "bogus_label",
        "detectors-0-metric": "talk_share",
    }
    response = client.post(f"/quality/drafts/{draft_id}/items/next_step", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "unknown spin label &#39;bogus_label&#39;" in page or "unknown spin label 'bogus_label'" in page
    assert "Пункт не сохранён" in page


def test_row_buttons_add_and_remove_detectors_without_saving(client, auth, people, mini):
    version_id, _call = mini
    auth.login(people["trainer"])
    draft_id = _draft(client, version_id)
    data = {
        "id": "greet",
        "title": "Поздоровался",
        "weight": "2",
        "skill": "opening",
        "section": "opening",
        "na_rule": "always",
        "combine": "all",
        "detectors-0-kind": "phrases",
        "detectors-0-phrases": "добрый день",
        "detectors-0-task": "spin",
        "detectors-0-metric": "talk_share",
        "row_action": "add:metric",
    }
    page = client.post(f"/quality/drafts/{draft_id}/items/greet", data=data).get_data(as_text=True)
    assert 'data-testid="detector-1"' in page
    data["row_action"] = "remove:0"
    page = client.post(f"/quality/drafts/{draft_id}/items/greet", data=data).get_data(as_text=True)
    assert 'data-testid="detector-1"' not in page


def test_yaml_view_validates_and_publish_refuses_with_the_reasons(app, client, auth, people, mini):
    version_id, _call = mini
    auth.login(people["trainer"])
    draft_id = _draft(client, version_id)
    bad = client.get(f"/quality/checklists/versions/{version_id}").get_data(as_text=True)
    assert "Поздоровался" in bad
    text = _text(app, draft_id).replace('any: ["встреча"]', "min_prob: 5")
    errors = client.post(f"/quality/drafts/{draft_id}/validate", json={"yaml_text": text}).get_json()["errors"]
    assert errors and errors[0]["item"] == "next_step" and errors[0]["line"]
    broken = client.post(f"/quality/drafts/{draft_id}/validate", json={"yaml_text": "id: [oops"}).get_json()["errors"]
    assert broken[0]["field"] == "yaml" and broken[0]["line"] == 1
    response = client.post(f"/quality/drafts/{draft_id}/yaml", data={"yaml_text": text})
    assert response.status_code == 302
    response = client.post(f"/quality/drafts/{draft_id}/publish", data={"note": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "next_step" in page and "detect.phrases" in page and "mini.yaml" in page


def test_publish_then_diff_shows_the_added_phrase(app, client, auth, people, mini):
    version_id, _call = mini
    auth.login(people["trainer"])
    draft_id = _draft(client, version_id)
    text = _text(app, draft_id).replace('["встреча"]', '["встреча", "созвонимся"]')
    assert client.post(f"/quality/drafts/{draft_id}/yaml", data={"yaml_text": text}).status_code == 302
    response = client.post(f"/quality/drafts/{draft_id}/publish", data={"note": "созвонимся"})
    assert response.status_code == 302 and "published=2" in response.headers["Location"]
    page = client.get("/quality/checklists/mini/diff?a=1&b=2").get_data(as_text=True)
    assert 'data-testid="added-value">+ созвонимся' in page
    assert "diff-add" in page
    # the published version cannot be edited any more
    response = client.get(f"/quality/drafts/{draft_id}")
    assert response.status_code == 302 and f"/quality/checklists/versions/{draft_id}" in response.headers["Location"]


def test_try_it_with_a_pasted_transcript_and_a_bad_one(client, auth, people, mini):
    from tests.factories import TRANSCRIPT

    version_id, _call = mini
    auth.login(people["trainer"])
    draft_id = _draft(client, version_id)
    page = client.post(
        f"/quality/versions/{draft_id}/try", data={"transcript_json": json.dumps(TRANSCRIPT, ensure_ascii=False)}
    ).get_data(as_text=True)
    assert 'data-testid="try-rows"' in page
    page = client.post(f"/quality/versions/{draft_id}/try", data={"transcript_json": "{not json"}).get_data(
        as_text=True
    )
    assert "Это не JSON" in page
    page = client.post(f"/quality/versions/{draft_id}/try", data={"transcript_json": "/etc/passwd"}).get_data(
        as_text=True
    )
    assert "Это не JSON" in page


def test_preview_run_shows_how_scores_move(app, client, auth, people, mini):
    version_id, call_id = mini
    auth.login(people["trainer"])
    draft_id = _draft(client, version_id)
    from app.extensions import db
    from app.quality.models import TryRun

    text = _text(app, draft_id).replace('["встреча"]', '["встреча", "созвонимся"]')
    client.post(f"/quality/drafts/{draft_id}/yaml", data={"yaml_text": text})
    response = client.post(f"/quality/versions/{draft_id}/try/runs", data={"limit": 10})
    assert response.status_code == 302
    with app.app_context():
        run = db.session.scalars(db.select(TryRun)).one()
        assert run.status.value == "done" and run.results[0]["call_id"] == call_id
        assert run.results[0]["changed"] == ["next_step"] and run.mean_delta == run.results[0]["delta"] > 0
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="run-rows"' in page and "next_step" in page


def test_sections_and_items_can_be_added_moved_and_removed(app, client, auth, people, mini):
    version_id, _call = mini
    auth.login(people["trainer"])
    draft_id = _draft(client, version_id)
    assert (
        client.post(f"/quality/drafts/{draft_id}/sections", data={"section_id": "extra", "title": "Ещё"}).status_code
        == 302
    )
    client.post(f"/quality/drafts/{draft_id}/items/farewell/up")
    client.post(f"/quality/drafts/{draft_id}/sections/extra/up")
    client.post(f"/quality/drafts/{draft_id}/items/greet/delete")  # last item of its section: refused
    import yaml

    from app.extensions import db
    from app.quality.models import ChecklistVersion

    data = yaml.safe_load(_text(app, draft_id))
    assert [s["id"] for s in data["sections"]] == ["opening", "extra", "closing"]
    assert [i["id"] for i in data["sections"][2]["items"]] == ["farewell", "next_step"]
    assert [i["id"] for i in data["sections"][0]["items"]] == ["greet"]
    client.post(f"/quality/drafts/{draft_id}/sections/extra/delete")
    client.post(f"/quality/drafts/{draft_id}/discard")
    with app.app_context():
        assert db.session.get(ChecklistVersion, draft_id) is None
