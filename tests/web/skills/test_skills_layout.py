"""Skills pages on small screens and the messages of refused sheet forms."""

from __future__ import annotations

import re


def test_my_skills_table_sits_in_a_scrolling_wrapper(client, auth, team, framework):
    auth.login(team["anna"])
    html = client.get("/skills").get_data(as_text=True)
    wrapper = re.search(r'<div class="([^"]*)">\s*<table[^>]*data-testid="skills-table"', html)
    assert wrapper is not None and "table-responsive" in wrapper.group(1).split()


def test_a_refused_sheet_form_names_the_field_in_its_message(client, auth, team, framework):
    from tests.web.skills.test_sheet_pages import draft

    auth.login(team["supervisor"])
    sheet_url = draft(client, team["anna"].id).headers["Location"]
    sheet_id = sheet_url.rstrip("/").split("/")[-1]
    page = client.post(f"/skills/sheets/{sheet_id}/actions", data={"kind": "course", "title": "", "status": "planned"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Что сделать: Обязательное поле." in page
