"""In a real browser: a supervisor finds the team's weak spot and its evidence; a manager acknowledges a sheet."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_supervisor_opens_the_matrix_clicks_a_weak_cell_and_sees_the_evidence(login, page, base_url):
    login("rop.vasiliev@strela.example")
    page.get_by_test_id("main-nav").get_by_text("Навыки команды").click()
    matrix = page.get_by_test_id("skills-matrix")
    expect(matrix).to_be_visible()
    expect(matrix.get_by_text("Дмитрий Соколов")).to_be_visible()
    weak = matrix.locator('[data-weakest="1"]')
    assert weak.count() >= 1
    cell = matrix.locator('tr:has-text("Дмитрий Соколов") td[data-skill="objection_handling"]')
    expect(cell).to_have_attribute("data-weakest", "1")
    cell.get_by_test_id("cell-level").click()
    expect(page.get_by_role("heading", name="Работа с возражениями")).to_be_visible()
    rows = page.get_by_test_id("evidence-row")
    expect(rows.first).to_be_visible()
    expect(page.get_by_test_id("evidence-table")).to_contain_text("ООО «ВекторСнаб»")
    expect(page.get_by_test_id("evidence-table")).to_contain_text("Спорил с клиентом")
    expect(page.get_by_test_id("level-history").locator("svg")).to_be_visible()
    page.get_by_test_id("evidence-link").first.click()
    expect(page.get_by_test_id("call-header")).to_be_visible()


def test_manager_acknowledges_the_development_sheet(login, page, base_url):
    login("dmitry.sokolov@strela.example")
    widget = page.get_by_test_id("widget-skills")
    expect(widget).to_contain_text("ждёт вашего ознакомления")
    widget.get_by_role("link", name="Открыть").click()
    expect(page.get_by_test_id("sheet-skills")).to_be_visible()
    expect(page.get_by_test_id("sheet-action").first).to_be_visible()
    page.get_by_test_id("ack-prompt").get_by_role("button", name="Ознакомлен(а)").click()
    expect(page.get_by_text("Ознакомление с листом отмечено")).to_be_visible()
    expect(page.get_by_test_id("acknowledged")).to_contain_text("Сотрудник ознакомлен")
    expect(page.get_by_test_id("ack-prompt")).to_have_count(0)
