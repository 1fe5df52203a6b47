"""The call list's client search ignores case in Cyrillic too (SQLite's own lower() folds only ASCII)."""

from __future__ import annotations

import re
from datetime import date

import pytest

DAY = date(2026, 3, 2)


def _row_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'data-testid="call-row" data-call-id="(\d+)"', html)]


@pytest.fixture
def two_clients(calls):
    return calls("anna", call_date=DAY, client="ООО «Книжный Мир»"), calls("anna", call_date=DAY, client="TechnoMarket")


@pytest.mark.parametrize("term", ["книжный", "КНИЖНЫЙ МИР", "кНиЖнЫй", "мир»", "ооо"])
def test_client_search_is_case_insensitive_in_cyrillic(client, auth, world, two_clients, term):
    books, _techno = two_clients
    auth.login(world["rop_a"])
    assert _row_ids(client.get("/calls", query_string={"client": term}).get_data(as_text=True)) == [books]


def test_latin_still_works_and_wildcards_are_literal(client, auth, world, two_clients):
    _books, techno = two_clients
    auth.login(world["rop_a"])
    assert _row_ids(client.get("/calls?client=technomarket").get_data(as_text=True)) == [techno]
    assert _row_ids(client.get("/calls?client=%25").get_data(as_text=True)) == []  # «%» is a character, not «any»
    assert _row_ids(client.get("/calls?client=_").get_data(as_text=True)) == []
