"""In a real browser: a new hire takes the SPIN exam (autosave, timer, submit) and sees per-skill sub-scores."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def answer(page: Page, question) -> None:
    """Give some answer to a question, whatever its type."""
    kind = question.get_attribute("data-qtype")
    if kind in ("single", "truefalse") and question.locator("input[type=radio]").count():
        question.locator("input[type=radio]").first.check()
    elif kind == "multiple":
        question.locator("input[type=checkbox]").first.check()
    elif question.locator("select").count():
        for select in question.locator("select").all():
            select.select_option(index=1)
    elif question.locator("textarea").count():
        question.locator("textarea").fill("Что происходит с заказами, когда линия стоит?")
    else:
        question.locator("input[type=text]").fill("60" if kind == "numerical" else "извлекающий")


def test_new_hire_takes_the_spin_exam_and_sees_skill_sub_scores(login, page, base_url):
    login("kirill.novikov@strela.example")
    page.get_by_test_id("main-nav").get_by_text("Экзамены").click()
    page.get_by_role("link", name="Экзамен: СПИН").click()
    page.get_by_test_id("start-attempt").click()
    expect(page.get_by_test_id("exam-timer")).to_contain_text(re.compile(r"(19|20):\d\d"))
    questions = page.get_by_test_id("exam-question")
    expect(questions).to_have_count(15)

    first = questions.first
    answer(page, first)
    expect(page.get_by_test_id("save-status")).to_contain_text("Сохранено")
    page.reload()  # the autosaved answer is on the server
    first = page.get_by_test_id("exam-question").first
    kind = first.get_attribute("data-qtype")
    if kind in ("single", "truefalse", "multiple") and first.locator("input:checked").count() == 0:
        expect(first.locator("select").first).not_to_have_value("")
    elif kind in ("single", "truefalse", "multiple"):
        expect(first.locator("input:checked")).to_have_count(1)

    for question in page.get_by_test_id("exam-question").all()[1:]:
        answer(page, question)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("submit-attempt").click()
    page.wait_for_url(re.compile(r"/exams/attempts/\d+/result$"))
    expect(page.get_by_test_id("result-total")).to_contain_text("%")
    skill = page.get_by_test_id("subscore").filter(has_text="Выявление потребностей")
    expect(skill).to_be_visible()
    expect(skill).to_contain_text(re.compile(r"\d+\s?%"))
    expect(page.get_by_test_id("review-question")).to_have_count(15)
