"""Who may do what: trainers/admins edit and publish; supervisors read, label and calibrate; managers none of it.
Plus the labelling, models and calibration pages."""

from __future__ import annotations

import pytest

EDIT_GETS = ("/quality/models", "/quality/versions/{v}/try")
STAFF_GETS = ("/quality/checklists", "/quality/checklists/mini", "/quality/labelling", "/quality/calibration")


@pytest.mark.parametrize("role", ["trainer", "admin"])
def test_trainers_and_admins_edit(client, auth, people, mini, role):
    version_id, _call = mini
    auth.login(people[role])
    for url in (*EDIT_GETS, *STAFF_GETS):
        assert client.get(url.format(v=version_id)).status_code == 200, url
    response = client.post("/quality/checklists/mini/drafts", data={"version_id": version_id})
    assert response.status_code == 302 and "/quality/drafts/" in response.headers["Location"]


def test_supervisors_read_label_and_calibrate_but_do_not_edit(client, auth, people, mini):
    version_id, _call = mini
    auth.login(people["supervisor"])
    for url in STAFF_GETS:
        assert client.get(url).status_code == 200, url
    page = client.get("/quality/checklists/mini").get_data(as_text=True)
    assert 'data-testid="new-draft"' not in page
    for url in EDIT_GETS:
        assert client.get(url.format(v=version_id)).status_code == 403, url
    assert client.post("/quality/checklists/mini/drafts", data={"version_id": version_id}).status_code == 403
    assert client.post("/quality/checklists", data={"key": "x", "title": "X"}).status_code == 403
    assert client.post("/quality/models/spin/retrain").status_code == 403


def test_managers_get_none_of_it(client, auth, people, mini):
    version_id, _call = mini
    auth.login(people["manager"])
    for url in (*EDIT_GETS, *STAFF_GETS):
        assert client.get(url.format(v=version_id)).status_code == 403, url
    assert client.post("/quality/labelling/spin/refresh").status_code == 403
    assert client.post("/quality/calibration", data={"call_id": 1}).status_code == 403


def test_a_supervisor_cannot_touch_a_draft(client, auth, people, mini):
    version_id, _call = mini
    auth.login(people["trainer"])
    response = client.post("/quality/checklists/mini/drafts", data={"version_id": version_id})
    draft = response.headers["Location"].rstrip("/").split("/")[-1]
    auth.logout()
    auth.login(people["supervisor"])
    for url in (f"/quality/drafts/{draft}", f"/quality/drafts/{draft}/yaml", f"/quality/drafts/{draft}/items/greet"):
        assert client.get(url).status_code == 403
    assert client.post(f"/quality/drafts/{draft}/publish", data={"note": ""}).status_code == 403
    assert client.post(f"/quality/drafts/{draft}/validate", json={"yaml_text": "x"}).status_code == 403


def test_labelling_page_labels_with_a_button_and_shows_the_next(client, auth, people, mini, tiny_corpus):
    auth.login(people["supervisor"])
    page = client.get("/quality/labelling/spin").get_data(as_text=True)  # first visit fills the queue (sync jobs)
    assert 'data-testid="candidate"' in page and 'data-key="1"' in page
    from app.extensions import db
    from app.quality.learning_models import LabellingCandidate, TrainingExample

    with client.application.app_context():
        first = db.session.scalars(
            db.select(LabellingCandidate).order_by(LabellingCandidate.margin, LabellingCandidate.id)
        ).first()
        first_id, first_text = first.id, first.text
    response = client.post(f"/quality/labelling/candidates/{first_id}", data={"label": "situation"})
    assert response.status_code == 302
    with client.application.app_context():
        example = db.session.scalars(db.select(TrainingExample)).one()
        assert (example.text, example.label, example.author_id) == (first_text, "situation", people["supervisor"].id)
    response = client.post(f"/quality/labelling/candidates/{first_id}", data={"label": "price"})
    assert response.status_code == 302  # a label of another task is refused with a message
    with client.application.app_context():
        assert db.session.scalars(db.select(TrainingExample)).one().label == "situation"


def test_models_page_retrains_and_activates(client, auth, people, mini, tiny_corpus):
    auth.login(people["trainer"])
    assert "базовая" in client.get("/quality/models/spin").get_data(as_text=True)
    response = client.post("/quality/models/spin/retrain")
    assert response.status_code == 302
    page = client.get("/quality/models/spin").get_data(as_text=True)
    assert 'data-testid="comparison"' in page and 'data-testid="metric-macro_f1"' in page
    from app.extensions import db
    from app.quality.learning_models import ClassifierModel

    with client.application.app_context():
        new = db.session.scalars(db.select(ClassifierModel).where(ClassifierModel.baseline.is_(False))).one()
        new_id = new.id
    assert client.post(f"/quality/models/rows/{new_id}/activate").status_code == 302
    with client.application.app_context():
        assert db.session.get(ClassifierModel, new_id).active


def test_calibration_pages_blind_then_results(client, auth, people, mini):
    _version, call_id = mini
    auth.login(people["trainer"])
    ids = [people["supervisor"].id, people["other_supervisor"].id]
    response = client.post("/quality/calibration", data={"call_id": call_id, "reviewers": ids, "title": "Пятница"})
    assert response.status_code == 302
    url = response.headers["Location"]
    page = client.get(url).get_data(as_text=True)
    assert 'data-testid="agreement-summary"' in page  # the organiser sees results
    auth.logout()
    auth.login(people["supervisor"])
    page = client.get(url).get_data(as_text=True)
    assert 'data-testid="calibration-score"' in page and "выполнено" in page
    assert "agreement-summary" not in page  # blind: no results, no automatic verdicts
    data = {"v-greet": "pass", "v-next_step": "fail", "v-farewell": "pass"}
    assert client.post(url, data=data).status_code == 302
    assert 'data-testid="agreement-summary"' in client.get(url).get_data(as_text=True)
    auth.logout()
    auth.login(people["manager"])
    assert client.get(url).status_code == 403


def test_home_card_invites_reviewers_until_they_submit(client, auth, people, mini):
    _version, call_id = mini
    auth.login(people["trainer"])
    ids = [people["supervisor"].id, people["other_supervisor"].id]
    url = client.post("/quality/calibration", data={"call_id": call_id, "reviewers": ids}).headers["Location"]
    auth.logout()
    auth.login(people["supervisor"])
    assert 'data-testid="calibration-widget"' in client.get("/").get_data(as_text=True)
    client.post(url, data={"v-greet": "pass", "v-next_step": "fail", "v-farewell": "pass"})
    assert 'data-testid="calibration-widget"' not in client.get("/").get_data(as_text=True)
