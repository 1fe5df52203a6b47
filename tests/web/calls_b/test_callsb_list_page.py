"""The call list page: filters in the URL, badges, sorting links, pagination, empty states, permissions."""

from __future__ import annotations

import re
from datetime import date, timedelta

DAY = date(2026, 3, 2)


def _row_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'data-testid="call-row" data-call-id="(\d+)"', html)]


def test_manager_sees_only_own_calls(client, auth, world, calls):
    own = calls("anna", call_date=DAY)
    calls("boris", call_date=DAY)
    auth.login(world["anna"])
    html = client.get("/calls").get_data(as_text=True)
    assert _row_ids(html) == [own]
    assert 'id="f-team"' not in html  # nothing to choose between for a manager


def test_filters_are_kept_in_the_url_and_applied(client, auth, world, calls):
    failing = calls("anna", call_date=DAY, results={"next_step": "fail"}, score=45)
    calls("boris", call_date=DAY, score=90)
    auth.login(world["rop_a"])
    response = client.get("/calls?failed=next_step&score_max=50&sort=-score")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and _row_ids(html) == [failing]
    assert '<option value="next_step" selected>' in html
    # sort links keep the filters
    link = re.search(r'href="([^"]+)"\s+data-testid="sort-date"', html).group(1)
    assert "failed=next_step" in link and "score_max=50" in link


def test_row_shows_score_critical_failure_and_status(client, auth, world, calls):
    calls("anna", call_date=DAY, results={"greet": "fail"}, score=30)
    calls("anna", call_date=DAY, status="transcribing")
    auth.login(world["rop_a"])
    html = client.get("/calls").get_data(as_text=True)
    assert "Поздоровался" in html and "score-bad" in html
    assert 'data-role="bar"' in html and "/status" in html  # progress of the unfinished call, polled


def test_pagination_links(client, auth, world, calls):
    for i in range(27):
        calls("anna", call_date=DAY - timedelta(days=i))
    auth.login(world["admin"])
    first = client.get("/calls").get_data(as_text=True)
    assert len(_row_ids(first)) == 25 and 'data-testid="pagination"' in first
    second = client.get("/calls?page=2").get_data(as_text=True)
    assert len(_row_ids(second)) == 2


def test_empty_states_say_what_to_do(client, auth, world, version):
    auth.login(world["anna"])
    assert "Загрузить первый звонок" in client.get("/calls").get_data(as_text=True)
    html = client.get("/calls?score_min=99").get_data(as_text=True)
    assert "Сбросить фильтры" in html


def test_bad_filter_values_are_reported_not_fatal(client, auth, world, calls):
    calls("anna", call_date=DAY)
    auth.login(world["anna"])
    response = client.get("/calls?date_from=yesterday&page=-3")
    assert response.status_code == 200 and "не распознана" in response.get_data(as_text=True)


def test_list_requires_login(client):
    response = client.get("/calls")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
