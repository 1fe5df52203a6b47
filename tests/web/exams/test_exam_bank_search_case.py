"""The question bank search ignores case in Cyrillic."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("term", ["ДНЕЙ", "Дней", "дНеЙ"])
def test_bank_search_ignores_case(client, auth, make_user, exam_id, term):
    auth.login(make_user(role="trainer"))
    html = client.get("/exams/bank", query_string={"q": term}).get_data(as_text=True)
    assert "b-3 · sales/basics" in html and "b-1 · sales/basics" not in html
