"""Scores on the call pages are written for the reader's locale: «34,3» in Russian, «34.3» in English."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

DAY = date(2026, 3, 2)
NBSP = "\u00a0"


def _badges(html: str) -> list[str]:
    return re.findall(r'data-testid="final-score">([^<]+)<', html)


def test_call_list_score_badges_follow_the_locale(client, auth, world, calls):
    calls("anna", call_date=DAY, score=34.3)
    auth.login(world["rop_a"])
    assert _badges(client.get("/calls").get_data(as_text=True)) == ["34,3"]
    client.get("/lang/en")
    assert _badges(client.get("/calls").get_data(as_text=True)) == ["34.3"]


def test_call_page_scorecard_and_stats_follow_the_locale(client, auth, world, calls):
    call_id = calls("anna", call_date=date.today(), score=34.3)
    calls("anna", call_date=date.today(), score=50.1)
    auth.login(world["rop_a"])

    def average() -> str:
        return re.search(r'data-testid="kpi-average">([^<]+)<', client.get("/calls/stats").get_data(as_text=True))[1]

    page = client.get(f"/calls/{call_id}").get_data(as_text=True)
    assert _badges(page) == ["34,3"] and average() == "42,2"
    client.get("/lang/en")
    page = client.get(f"/calls/{call_id}").get_data(as_text=True)
    assert _badges(page) == ["34.3"] and average() == "42.2"


def test_audit_trail_shows_scores_in_the_locale(app):
    """The trail keeps a score as text («72.5»); the call page shows it in the reader's locale."""
    from app.calls.page import trail_rows

    entry = SimpleNamespace(
        object_type="call",
        object_id=1,
        field="final_score",
        before="34.3",
        after="72.5",
        actor=None,
        at=None,
        note=None,
    )
    for lang, expected in (("ru", ("34,3", "72,5")), ("en", ("34.3", "72.5"))):
        with app.test_request_context(f"/?lang={lang}"):
            [row] = trail_rows([entry], [])
            assert (row.before, row.after) == expected, lang
