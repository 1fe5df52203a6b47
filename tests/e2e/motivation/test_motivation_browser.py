"""In a real browser: a manager moves the what-if slider and sees the projected pay change; a supervisor's dashboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_manager_moves_the_what_if_slider_and_sees_the_projected_bonus(login, page):
    login("anna.petrova@strela.example")
    card = page.get_by_test_id("widget-pay")
    expect(card).to_be_visible()
    expect(card.get_by_test_id("widget-next-step").first).to_contain_text("до ступени")
    total = card.get_by_test_id("whatif-total")
    before = total.inner_text()
    card.locator("[data-whatif-kpi]").select_option(label="План продаж")
    delta = card.get_by_test_id("whatif-delta")
    card.get_by_test_id("whatif-range").fill("1200000")  # 100 % → band [100; 120) pays 1.0 instead of 0.8
    expect(delta).to_have_text(re.compile(r"^\+\d[\d\s]*₽$"))
    expect(total).not_to_have_text(before)
    up = _rubles(delta.inner_text())
    card.get_by_test_id("whatif-range").fill("1000000")  # 83.33 % → band [80; 90) pays 0.5 instead of 0.8
    expect(delta).to_have_text(re.compile(r"^−\d[\d\s]*₽$"))
    down = _rubles(delta.inner_text())
    # Other browser tests add calls, and a call-quality gate may scale the whole bonus; the step table does not
    # change: +0.2 and −0.3 of the KPI's share (+4 000 ₽ / −6 000 ₽ without a gate), so the ratio is fixed.
    assert up > 0 > down
    assert abs(up / -down - 2 / 3) < 0.01


def _rubles(text: str) -> float:
    sign = -1 if text.strip().startswith("−") else 1
    return sign * float(re.sub(r"[^\d,]", "", text).replace(",", "."))


def test_statement_numbers_open_their_evidence(login, page):
    login("anna.petrova@strela.example")
    page.get_by_test_id("main-nav").get_by_text("Моя премия").click()
    expect(page.get_by_test_id("statement-lines")).to_contain_text("ступень [90 %; 100 %)")
    page.locator("tr[data-line='sales']").get_by_test_id("evidence-link").click()
    expect(page.get_by_test_id("evidence")).to_contain_text("crm-sales-")
    page.get_by_test_id("evidence").get_by_role("link").first.click()
    expect(page.get_by_test_id("sales-row")).to_contain_text("1 080 000")


def test_supervisor_sees_team_leaderboards_and_the_approved_month(login, page, base_url):
    login("rop.vasiliev@strela.example")
    page.get_by_test_id("main-nav").get_by_text("KPI и мотивация").click()
    expect(page.get_by_test_id("team-statements")).to_contain_text("Анна Петрова")
    expect(page.get_by_test_id("leaderboards")).to_contain_text("План продаж")
    page.get_by_role("link", name=re.compile("Анна Петрова")).first.click()
    page.get_by_role("link", name=re.compile("Предыдущий месяц")).click()
    expect(page.get_by_test_id("statement-frozen").first).to_be_visible()


@pytest.fixture
def kirill_calls(live_app):
    """Two scored calls of the new hire this month: an average of 46.64 points, between two slider stops."""
    from datetime import date

    from app.accounts.services import find_user_by_email
    from tests import factories as f

    with live_app.app_context():
        kirill = find_user_by_email("kirill.novikov@strela.example")
        checklist = f.stub_checklist("e2e_new_hire_calls", "Звонки стажёра")
        for score in (46.28, 47.0):
            f.final_score_call(kirill.id, date.today(), score, checklist, "ООО Стажёр")


def test_new_hire_card_tells_what_a_linear_kpi_pays_and_opens_without_a_phantom_change(login, page, kirill_calls):
    login("kirill.novikov@strela.example")
    card = page.get_by_test_id("widget-pay")
    expect(card).to_be_visible()
    expect(card).not_to_contain_text("Все ступени пройдены")
    calls = card.get_by_test_id("widget-next-step").filter(has_text="Первые звонки")
    expect(calls).to_contain_text("66,62")  # 46.64 of a 70-point plan
    expect(calls).to_contain_text("каждый следующий процентный пункт")
    box = card.get_by_test_id("whatif")
    delta = card.get_by_test_id("whatif-delta")
    expect(box).to_have_attribute("data-state", "ready")
    expect(delta).to_have_text(re.compile(r"^\+0\s₽$"))
    card.locator("[data-whatif-kpi]").select_option(label="Первые звонки")
    expect(box).to_have_attribute("data-state", "ready")
    # the slider stands at a step (46.5), but the card shows the pay at the real fact: no change yet
    expect(delta).to_have_text(re.compile(r"^\+0\s₽$"))
    card.get_by_test_id("whatif-range").fill("60")
    expect(delta).to_have_text(re.compile(r"^\+\d[\d\s,]*₽$"))
    expect(delta).not_to_have_text(re.compile(r"^\+0\s₽$"))
