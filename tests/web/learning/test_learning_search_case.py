"""Lesson search ignores case in Cyrillic."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("term", ["ВОЗРАЖЕНИЯ", "Возражения", "вОзРаЖеНиЯ"])
def test_lesson_search_ignores_case(client, auth, world, term):
    auth.login(world["manager"])
    page = client.get("/learning/search", query_string={"q": term}).get_data(as_text=True)
    assert "<mark>возражение</mark>" in page and "/learning/courses/alpha/method" in page
