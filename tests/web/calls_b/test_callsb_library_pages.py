"""Library pages: mark from the call page, browse, listen to a fragment; strangers get the fragment only."""

from __future__ import annotations

import io
import wave
from datetime import date

import pytest

from tests.factories import checklist_call, store_wav


@pytest.fixture
def recorded_call(app, world, version):
    """A call of anna with a real 6-second stereo WAV behind it."""
    from app.extensions import db

    with app.app_context():
        rec = store_wav(app.config["STORAGE_DIR"], seconds=6.0)
        transcript = {
            "language": "ru",
            "duration": 6.0,
            "segments": [
                {"speaker": "manager", "start": 0.2, "end": 1.8, "text": "Добрый день, компания СтрелаЭкспресс."},
                {"speaker": "client", "start": 2.1, "end": 3.9, "text": "Слушаю вас внимательно."},
                {"speaker": "manager", "start": 4.2, "end": 5.8, "text": "Секретная часть вне фрагмента."},
            ],
        }
        call = checklist_call(
            world["anna"], version, call_date=date(2026, 3, 2), rec=rec, duration=6.0, transcript=transcript
        )
        db.session.commit()
        return call.id


def _mark(client, call_id, **fields):
    data = {"kind": "good", "title": "Чёткое приветствие", "start": "0:02", "end": "0:04", "tags": "opening"} | fields
    return client.post(f"/calls/{call_id}/library", data=data)


def test_supervisor_marks_and_everyone_browses(client, auth, world, recorded_call):
    auth.login(world["rop_a"])
    response = _mark(client, recorded_call)
    assert response.status_code == 302 and response.headers["Location"].endswith("#library")
    auth.logout()
    auth.login(world["newbie"])  # another team's new hire
    html = client.get("/calls/library").get_data(as_text=True)
    assert "Чёткое приветствие" in html and "установление контакта" in html  # skill tag shown by its name
    assert "Слушаю вас внимательно." in html and "Секретная часть" not in html
    assert "Анна Альфина" not in html and 'data-testid="library-open-call"' not in html
    assert "Чёткое приветствие" in client.get("/calls/library?tag=opening").get_data(as_text=True)
    assert "Чёткое приветствие" not in client.get("/calls/library?kind=bad").get_data(as_text=True)


def test_fragment_audio_is_cut_and_the_rest_stays_private(app, client, auth, world, recorded_call):
    auth.login(world["rop_a"])
    _mark(client, recorded_call)
    from app.calls.library_models import LibraryEntry
    from app.extensions import db

    with app.app_context():
        entry_id = db.session.scalar(db.select(LibraryEntry.id))
    auth.logout()
    auth.login(world["vera"])
    with client.get(f"/calls/library/{entry_id}/audio") as response:
        assert response.status_code == 200 and response.mimetype == "audio/wav"
        body = response.get_data()
    with wave.open(io.BytesIO(body)) as wav:
        assert wav.getnchannels() == 2 and abs(wav.getnframes() / wav.getframerate() - 2.0) < 0.01
    with client.get(f"/calls/library/{entry_id}/audio", headers={"Range": "bytes=0-99"}) as ranged:
        assert ranged.status_code == 206 and len(ranged.get_data()) == 100
    assert client.get(f"/calls/{recorded_call}/audio").status_code == 403
    assert client.get(f"/calls/{recorded_call}").status_code == 403


def test_manager_cannot_mark_and_errors_are_shown(client, auth, world, recorded_call):
    auth.login(world["anna"])
    response = _mark(client, recorded_call)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "руководитель менеджера" in page
    auth.logout()
    auth.login(world["rop_a"])
    bad = _mark(client, recorded_call, start="0:05", end="0:09")
    assert "за пределами записи" in client.get(bad.headers["Location"]).get_data(as_text=True)


def test_edit_and_delete(app, client, auth, world, recorded_call):
    auth.login(world["rop_a"])
    _mark(client, recorded_call)
    from app.calls.library_models import LibraryEntry
    from app.extensions import db

    with app.app_context():
        entry_id = db.session.scalar(db.select(LibraryEntry.id))
    form = client.get(f"/calls/library/{entry_id}/edit").get_data(as_text=True)
    assert 'value="0:02"' in form and 'value="opening"' in form
    response = client.post(
        f"/calls/library/{entry_id}/edit",
        data={"kind": "bad", "title": "Новое имя", "start": "", "end": "", "tags": "closing", "note": "Слушать!"},
    )
    assert response.status_code == 302
    assert "Новое имя" in client.get("/calls/library?kind=bad").get_data(as_text=True)
    auth.logout()
    auth.login(world["rop_b"])
    assert client.get(f"/calls/library/{entry_id}/edit").status_code == 403
    assert client.post(f"/calls/library/{entry_id}/delete").status_code == 403
    auth.logout()
    auth.login(world["rop_a"])
    assert client.post(f"/calls/library/{entry_id}/delete").status_code == 302
    assert "В библиотеке пока пусто" in client.get("/calls/library").get_data(as_text=True)


def test_call_page_partials_render(app, world, recorded_call):
    """The partials the call page includes: the library box for a curator, the scorecard history."""
    from flask import render_template_string
    from flask_login import login_user

    from app.accounts.models import User
    from app.calls.models import Call
    from app.extensions import db

    with app.test_request_context("/"):
        login_user(db.session.get(User, world["rop_a"].id))
        call = db.session.get(Call, recorded_call)
        html = render_template_string(
            "{% include 'calls/library_mark.html' %}{% include 'calls/rescore_history.html' %}", call=call
        )
        assert 'data-testid="library-mark-form"' in html and "scorecard-history" not in html  # one scorecard only
        login_user(db.session.get(User, world["vera"].id))
        assert render_template_string("{% include 'calls/library_mark.html' %}", call=call).strip() == ""


def test_whole_call_entry_plays_the_recording(app, client, auth, world, recorded_call):
    auth.login(world["rop_a"])
    _mark(client, recorded_call, start="", end="", title="Весь звонок")
    from app.calls.library_models import LibraryEntry
    from app.calls.models import Call
    from app.calls.storage import get_storage
    from app.extensions import db

    with app.app_context():
        entry_id = db.session.scalar(db.select(LibraryEntry.id))
        original = get_storage().path_for(db.session.get(Call, recorded_call).recording.storage_key).read_bytes()
    auth.logout()
    auth.login(world["newbie"])
    with client.get(f"/calls/library/{entry_id}/audio") as response:
        assert response.status_code == 200 and response.get_data() == original
