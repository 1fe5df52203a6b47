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
    card.get_by_test_id("whatif-range").fill("1200000")
    expect(card.get_by_test_id("whatif-delta")).to_have_text(re.compile(r"^\+4\s000\s₽$"))
    expect(total).not_to_have_text(before)
    card.get_by_test_id("whatif-range").fill("1000000")  # 83.33 % → band [80; 90) pays 0.5 instead of 0.8
    expect(card.get_by_test_id("whatif-delta")).to_have_text(re.compile(r"^−6\s000\s₽$"))


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
