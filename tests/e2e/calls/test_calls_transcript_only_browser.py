"""A call sent as a ready transcript in Chromium: no player, the note says why, a quote leads to its line."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

SUPERVISOR = "rop.vasiliev@strela.example"  # leads «Корпоративные клиенты», Anna's team


@pytest.fixture
def transcript_only_call(live_app, calls_checklist, short_transcript):
    """Anna's call without a recording, scored by the live worker; returns the id."""
    from datetime import date

    from app.accounts.services import find_user_by_email
    from app.calls import intake, transcript_intake
    from app.calls.jobs import enqueue_processing
    from app.extensions import db

    with live_app.app_context():
        anna = find_user_by_email("anna.petrova@strela.example")
        data = intake.CallData(
            manager_id=anna.id,
            checklist_id=calls_checklist,
            call_date=date.today(),
            client_company="ООО Только Текст",
            transcript=short_transcript,
        )
        call = transcript_intake.intake_transcript_call(data, None)
        db.session.commit()
        enqueue_processing([call.id])
        return call.id


def test_a_transcript_only_call_has_no_player_and_quotes_lead_to_their_line(
    login, page, base_url, transcript_only_call
):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    login(SUPERVISOR)
    page.goto(f"{base_url}/calls/{transcript_only_call}")
    page.wait_for_selector("[data-testid=evidence-link]", timeout=60_000)  # the page reloads itself when scored
    assert page.locator("audio").count() == 0
    assert page.get_by_test_id("no-recording").is_visible()
    assert "записи нет" in page.get_by_test_id("no-recording").inner_text()
    line = page.get_by_test_id("transcript-line").nth(3)
    line.click()  # nothing to seek: no error, nothing breaks
    assert line.locator(".line-time").inner_text().count(":") == 1

    quote = page.get_by_test_id("evidence-link").first
    segment = quote.get_attribute("data-segment")
    quote.click()
    page.wait_for_function(f"location.hash === '#seg-{segment}'")
    assert page.evaluate("document.querySelector(':target').id") == f"seg-{segment}"
    assert page.get_by_role("button", name="Комментарий здесь").count() == 0
    assert errors == []
