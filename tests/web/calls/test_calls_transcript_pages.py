"""Calls sent as a ready transcript: the API (JSON or multipart), the call page without a player, the audio
endpoint, the list marker, the library and the supervisors' JSON upload on the upload page."""

from __future__ import annotations

import io
import json
import re

import pytest

from app.calls.models import Call, CallStatus, Recording
from app.extensions import db
from tests.factories import transcript, wav_bytes


@pytest.fixture
def token(app, checklist):
    """A token of the ``crm`` integration; returns the secret."""
    from app.api.tokens import create_token

    with app.app_context():
        _row, secret = create_token("crm-main", "crm")
        db.session.commit()
    return secret


def _metadata(people, **extra) -> dict:
    return {
        "external_id": "crm-5531",
        "manager_email": people["anna"].email,
        "call_date": "2026-11-20T15:30:00",
        "client_company": "ООО Ромашка",
        **extra,
    }


def _post_json(client, secret, body):
    return client.post("/api/calls", json=body, headers={"Authorization": f"Bearer {secret}"})


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_api_accepts_a_json_transcript_without_a_recording_once(app, client, people, token):
    first = _post_json(client, token, {"metadata": _metadata(people), "transcript": transcript()})
    assert first.status_code == 201, first.json
    body = first.json
    assert body["status"] == "scored" and body["has_recording"] is False and body["scorecard"]["items"]
    other = transcript("call03_crm_dm_direct_feature_dump.json")
    again = _post_json(client, token, {"metadata": _metadata(people), "transcript": other})
    assert again.status_code == 200 and again.json["id"] == body["id"]  # idempotent by external id
    assert (_count(app, Call), _count(app, Recording)) == (1, 0)
    with app.app_context():
        call = db.session.get(Call, body["id"])
        assert (call.integration, call.recording_id, call.status) == ("crm", None, CallStatus.SCORED)
        assert call.transcript["segments"][0]["text"] == transcript()["segments"][0]["text"]  # the first one stays


@pytest.mark.parametrize("where", ["field", "file", "metadata"])
def test_api_accepts_a_multipart_transcript_without_a_recording(app, client, people, token, where):
    raw = json.dumps(transcript(), ensure_ascii=False)
    meta = _metadata(people, **({"transcript": transcript()} if where == "metadata" else {}))
    data = {"metadata": json.dumps(meta, ensure_ascii=False)}
    if where == "field":
        data["transcript"] = raw
    elif where == "file":
        data["transcript"] = (io.BytesIO(raw.encode()), "call.json")
    response = client.post(
        "/api/calls", data=data, headers={"Authorization": f"Bearer {token}"}, content_type="multipart/form-data"
    )
    assert response.status_code == 201, response.json
    assert response.json["has_recording"] is False and _count(app, Recording) == 0


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        (
            {"transcript": {"segments": [{"speaker": "agent", "start": 0, "end": 1, "text": "Алло"}]}},
            "transcript",
            "segments[0].speaker",
        ),
        (
            {"transcript": {"segments": [{"speaker": "client", "start": "1:05", "end": 2}]}},
            "transcript",
            "segments[0].start",
        ),
        ({"transcript": {"language": "ru"}}, "transcript", "segments"),
        ({"transcript": {"segments": []}}, "transcript", "segments"),
        ({"transcript": ["not", "an", "object"]}, "transcript", "JSON object"),
        ({}, "recording", "transcript"),
    ],
)
def test_api_refuses_a_bad_transcript_naming_the_field_and_segment(app, client, people, token, body, field, words):
    response = _post_json(client, token, {"metadata": _metadata(people), **body})
    assert response.status_code == 400
    assert response.json["field"] == field and words in response.json["error"]
    assert _count(app, Call) == 0


def test_api_refuses_a_transcript_sent_twice(app, client, people, token):
    meta = _metadata(people, transcript=transcript())
    response = _post_json(client, token, {"metadata": meta, "transcript": transcript()})
    assert response.status_code == 400 and response.json["field"] == "transcript" and "once" in response.json["error"]
    assert _count(app, Call) == 0


