"""The call page in Chromium: transcript lines and quotes seek the player, the current line is highlighted,
a supervisor overrides a verdict and comments at the player position."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

SUPERVISOR = "rop.vasiliev@strela.example"  # leads «Корпоративные клиенты», Anna's team


def _open_scored(page, base_url, call_id: int) -> None:
    page.goto(f"{base_url}/calls/{call_id}")
    page.wait_for_selector("[data-testid=transcript-line]", timeout=60_000)  # the page reloads itself when done
    page.wait_for_function("document.getElementById('call-audio').readyState >= 1")


def test_clicking_a_line_seeks_and_highlights_it_and_quotes_seek_too(login, page, base_url, sidecar_call):
    login(SUPERVISOR)
    _open_scored(page, base_url, sidecar_call)
    lines = page.get_by_test_id("transcript-line")
    target = lines.nth(6)
    start = float(target.get_attribute("data-start"))
    assert start > 5
    target.click()
    page.wait_for_function(f"Math.abs(document.getElementById('call-audio').currentTime - {start}) < 0.6")
    assert "active" in target.get_attribute("class")
    assert page.locator(".transcript-line.active").count() == 1
    page.evaluate("document.getElementById('call-audio').pause()")

    quote = page.get_by_test_id("evidence-link").first
    seek_to = float(quote.get_attribute("data-seek"))
    quote.click()
    page.wait_for_function(f"Math.abs(document.getElementById('call-audio').currentTime - {seek_to}) < 0.6")
    page.evaluate("document.getElementById('call-audio').pause()")

    page.get_by_role("button", name="Комментарий здесь").click()
    assert float(page.locator("#comment-at").input_value()) == pytest.approx(seek_to, abs=0.6)
    page.get_by_test_id("comment-form").locator("textarea").fill("Здесь хорошо перехватил инициативу")
    page.get_by_test_id("comment-form").get_by_role("button", name="Добавить").click()
    comment = page.get_by_test_id("comment").filter(has_text="перехватил инициативу")
    assert comment.is_visible()


def test_override_with_reason_changes_the_score_and_shows_the_audit_entry(login, page, base_url, sidecar_call):
    login(SUPERVISOR)
    _open_scored(page, base_url, sidecar_call)
    before = page.get_by_test_id("final-score").inner_text()
    item = page.get_by_test_id("scorecard-item").filter(has=page.locator(".badge.text-bg-success")).first
    title = item.locator(".fw-semibold").first.inner_text()
    item.locator("summary").click()
    form = item.get_by_test_id("override-form")
    form.locator("select[name=result]").select_option("fail")
    form.locator("textarea[name=reason]").fill("Не назвал компанию, только имя")
    form.get_by_role("button", name="Сохранить").click()
    page.wait_for_load_state()
    assert page.get_by_text("Вердикт сохранён").is_visible()
    assert page.get_by_test_id("final-score").inner_text() != before
    entry = page.get_by_test_id("audit-entry").filter(has_text=title)
    assert "выполнено → не выполнено" in " ".join(entry.inner_text().split())
    assert page.get_by_test_id("audit-entry").filter(has_text="Итоговый балл").is_visible()
    assert page.get_by_test_id("human-verdict").filter(has_text="Не назвал компанию").is_visible()


def test_a_manager_cannot_open_a_colleagues_call_or_its_recording(login, page, base_url, sidecar_call):
    login("dmitry.sokolov@strela.example")  # Anna's teammate, not her supervisor
    assert page.goto(f"{base_url}/calls/{sidecar_call}").status == 403
    assert page.goto(f"{base_url}/calls/{sidecar_call}/audio").status == 403
