"""Who may see a call (page, audio, status, API) and who may review it; anonymous users go to sign in."""

from __future__ import annotations

import pytest

VIEWERS = ("anna", "boris", "supervisor", "other_supervisor", "other", "admin", "trainer")
# anna owns the call; boris is her teammate; "other" is a manager of another team.
MAY_VIEW = {"anna", "supervisor", "admin", "trainer"}
MAY_REVIEW = {"supervisor", "admin"}


def _urls(call_id: int) -> dict[str, str]:
    return {
        "page": f"/calls/{call_id}",
        "audio": f"/calls/{call_id}/audio",
        "status": f"/calls/{call_id}/status",
        "api": f"/api/calls/{call_id}",
    }


@pytest.mark.parametrize("viewer", VIEWERS)
def test_view_matrix_for_page_audio_status_and_api(client, auth, people, scored_call, viewer):
    auth.login(people[viewer])
    expected = 200 if viewer in MAY_VIEW else 403
    got = {}
    for kind, url in _urls(scored_call).items():
        with client.get(url) as response:  # closes the streamed recording
            got[kind] = response.status_code
    assert got == dict.fromkeys(got, expected)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_review_actions_matrix(app, client, auth, people, scored_call, viewer):
    from app.calls.models import Call
    from app.extensions import db

    with app.app_context():
        item_id = db.session.get(Call, scored_call).current_scorecard.items[0].id
    auth.login(people[viewer])
    expected = 302 if viewer in MAY_REVIEW else 403
    posts = {
        "override": client.post(
            f"/calls/{scored_call}/override", data={"item_id": item_id, "result": "fail", "reason": "проверка"}
        ),
        "comment": client.post(f"/calls/{scored_call}/comments", data={"text": "Заметка", "at_seconds": "3.5"}),
        "finalize": client.post(f"/calls/{scored_call}/finalize", data={"summary": ""}),
    }
    assert {k: r.status_code for k, r in posts.items()} == dict.fromkeys(posts, expected)


def test_manager_sees_review_results_but_no_review_forms(client, auth, people, scored_call):
    auth.login(people["supervisor"])
    client.post(f"/calls/{scored_call}/comments", data={"text": "Хорошая презентация", "at_seconds": "10"})
    client.post("/logout")
    auth.login(people["anna"])
    page = client.get(f"/calls/{scored_call}").get_data(as_text=True)
    assert "Хорошая презентация" in page
    assert 'data-testid="override-form"' not in page and 'data-testid="comment-form"' not in page


def test_anonymous_visitors_are_sent_to_sign_in_and_the_api_answers_401(client, scored_call):
    for kind, url in _urls(scored_call).items():
        with client.get(url) as response:
            status, location, body = response.status_code, response.headers.get("Location", ""), response.get_json()
        if kind == "api":
            assert status == 401 and body["error"]
        else:
            assert status == 302 and "/login" in location


def test_missing_call_is_404(client, auth, people):
    auth.login(people["admin"])
    assert client.get("/calls/99999").status_code == 404
    with client.get("/calls/99999/audio") as response:
        assert response.status_code == 404
