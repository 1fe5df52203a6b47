"""Statistics on a known data set: totals, per manager and team, item pass rates, calibration, scope rules."""

from __future__ import annotations

from datetime import date, timedelta

from app.accounts.models import User
from app.calls.stats import StatsScope, may_see_scope, overview, week_start
from app.extensions import db
from tests.factories import checklist_call

TODAY = date(2026, 3, 11)
THIS_WEEK = week_start(TODAY)
LAST_WEEK = THIS_WEEK - timedelta(weeks=1)


def _user(world, key) -> User:
    return db.session.get(User, world[key].id)


def seed(world, version):
    anna, boris, vera = world["anna"], world["boris"], world["vera"]
    # anna: 60 then 80 (+ one 100 outside the 8-week window), boris: 40 with a failed critical item; vera: 90
    checklist_call(anna, version, call_date=LAST_WEEK, score=60, results={"next_step": "fail"})
    checklist_call(anna, version, call_date=THIS_WEEK, score=80, results={"farewell": "na"}, reviewed=True)
    checklist_call(anna, version, call_date=TODAY - timedelta(weeks=20), score=100)
    checklist_call(
        boris,
        version,
        call_date=THIS_WEEK,
        score=40,
        results={"greet": "fail", "next_step": "fail"},
        human={"next_step": "pass"},
    )
    checklist_call(vera, version, call_date=LAST_WEEK, score=90)
    checklist_call(anna, version, call_date=THIS_WEEK, status="failed")  # not scored: never counted
    db.session.commit()


def test_admin_overview_numbers(ctx, world, version):
    seed(world, version)
    data = overview(_user(world, "admin"), StatsScope(weeks=8), TODAY)
    assert data.total.calls == 4 and data.total.average == 67.5  # (60 + 80 + 40 + 90) / 4
    assert data.total.trend[-2:] == [75.0, 60.0] and data.total.counts[-2:] == [2, 2]
    assert data.total.critical_share == 0.25 and data.total.reviewed == 1
    managers = {m.name: (m.calls, m.average) for m in data.managers}
    assert managers == {"Анна Альфина": (2, 70.0), "Борис Альфин": (1, 40.0), "Вера Бетова": (1, 90.0)}
    assert [m.name for m in data.managers][0] == "Борис Альфин"  # weakest first
    teams = {t.name: (t.calls, t.average) for t in data.teams}
    assert teams == {"Альфа": (3, 60.0), "Бета": (1, 90.0)}


def test_item_pass_rates_use_human_verdicts(ctx, world, version):
    seed(world, version)
    data = overview(_user(world, "admin"), StatsScope(weeks=8), TODAY)
    rates = {r.item_id: (r.rate, r.applicable) for r in data.items}
    # greet: boris failed -> 3/4; next_step: anna failed once, boris's fail overridden to pass -> 3/4;
    # farewell: na once -> 3/3
    assert rates == {"greet": (0.75, 4), "next_step": (0.75, 4), "farewell": (1.0, 3)}
    assert data.items[-1].item_id == "farewell"


def test_calibration_counts_reviewed_calls_and_overrides(ctx, world, version):
    seed(world, version)
    data = overview(_user(world, "admin"), StatsScope(weeks=8), TODAY)
    agreement = {a.item_id: (a.reviewed, a.agreement, a.auto_fail_human_pass) for a in data.agreement}
    # anna's reviewed call confirms all 3 items; boris's override makes next_step reviewed and changed
    assert agreement == {"greet": (1, 1.0, 0), "farewell": (1, 1.0, 0), "next_step": (2, 0.5, 1)}
    assert data.agreement[0].item_id == "next_step"


def test_supervisor_and_manager_scopes(ctx, world, version):
    seed(world, version)
    rop = overview(_user(world, "rop_a"), StatsScope(weeks=8), TODAY)
    assert rop.total.calls == 3 and {m.name for m in rop.managers} == {"Анна Альфина", "Борис Альфин"}
    anna = overview(_user(world, "anna"), StatsScope(weeks=8), TODAY)
    assert anna.total.calls == 2 and [m.name for m in anna.managers] == ["Анна Альфина"]
    longer = overview(_user(world, "anna"), StatsScope(weeks=26), TODAY)
    assert longer.total.calls == 3
    one = overview(_user(world, "admin"), StatsScope(weeks=8, team=world["team_b"].id), TODAY)
    assert one.total.calls == 1 and one.total.average == 90.0


def test_who_may_ask_for_which_scope(ctx, world, version):
    rop_a, anna = _user(world, "rop_a"), _user(world, "anna")
    assert may_see_scope(rop_a, StatsScope(team=world["team_a"].id))
    assert not may_see_scope(rop_a, StatsScope(team=world["team_b"].id))
    assert may_see_scope(rop_a, StatsScope(manager=world["boris"].id))
    assert not may_see_scope(rop_a, StatsScope(manager=world["vera"].id))
    assert not may_see_scope(anna, StatsScope(manager=world["boris"].id))
    assert may_see_scope(_user(world, "trainer"), StatsScope(team=world["team_b"].id))
