"""Upload page: validation messages that name the file, redirect to the call page, nothing saved on refusal."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from app.calls.models import Call, CallStatus
from app.extensions import db
from tests.factories import wav_bytes


def _form(manager_id: int, checklist_id: int, files, **extra) -> dict:
    return {
        "recordings": files,
        "manager_id": str(manager_id),
        "checklist_id": str(checklist_id),
        "call_date": "2026-11-20",
        "direction": "outbound",
        "manager_channel": "left",
        "client_company": "ООО Ромашка",
        **extra,
    }


def _calls(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Call))


def test_upload_page_offers_published_checklists_and_team_members(client, auth, checklist, people):
    auth.login(people["supervisor"])
    page = client.get("/calls/upload").get_data(as_text=True)
    assert "Холодный звонок ЛПР" in page
    assert people["anna"].full_name in page and people["other"].full_name not in page


def test_without_published_checklists_the_page_says_what_to_do(client, auth, people):
    auth.login(people["anna"])
    assert "нет опубликованных чек-листов" in client.get("/calls/upload").get_data(as_text=True)


def test_a_valid_upload_goes_to_the_call_page(app, client, auth, checklist, people):
    auth.login(people["supervisor"])
    response = client.post(
        "/calls/upload", data=_form(people["anna"].id, checklist, [(io.BytesIO(wav_bytes()), "звонок.wav")])
    )
    assert response.status_code == 302
    with app.app_context():
        call = db.session.scalars(select(Call)).one()
        assert call.manager_id == people["anna"].id and call.uploaded_by_id == people["supervisor"].id
        # processed inline in tests; the sidecar transcriber has no transcript for a plain upload
        assert call.status == CallStatus.FAILED and "распознать" in call.error
    assert response.headers["Location"].endswith(f"/calls/{call.id}")


@pytest.mark.parametrize(
    ("name", "payload", "message"),
    [
        ("notes.mp3", "просто текст\n".encode() * 50, "это не аудиозапись"),
        ("empty.wav", b"", "файл пустой"),
        ("cut.wav", wav_bytes(seconds=2.0)[:2500], "файл обрезан"),
    ],
)
def test_bad_files_are_refused_with_their_names(app, client, auth, checklist, people, name, payload, message):
    auth.login(people["anna"])
    response = client.post("/calls/upload", data=_form(people["anna"].id, checklist, [(io.BytesIO(payload), name)]))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"Файл «{name}» не принят" in page and message in page
    assert _calls(app) == 0


def test_no_file_and_a_batch_with_one_bad_file(app, client, auth, checklist, people):
    auth.login(people["anna"])
    page = client.post("/calls/upload", data=_form(people["anna"].id, checklist, [])).get_data(as_text=True)
    assert "Выберите хотя бы один файл" in page
    files = [(io.BytesIO(wav_bytes()), "good.wav"), (io.BytesIO(b"garbage" * 10), "bad.m4a")]
    page = client.post("/calls/upload", data=_form(people["anna"].id, checklist, files)).get_data(as_text=True)
    assert "«bad.m4a»" in page and _calls(app) == 0


def test_a_manager_cannot_pick_a_colleague(app, client, auth, checklist, people):
    auth.login(people["anna"])
    files = [(io.BytesIO(wav_bytes()), "a.wav")]
    response = client.post("/calls/upload", data=_form(people["boris"].id, checklist, files))
    assert response.status_code == 200 and _calls(app) == 0