def test_api_refuses_a_json_body_that_is_not_an_object(client, people, token):
    response = client.post(
        "/api/calls", data="[1, 2", content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 400 and response.json["field"] == "body"


def test_tokens_page_documents_the_transcript_request(client, auth, people):
    auth.login(people["admin"])
    page = client.get("/admin/api-tokens").get_data(as_text=True)
    example = re.search(r'data-testid="transcript-example">(.*?)</pre>', page, re.S).group(1)
    assert "Content-Type: application/json" in example and '"segments"' in example


@pytest.fixture
def transcript_call(app, checklist, people):
    """Anna's call sent as a ready transcript (no recording), scored; returns the id."""
    from datetime import date

    from app.calls import intake, transcript_intake
    from app.calls.jobs import process_call

    with app.app_context():
        data = intake.CallData(
            manager_id=people["anna"].id,
            checklist_id=checklist,
            call_date=date(2026, 11, 20),
            client_company="ООО Без Записи",
            transcript=transcript(),
        )
        call = transcript_intake.intake_transcript_call(data, None)
        db.session.commit()
        assert process_call(call.id) == "scored"
        return call.id


def test_call_page_without_a_recording_has_no_player_and_says_why(client, auth, people, transcript_call):
    auth.login(people["supervisor"])
    page = client.get(f"/calls/{transcript_call}").get_data(as_text=True)
    assert "<audio" not in page and f"/calls/{transcript_call}/audio" not in page
    assert 'data-testid="no-recording"' in page
    assert "Звонок загружен как готовый транскрипт — записи нет" in page
    lines = re.findall(r'<li class="transcript-line[^>]*>', page)
    assert len(lines) > 20 and not any("tabindex" in line for line in lines)  # not focusable to seek
    assert page.count('<span class="line-time">') >= len(lines)  # times still shown
    quotes = re.findall(r'<a href="#seg-\d+" class="evidence-link"[^>]*>', page)
    assert quotes and not any("data-seek" in q for q in quotes)  # a quote leads to its line, no seeking
    assert 'data-action="comment-here"' not in page and 'data-testid="comment-form"' in page


def test_call_page_with_a_recording_keeps_its_player(client, auth, people, scored_call):
    auth.login(people["supervisor"])
    page = client.get(f"/calls/{scored_call}").get_data(as_text=True)
    assert "<audio" in page and 'data-testid="no-recording"' not in page and 'data-action="comment-here"' in page


def test_audio_of_a_call_without_a_recording_is_404(client, auth, people, transcript_call):
    auth.login(people["anna"])
    assert client.get(f"/calls/{transcript_call}").status_code == 200
    assert client.get(f"/calls/{transcript_call}/audio").status_code == 404


def test_list_marks_calls_without_a_recording(client, auth, people, scored_call, transcript_call):
    auth.login(people["supervisor"])
    html = client.get("/calls").get_data(as_text=True)
    row = {int(i): body for i, body in re.findall(r'data-call-id="(\d+)"(.*?)</tr>', html, re.S)}
    assert set(row) == {scored_call, transcript_call}
    assert 'data-testid="no-recording"' in row[transcript_call] and "без записи" in row[transcript_call]
    assert 'data-testid="no-recording"' not in row[scored_call]


def test_library_fragment_of_a_call_without_a_recording_is_text_only(app, client, auth, people, transcript_call):
    from app.calls.library_models import LibraryEntry

    auth.login(people["supervisor"])
    call_page = client.get(f"/calls/{transcript_call}").get_data(as_text=True)
    assert 'data-library-time="lib-start"' not in call_page  # no "current moment of the recording" to take
    client.post(
        f"/calls/{transcript_call}/library",
        data={"kind": "good", "title": "Выход на ЛПР", "start": "0:00", "end": "0:30", "tags": "gatekeeper"},
    )
    with app.app_context():
        entry_id = db.session.scalars(db.select(LibraryEntry.id)).one()
    auth.login(people["other"])  # someone who sees only the fragment
    page = client.get("/calls/library").get_data(as_text=True)
    assert 'data-testid="library-text-only"' in page and "<audio" not in page
    assert 'data-testid="library-transcript"' in page
    assert client.get(f"/calls/library/{entry_id}/audio").status_code == 404


def _form(manager_id: int, checklist_id: int, **extra) -> dict:
    return {
        "manager_id": str(manager_id),
        "checklist_id": str(checklist_id),
        "call_date": "2026-11-20",
        "direction": "outbound",
        "manager_channel": "left",
        **extra,
    }


def _json_file(data=None, name: str = "звонок.json"):
    return (io.BytesIO(json.dumps(data or transcript(), ensure_ascii=False).encode()), name)


def test_supervisor_uploads_a_json_transcript_on_the_upload_page(app, client, auth, checklist, people):
    auth.login(people["supervisor"])
    assert 'data-testid="transcript-upload"' in client.get("/calls/upload").get_data(as_text=True)
    response = client.post("/calls/upload", data=_form(people["anna"].id, checklist, transcript_file=_json_file()))
    assert response.status_code == 302
    with app.app_context():
        call = db.session.scalars(db.select(Call)).one()
        assert response.headers["Location"].endswith(f"/calls/{call.id}")
        assert call.recording_id is None and call.status == CallStatus.SCORED
        assert call.uploaded_by_id == people["supervisor"].id


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"transcript_file": (io.BytesIO(b'{"segments": [\n oops]}'), "t.json")}, "строке 2"),
        ({"transcript_file": _json_file({"segments": [{"speaker": "boss", "start": 0, "end": 1}]})}, "segments[0]"),
        ({"transcript_file": _json_file(), "recordings": [(io.BytesIO(wav_bytes()), "a.wav")]}, "либо записи"),
    ],
)
def test_a_bad_transcript_upload_says_what_is_wrong(app, client, auth, checklist, people, extra, words):
    auth.login(people["supervisor"])
    page = client.post("/calls/upload", data=_form(people["anna"].id, checklist, **extra)).get_data(as_text=True)
    error = re.search(r'data-testid="transcript-error">([^<]+)<', page)
    assert error and words in error.group(1)
    assert _count(app, Call) == 0


def test_a_manager_may_not_upload_a_ready_transcript_of_own_call(app, client, auth, checklist, people):
    auth.login(people["anna"])
    assert 'data-testid="transcript-upload"' not in client.get("/calls/upload").get_data(as_text=True)
    page = client.post("/calls/upload", data=_form(people["anna"].id, checklist, transcript_file=_json_file()))
    assert page.status_code == 200 and "руководитель менеджера" in page.get_data(as_text=True)
    assert _count(app, Call) == 0
