"""The objection library's search ignores case in Cyrillic."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("term", ["СВОЙ КУРЬЕР", "Свой Курьер", "сВоЙ кУрЬеР"])
def test_objection_search_ignores_case(client, auth, library, people, term):
    auth.login(people["manager"])
    found = client.get("/quality/objections", query_string={"q": term}).get_data(as_text=True)
    assert "«Возим своими силами»" in found and found.count('data-testid="objection-card"') == 1
