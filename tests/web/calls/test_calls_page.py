"""The call page: transcript with roles, scorecard by section with seekable quotes, metrics; audio with Range."""

from __future__ import annotations

import re

from app.calls.models import Call
from app.extensions import db
from tests.factories import wav_bytes


def test_call_page_shows_transcript_roles_scorecard_and_metrics(client, auth, people, scored_call):
    auth.login(people["supervisor"])
    page = client.get(f"/calls/{scored_call}").get_data(as_text=True)
    assert page.count('data-testid="transcript-line"') > 20
    assert "Секретарь" in page and "ЛПР" in page and "Менеджер" in page
    assert "Прохождение секретаря" in page and "Выявление потребностей (СПИН)" in page
    seeks = re.findall(r'class="evidence-link" data-seek="([\d.]+)"', page)
    assert seeks and all(float(s) >= 0 for s in seeks)
    assert 'data-testid="call-metrics"' in page and "вопросов" in page
    assert f'src="/calls/{scored_call}/audio"' in page
    assert "/static/js/call_player.js" in page


def test_unreliable_passages_are_marked(app, client, auth, people, scored_call):
    with app.app_context():
        call = db.session.get(Call, scored_call)
        transcript = dict(call.transcript)
        transcript["segments"] = [dict(s) for s in transcript["segments"]]
        transcript["segments"][3]["avg_logprob"] = -1.6
        call.transcript = transcript
        db.session.commit()
    auth.login(people["anna"])
    page = client.get(f"/calls/{scored_call}").get_data(as_text=True)
    assert page.count('data-testid="unreliable"') == 1
    assert re.search(r'class="transcript-line [^"]*unreliable"[^>]*data-index="3"', page)


def test_audio_supports_range_requests(app, client, auth, people, scored_call):
    auth.login(people["anna"])
    with client.get(f"/calls/{scored_call}/audio") as whole:
        assert whole.status_code == 200 and whole.mimetype == "audio/wav"
        assert whole.headers.get("Accept-Ranges") == "bytes"
        data = whole.data
    assert data == wav_bytes()
    with client.get(f"/calls/{scored_call}/audio", headers={"Range": "bytes=100-199"}) as part:
        assert part.status_code == 206
        assert part.headers["Content-Range"] == f"bytes 100-199/{len(data)}"
        assert part.data == data[100:200]


def test_status_json_reports_progress(client, auth, people, scored_call):
    auth.login(people["anna"])
    data = client.get(f"/calls/{scored_call}/status").json
    assert data["status"] == "scored" and data["progress"] == 100 and data["finished"] is True
    assert data["final_score"] is not None


def test_a_processing_call_shows_live_progress(app, client, auth, checklist, people):
    from tests.factories import intake_call

    with app.app_context():
        call_id = intake_call(people["anna"].id, checklist)  # not processed: still in the queue
    auth.login(people["anna"])
    page = client.get(f"/calls/{call_id}").get_data(as_text=True)
    assert 'data-testid="call-progress"' in page and f'data-status-url="/calls/{call_id}/status"' in page


def test_a_failed_call_shows_why_and_can_be_retried_by_its_owner(app, client, auth, checklist, people):
    from app.calls.jobs import process_call
    from tests.factories import intake_call, transcript

    with app.app_context():
        call_id = intake_call(people["anna"].id, checklist)
        assert process_call(call_id) == "failed"  # no transcript and speech recognition off
    auth.login(people["trainer"])
    page = client.get(f"/calls/{call_id}").get_data(as_text=True)
    assert 'data-testid="call-error"' in page and "Не удалось распознать речь" in page
    assert "Запустить снова" not in page
    client.post("/logout")
    with app.app_context():
        call = db.session.get(Call, call_id)
        call.sidecar_transcript = transcript()  # e.g. the integration sent it later
        db.session.commit()
    auth.login(people["anna"])
    assert "Запустить снова" in client.get(f"/calls/{call_id}").get_data(as_text=True)
    assert client.post(f"/calls/{call_id}/retry").status_code == 302
    with app.app_context():
        assert db.session.get(Call, call_id).status.value == "scored"
    assert client.post(f"/calls/{call_id}/retry").status_code == 400  # only failed calls are retried
