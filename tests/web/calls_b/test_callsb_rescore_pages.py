"""Rescoring pages: start from the list selection or a period, follow progress, permissions."""

from __future__ import annotations

import re
from datetime import date

from tests.factories import transcript

DAY = date(2026, 3, 2)


def test_selected_calls_are_rescored_and_history_shows_on_the_call(app, client, auth, world, calls):
    call_id = calls("anna", call_date=DAY, transcript=transcript(), score=10.0)
    auth.login(world["rop_a"])
    assert 'data-testid="rescore-selected"' in client.get("/calls").get_data(as_text=True)
    response = client.post("/calls/rescore/selected", data={"call_id": [str(call_id)]})
    assert response.status_code == 302
    run_url = response.headers["Location"]
    page = client.get(run_url).get_data(as_text=True)
    assert "готово" in page and "уже оценён текущей версией" in page  # the version did not change
    status = client.get(run_url + "/status").get_json()
    assert status["finished"] and status["total"] == 1 and status["skipped"] == 1

    from flask import render_template_string

    from app.calls.models import Call
    from app.extensions import db
    from tests.factories import MINI_CALL_YAML, publish

    with app.app_context():
        publish(MINI_CALL_YAML.replace("weight: 3", "weight: 4"))
        db.session.commit()
    client.post("/calls/rescore/selected", data={"call_id": [str(call_id)]})
    with app.test_request_context("/"):
        html = render_template_string("{% include 'calls/rescore_history.html' %}", call=db.session.get(Call, call_id))
    assert len(re.findall('data-testid="scorecard-version"', html)) == 2 and "v2" in html and "v1" in html


def test_period_form_and_validation(client, auth, world, calls, version):
    calls("anna", call_date=DAY, transcript=transcript())
    auth.login(world["rop_a"])
    page = client.get("/calls/rescore").get_data(as_text=True)
    assert "Мини-чек-лист" in page and "Переоценок ещё не было" in page
    empty = client.post(
        "/calls/rescore",
        data={"checklist_id": version.checklist_id, "date_from": "2020-01-01", "date_to": "2020-01-31"},
    )
    assert empty.status_code == 200 and "Нет оценённых звонков" in empty.get_data(as_text=True)
    ok = client.post(
        "/calls/rescore",
        data={"checklist_id": version.checklist_id, "date_from": "2026-03-01", "date_to": "2026-03-31"},
    )
    assert ok.status_code == 302 and "/calls/rescore/" in ok.headers["Location"]


def test_rescoring_is_for_supervisors_and_admins(client, auth, world, calls):
    call_id = calls("anna", call_date=DAY)
    auth.login(world["anna"])
    assert client.get("/calls/rescore").status_code == 403
    assert client.post("/calls/rescore/selected", data={"call_id": [str(call_id)]}).status_code == 403
    assert 'data-testid="rescore-selected"' not in client.get("/calls").get_data(as_text=True)
    auth.logout()
    auth.login(world["rop_b"])  # another team's supervisor: refused with a message, nothing started
    response = client.post("/calls/rescore/selected", data={"call_id": [str(call_id)]}, follow_redirects=True)
    assert "не можете переоценивать" in response.get_data(as_text=True)


def test_run_pages_belong_to_their_author(client, auth, world, calls):
    call_id = calls("anna", call_date=DAY, transcript=transcript())
    auth.login(world["rop_a"])
    run_url = client.post("/calls/rescore/selected", data={"call_id": [str(call_id)]}).headers["Location"]
    auth.logout()
    auth.login(world["rop_b"])
    assert client.get(run_url).status_code == 403 and client.get(run_url + "/status").status_code == 403
    auth.logout()
    auth.login(world["admin"])
    assert client.get(run_url).status_code == 200
