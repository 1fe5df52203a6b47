"""In the browser: filter the call list, open a call, mark a fragment for the library, find it in the library."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e
CLIENT = "ООО Е2Е Фильтр"


@pytest.fixture
def two_calls(live_app):
    """Two scored calls of Anna: one failed «next step», one fine; the first has a real 6-second recording."""
    from app.accounts.services import find_user_by_email
    from app.extensions import db
    from tests.factories import checklist_call, publish_cold_call, store_wav

    with live_app.app_context():
        version = publish_cold_call()
        anna = find_user_by_email("anna.petrova@strela.example")
        transcript = {
            "language": "ru",
            "duration": 6.0,
            "segments": [
                {"speaker": "manager", "start": 0.3, "end": 2.0, "text": "Добрый день, компания СтрелаЭкспресс."},
                {"speaker": "client", "start": 2.2, "end": 3.8, "text": "Слушаю вас."},
                {"speaker": "manager", "start": 4.0, "end": 5.8, "text": "Давайте я пришлю предложение на почту."},
            ],
        }
        rec = store_wav(live_app.config["STORAGE_DIR"], seconds=6.0)
        failing = checklist_call(
            anna, version, call_date=date.today(), client=CLIENT, score=42.0, rec=rec, duration=6.0,
            transcript=transcript, results={"close_next_step": "fail", "open_intro": "pass"},
        )  # fmt: skip
        fine = checklist_call(
            anna, version, call_date=date.today(), client="ООО Е2Е Другой", score=91.0,
            results={"close_next_step": "pass", "open_intro": "pass"},
        )  # fmt: skip
        db.session.commit()
        return failing.id, fine.id


def test_filter_open_mark_and_find_in_library(page, login, base_url, two_calls):
    failing_id, fine_id = two_calls
    login("rop.vasiliev@strela.example")
    page.goto(f"{base_url}/calls")
    page.select_option("[data-testid=filter-failed]", "close_next_step")
    page.fill("#f-client", "Е2Е")
    page.click("[data-testid=apply-filters]")
    page.wait_for_url(re.compile(r"failed=close_next_step"))
    rows = page.locator("[data-testid=call-row]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-call-id", str(failing_id))
    expect(rows.first).to_contain_text(CLIENT)

    rows.first.locator("[data-testid=call-link]").click()
    page.wait_for_url(f"{base_url}/calls/{failing_id}")
    box = page.locator("[data-testid=library-mark]")
    assert box.count() == 1, "the call page must include calls/library_mark.html (integrator: add the include)"
    form = page.locator("[data-testid=library-mark-form]")
    if not form.is_visible():
        page.click("[data-testid=library-mark-toggle]")
    page.click("label[for=lib-bad]")
    form.locator("input[name=title]").fill("Нет договорённости о следующем шаге")
    page.evaluate("() => { document.getElementById('call-audio').currentTime = 2.2; }")
    page.click("[data-library-time=lib-start]")
    expect(page.locator("#lib-start")).to_have_value("0:02")
    page.fill("#lib-end", "0:06")
    page.click("[data-library-tag=closing]")
    expect(form.locator("input[name=tags]")).to_have_value("closing")
    form.locator("textarea[name=note]").fill("Менеджер отдаёт инициативу: «пришлю на почту».")
    page.click("[data-testid=library-save]")
    page.wait_for_url(re.compile(rf"/calls/{failing_id}#library"))
    expect(page.locator("[data-testid=library-entry-on-call]")).to_contain_text("Нет договорённости")

    page.goto(f"{base_url}/calls/library")
    page.locator("[data-testid=library-tags] a", has_text="закрытие, следующий шаг").click()
    page.wait_for_url(re.compile(r"tag=closing"))
    card = page.locator("[data-testid=library-card]", has_text="Нет договорённости о следующем шаге")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Фрагмент 0:02–0:06")
    src = card.locator("[data-testid=library-audio]").get_attribute("src")
    audio = page.request.get(f"{base_url}{src}")
    assert audio.status == 200 and audio.headers["content-type"] == "audio/wav"
    assert len(audio.body()) > 44 + 4 * 16000 * 3  # about 4 s of 16 kHz stereo PCM
