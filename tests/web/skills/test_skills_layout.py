"""Wide skills tables scroll inside their card on a phone instead of widening the page."""

from __future__ import annotations

import re


def test_my_skills_table_sits_in_a_scrolling_wrapper(client, auth, team, framework):
    auth.login(team["anna"])
    html = client.get("/skills").get_data(as_text=True)
    wrapper = re.search(r'<div class="([^"]*)">\s*<table[^>]*data-testid="skills-table"', html)
    assert wrapper is not None and "table-responsive" in wrapper.group(1).split()
