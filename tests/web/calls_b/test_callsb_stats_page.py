"""The stats page: numbers and charts render, scope permissions, empty state."""

from __future__ import annotations

from datetime import date, timedelta


def test_supervisor_sees_team_stats_with_charts(client, auth, world, calls):
    today = date.today()
    calls("anna", call_date=today, score=80)
    calls("boris", call_date=today - timedelta(weeks=1), score=40, results={"next_step": "fail"})
    calls("vera", call_date=today, score=99)
    auth.login(world["rop_a"])
    html = client.get("/calls/stats").get_data(as_text=True)
    assert 'data-testid="kpi-calls">2<' in html and 'data-testid="kpi-average">60<' in html
    assert html.count('data-testid="manager-row"') == 2 and "Вера" not in html
    assert "chart-line" in html and "chart-sparkline" in html
    assert 'data-item="next_step"' in html and "failed=next_step" in html


def test_scope_of_another_team_is_forbidden(client, auth, world, calls):
    auth.login(world["rop_a"])
    assert client.get(f"/calls/stats?team={world['team_b'].id}").status_code == 403
    assert client.get(f"/calls/stats?manager={world['vera'].id}").status_code == 403
    assert client.get(f"/calls/stats?team={world['team_a'].id}").status_code == 200


def test_manager_sees_own_stats_only(client, auth, world, calls):
    calls("anna", call_date=date.today(), score=70)
    calls("boris", call_date=date.today(), score=10)
    auth.login(world["anna"])
    html = client.get("/calls/stats").get_data(as_text=True)
    assert 'data-testid="kpi-average">70<' in html and "Борис" not in html
    assert client.get(f"/calls/stats?manager={world['boris'].id}").status_code == 403


def test_empty_period_explains_what_to_do(client, auth, world, version):
    auth.login(world["admin"])
    html = client.get("/calls/stats?weeks=4").get_data(as_text=True)
    assert "оценённых звонков нет" in html
