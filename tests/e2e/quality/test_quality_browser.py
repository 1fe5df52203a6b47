"""In the browser: a trainer adds a phrase to an item in a draft, tries it on a call, sees the verdict flip with
its quote, publishes; the YAML view flags an error as it is typed; a supervisor labels with the keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def e2e_call(live_app):
    """The mini checklist published as ``mini_e2e`` and a call of Anna scored with it."""
    from app.accounts.services import find_user_by_email
    from app.extensions import db
    from app.quality.checklists import get_checklist, publish_yaml
    from tests.factories import MINI_YAML, engine_call

    with live_app.app_context():
        if get_checklist("mini_e2e") is None:
            version = publish_yaml(MINI_YAML.replace("id: mini\n", "id: mini_e2e\n"), "mini_e2e.yaml")
            db.session.flush()
            call = engine_call(find_user_by_email("anna.petrova@strela.example").id, version)
            db.session.commit()
            return call.id
        return get_checklist("mini_e2e").published.id


def test_trainer_adds_a_phrase_tries_it_and_publishes(page, login, base_url, e2e_call):
    login("trainer@strela.example")
    page.goto(f"{base_url}/quality/checklists/mini_e2e")
    page.get_by_test_id("new-draft").click()
    page.get_by_test_id("item-next_step").get_by_role("link", name="Договорился о встрече").click()
    phrases = page.locator("textarea[name='detectors-0-phrases']")
    expect(phrases).to_have_value("встреча")
    phrases.fill("встреча\nсозвонимся")
    page.get_by_test_id("save-item").click()
    expect(page.get_by_test_id("item-next_step")).to_contain_text("созвонимся")

    page.get_by_test_id("try-it").click()
    page.select_option("select[name=call_id]", str(e2e_call))
    page.get_by_test_id("try-submit").click()
    row = page.get_by_test_id("try-row-next_step")
    expect(row).to_have_attribute("data-changed", "yes")
    expect(row.get_by_test_id("draft-verdict")).to_contain_text("выполнено")
    expect(row.get_by_test_id("draft-verdict")).to_contain_text("созвонимся в четверг")
    expect(page.get_by_test_id("try-row-greet")).to_have_attribute("data-changed", "no")

    page.get_by_role("link", name="К черновику").click()
    page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("published-note")).to_contain_text("Версия 2")
    expect(page.get_by_test_id("versions")).to_contain_text("действует")


def test_yaml_view_flags_an_error_while_typing(page, login, base_url, e2e_call):
    login("trainer@strela.example")
    page.goto(f"{base_url}/quality/checklists/mini_e2e")
    page.get_by_test_id("new-draft").click()
    draft_url = page.url
    page.get_by_test_id("yaml-view").click()
    area = page.get_by_test_id("yaml-text")
    text = area.input_value()
    area.fill(text.replace("weight: 3", "weight: -3"))
    expect(page.get_by_test_id("yaml-status")).to_have_class(re.compile("text-bg-danger"))
    expect(page.get_by_test_id("yaml-errors")).to_contain_text("next_step")
    expect(page.get_by_test_id("yaml-errors")).to_contain_text("weight")
    area.fill(text)
    expect(page.get_by_test_id("yaml-status")).to_have_class(re.compile("text-bg-success"))
    page.goto(draft_url)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Удалить черновик").click()
    expect(page.get_by_test_id("new-draft")).to_be_visible()  # the draft is gone, a new one can start


def test_supervisor_labels_with_the_keyboard(page, login, base_url, e2e_call):
    login("rop.vasiliev@strela.example")
    page.goto(f"{base_url}/quality/labelling/spin")
    candidate = page.get_by_test_id("candidate")
    expect(candidate).to_be_visible(timeout=30_000)  # the queue fills in the background on the first visit
    before = int(page.get_by_test_id("example-count").inner_text())
    page.keyboard.press("1")
    expect(page.get_by_test_id("example-count")).to_have_text(str(before + 1))
