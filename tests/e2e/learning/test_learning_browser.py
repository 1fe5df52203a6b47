"""In a real browser: a new hire follows the onboarding program and reads a lesson; a trainer edits and restores."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_new_hire_sees_onboarding_opens_a_lesson_and_marks_it_read(login, page, base_url):
    login("kirill.novikov@strela.example")
    expect(page.get_by_test_id("widget-onboarding")).to_be_visible()
    page.get_by_test_id("main-nav").get_by_text("Адаптация").click()
    steps = page.get_by_test_id("onboarding-step")
    expect(steps.first).to_be_visible()
    assert steps.count() >= 12
    expect(page.get_by_test_id("onboarding-summary")).to_contain_text("Выполнено")
    expect(page.get_by_test_id("overdue").first).to_be_visible()  # the demo leaves a step late
    page.get_by_test_id("main-nav").get_by_text("Обучение").click()
    resume = page.get_by_test_id("resume")
    expect(resume).to_be_visible()
    resume.get_by_role("link", name="Продолжить").click()
    lesson_url = page.url
    expect(page.get_by_test_id("lesson-body")).not_to_be_empty()
    expect(page.get_by_test_id("lesson-completed")).to_have_count(0)
    page.get_by_role("button", name="Отметить как изученный").click()
    expect(page.get_by_text("Урок отмечен как изученный.")).to_be_visible()
    assert page.url != lesson_url  # moved on to the next lesson
    page.goto(lesson_url)
    expect(page.get_by_test_id("lesson-completed")).to_be_visible()


def test_trainer_edits_a_lesson_with_preview_saves_and_restores(login, page, base_url):
    login("trainer@strela.example")
    page.goto(f"{base_url}/learning/courses/value")
    page.get_by_test_id("lesson-row").first.get_by_role("link").first.click()
    lesson_url = page.url
    original = page.get_by_test_id("lesson-body").inner_text()
    page.get_by_test_id("edit-lesson").click()
    editor = page.locator("textarea[name=body]")
    editor.press("Control+End")
    editor.type("\n\n**Проверочный абзац тренера**")
    expect(page.get_by_test_id("preview").locator("strong", has_text="Проверочный абзац тренера")).to_be_visible()
    page.fill("input[name=note]", "проверка редактора")
    page.get_by_test_id("save-lesson").click()
    expect(page.get_by_text(re.compile(r"Сохранена версия \d+"))).to_be_visible()
    expect(page.get_by_test_id("lesson-body")).to_contain_text("Проверочный абзац тренера")
    page.get_by_role("link", name="История версий").click()
    versions = page.get_by_test_id("versions")
    expect(versions).to_contain_text("проверка редактора")
    page.once("dialog", lambda dialog: dialog.accept())
    versions.locator("tr").nth(2).get_by_role("button", name="Восстановить").click()
    expect(page.get_by_text(re.compile(r"Версия \d+ восстановлена как версия \d+"))).to_be_visible()
    page.goto(lesson_url)
    expect(page.get_by_test_id("lesson-body")).not_to_contain_text("Проверочный абзац тренера")
    assert page.get_by_test_id("lesson-body").inner_text() == original
