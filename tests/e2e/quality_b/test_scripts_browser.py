"""In a real browser: a manager reads the cold-call script and opens an objection branch; a trainer prints it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_a_manager_reads_the_script_and_opens_an_objection_branch(login, page, base_url):
    login("anna.petrova@strela.example")
    page.get_by_test_id("main-nav").get_by_text("Скрипты").click()
    page.get_by_test_id("script-link").first.click()
    expect(page.get_by_test_id("stage-nav")).to_be_visible()
    expect(page.get_by_test_id("script-stage")).to_have_count(5)

    page.get_by_test_id("stage-nav").get_by_text("Презентация").click()
    presentation = page.locator('[data-testid="script-stage"][data-stage="presentation"]')
    expect(presentation).to_be_in_viewport()
    answer = presentation.get_by_test_id("branch-answer").first
    expect(answer).to_be_hidden()
    presentation.get_by_test_id("branch-toggle").filter(has_text="«Дорого»").click()
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("Подскажите, дорого по сравнению с чем")
    expect(page.get_by_test_id("stage-nav").locator("a.active")).to_contain_text("Презентация")

    # Bootstrap animates the accordion open (and the stage link scrolls smoothly); wait until the
    # branch has finished opening so the click lands on the link and not on a moving target.
    opened = presentation.locator(".accordion-collapse.show")
    expect(opened).to_have_count(1)
    expect(opened).not_to_have_class(re.compile(r"\bcollapsing\b"))
    opened.get_by_role("link", name=re.compile("Всё о возражении в библиотеке")).click()
    expect(page).to_have_url(re.compile(r"/quality/objections/price_expensive$"))
    expect(page.get_by_test_id("approved-answer")).to_have_count(2)
    expect(page.get_by_test_id("used-in")).to_contain_text("Холодный звонок")


def test_the_print_view_shows_every_branch_expanded(login, page, base_url):
    login("trainer@strela.example")
    page.goto(f"{base_url}/quality/scripts/cold_call_strela")
    page.get_by_test_id("print-link").click()
    expect(page.get_by_test_id("script-print")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    branches = page.get_by_test_id("print-branch")
    assert branches.count() >= 12
    expect(branches.last.get_by_test_id("branch-answer")).to_be_visible()
