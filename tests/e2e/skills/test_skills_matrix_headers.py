"""The team matrix's skill names fit their header cells on a desktop (1280) and a tablet (768): no name spills out
of its column or over a neighbour, and on a desktop all nine skills are in view without scrolling the table."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

MEASURE = """() => [...document.querySelectorAll('[data-testid=skills-matrix] thead th')].map(th => {
  const name = th.querySelector('.skill-name') || th;
  const box = th.getBoundingClientRect(), text = name.getBoundingClientRect();
  return {text: th.innerText.replace(/\\s+/g, ' '), scrollWidth: th.scrollWidth, clientWidth: th.clientWidth,
          nameScroll: [name.scrollWidth, name.scrollHeight], nameClient: [name.clientWidth, name.clientHeight],
          inside: text.left >= box.left - 1 && text.right <= box.right + 1 && text.top >= box.top - 1
                  && text.bottom <= box.bottom + 1};
})"""


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (768, 1024)])
def test_skill_headers_do_not_overflow_their_cells(browser, base_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(f"{base_url}/login")
        page.fill("input[name=email]", "rop.vasiliev@strela.example")
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit], input[type=submit]")
        page.wait_for_url(lambda url: "/login" not in url)
        page.goto(f"{base_url}/skills/team")
        headers = page.evaluate(MEASURE)
        assert len(headers) >= 11  # «Сотрудник», nine skills, «Среднее»
        for header in headers:
            assert header["scrollWidth"] <= header["clientWidth"] + 1, header
            assert header["nameScroll"][0] <= header["nameClient"][0] + 1, header
            assert header["nameScroll"][1] <= header["nameClient"][1] + 1, header
            assert header["inside"], header
        if width >= 1200:
            frame = page.evaluate("() => { const f = document.querySelector('.table-responsive');"
                                  " return [f.scrollWidth, f.clientWidth]; }")
            assert frame[0] <= frame[1] + 1, f"the matrix scrolls sideways on a desktop: {frame}"
    finally:
        context.close()
