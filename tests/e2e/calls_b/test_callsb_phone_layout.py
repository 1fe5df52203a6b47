"""The call list on a phone (390 × 844): the page never scrolls sideways; only the table scrolls inside its frame."""

from __future__ import annotations

from datetime import date

import pytest

from tests.e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def a_call(live_app):
    """One scored call of Anna, so the list shows its filters, the header buttons and the table."""
    from app.accounts.services import find_user_by_email
    from app.extensions import db
    from tests.factories import checklist_call, publish_cold_call

    with live_app.app_context():
        version = publish_cold_call()
        anna = find_user_by_email("anna.petrova@strela.example")
        call = checklist_call(anna, version, call_date=date.today(), client="ООО Узкий Экран", score=64.5)
        db.session.commit()
        return call.id


@pytest.mark.parametrize(
    "email", ["rop.vasiliev@strela.example", "admin@strela.example", "anna.petrova@strela.example"]
)
def test_call_list_has_no_horizontal_scroll_on_a_phone(browser, base_url, a_call, email):
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(f"{base_url}/login")
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit], input[type=submit]")
        page.wait_for_url(lambda url: "/login" not in url)
        page.goto(f"{base_url}/calls")
        assert page.locator("[data-testid=call-row]").count() >= 1
        sizes = page.evaluate(
            "() => ({scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth,"
            " wide: [...document.querySelectorAll('main *')].filter(e => !e.closest('.table-responsive'))"
            "   .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)"
            "   .map(e => e.tagName + '.' + e.className).slice(0, 5)})"
        )
        assert sizes["scroll"] <= sizes["inner"], f"the page scrolls sideways; too wide: {sizes['wide']}"
    finally:
        context.close()
