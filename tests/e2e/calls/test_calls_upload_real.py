"""Upload a stereo recording through the form, watch it progress with the real model, then review it.

The one browser test that runs Whisper (marked ``asr``): the in-process worker of the live server
transcribes and scores the call while the page polls its status.
"""

from __future__ import annotations

import re

import pytest

from tests.factories import shortest_stereo_fixture, speech_pipeline_missing

pytestmark = [pytest.mark.e2e, pytest.mark.asr]


def test_supervisor_uploads_a_stereo_call_and_reviews_it(login, page, base_url, calls_checklist):
    reason = speech_pipeline_missing()
    if reason:
        pytest.skip(reason)
    login("rop.vasiliev@strela.example")
    page.goto(f"{base_url}/calls/upload")
    form = page.get_by_test_id("upload-form")
    form.locator("input[name=recordings]").set_input_files(str(shortest_stereo_fixture()))
    form.locator("select[name=manager_id]").select_option(label="Анна Петрова")
    form.locator("input[name=client_company]").fill("ООО Тест")
    form.get_by_role("button", name="Загрузить и оценить").click()
    page.wait_for_url(re.compile(r"/calls/\d+$"))
    page.wait_for_selector("[data-testid=scorecard]", timeout=300_000)  # the page reloads itself when scored
    assert page.get_by_test_id("call-status").inner_text() == "оценён"
    lines = page.get_by_test_id("transcript-line")
    assert lines.count() >= 2
    assert {"Менеджер", "Клиент"} & {t.strip().capitalize() for t in page.locator(".line-speaker").all_inner_texts()}
    target = lines.nth(1)
    start = float(target.get_attribute("data-start"))
    target.click()
    page.wait_for_function(f"Math.abs(document.getElementById('call-audio').currentTime - {start}) < 0.6")
    assert "active" in target.get_attribute("class")
    page.evaluate("document.getElementById('call-audio').pause()")

    before = page.get_by_test_id("final-score").inner_text()
    item = page.get_by_test_id("scorecard-item").first
    current = item.get_by_test_id("item-result").inner_text().strip()
    item.locator("summary").click()
    form = item.get_by_test_id("override-form")
    form.locator("select[name=result]").select_option("fail" if current == "выполнено" else "pass")
    form.locator("textarea[name=reason]").fill("Проверено по записи")
    form.get_by_role("button", name="Сохранить").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("final-score").inner_text() != before
    assert page.get_by_test_id("audit-entry").filter(has_text="Итоговый балл").is_visible()
