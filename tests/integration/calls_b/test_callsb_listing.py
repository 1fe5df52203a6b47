"""Call list service: who sees which calls, every filter, sorting, pagination, the row contents."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event

from app.calls.listing import ListFilters, filter_options, list_calls, parse_filters
from app.extensions import db
from tests.factories import checklist_call

DAY = date(2026, 3, 2)


def _ids(user, **filters) -> list[int]:
    return [row.id for row in list_calls(user, ListFilters(**filters)).rows]


def _user(world, key):
    from app.accounts.models import User

    return db.session.get(User, world[key].id)


def test_visibility_by_role(ctx, world, version):
    a = checklist_call(world["anna"], version, call_date=DAY)
    b = checklist_call(world["boris"], version, call_date=DAY)
    v = checklist_call(world["vera"], version, call_date=DAY)
    db.session.commit()
    assert set(_ids(_user(world, "anna"))) == {a.id}
    assert set(_ids(_user(world, "rop_a"))) == {a.id, b.id}
    assert set(_ids(_user(world, "rop_b"))) == {v.id}
    assert set(_ids(_user(world, "admin"))) == {a.id, b.id, v.id}
    assert set(_ids(_user(world, "trainer"))) == {a.id, b.id, v.id}
    # a filter never widens what a person may see
    assert _ids(_user(world, "anna"), manager=world["vera"].id) == []


def test_failed_item_filter_uses_the_verdict_in_force(ctx, world, version):
    auto_fail = checklist_call(world["anna"], version, call_date=DAY, results={"next_step": "fail"})
    overridden_to_pass = checklist_call(
        world["anna"], version, call_date=DAY, results={"next_step": "fail"}, human={"next_step": "pass"}
    )
    overridden_to_fail = checklist_call(world["anna"], version, call_date=DAY, human={"next_step": "fail"})
    checklist_call(world["anna"], version, call_date=DAY, results={"greet": "fail"})
    db.session.commit()
    admin = _user(world, "admin")
    found = set(_ids(admin, failed="next_step"))
    assert found == {auto_fail.id, overridden_to_fail.id}
    assert overridden_to_pass.id not in found


def test_filters_combine(ctx, world, version):
    anna, vera = world["anna"], world["vera"]
    early = checklist_call(anna, version, call_date=DAY - timedelta(days=10), score=40, client="ООО Ромашка")
    critical = checklist_call(anna, version, call_date=DAY, score=55, results={"greet": "fail"})
    good = checklist_call(anna, version, call_date=DAY, score=95, reviewed=True)
    other_team = checklist_call(vera, version, call_date=DAY, score=70)
    failed = checklist_call(anna, version, call_date=DAY, status="failed")
    db.session.commit()
    admin = _user(world, "admin")
    assert set(_ids(admin, team=world["team_b"].id)) == {other_team.id}
    assert set(_ids(admin, date_from=DAY - timedelta(days=1))) == {critical.id, good.id, other_team.id, failed.id}
    assert set(_ids(admin, date_to=DAY - timedelta(days=1))) == {early.id}
    assert set(_ids(admin, score_min=50, score_max=80)) == {critical.id, other_team.id}
    assert set(_ids(admin, critical=True)) == {critical.id}
    assert set(_ids(admin, status="failed")) == {failed.id}
    assert set(_ids(admin, reviewed="yes")) == {good.id}
    assert good.id not in _ids(admin, reviewed="no")
    assert set(_ids(admin, client="Ромаш")) == {early.id}
    assert set(_ids(admin, checklist=version.checklist_id, manager=anna.id, score_max=60)) == {early.id, critical.id}


def test_sorting_and_pagination(ctx, world, version):
    scores = [70, None, 30, 90, 50]
    calls = [
        checklist_call(world["anna"], version, call_date=DAY + timedelta(days=i), score=s) for i, s in enumerate(scores)
    ]
    db.session.commit()
    admin = _user(world, "admin")
    assert _ids(admin) == [c.id for c in reversed(calls)]  # newest first by default
    by_score = _ids(admin, sort="score")
    assert by_score[:4] == [calls[2].id, calls[4].id, calls[0].id, calls[3].id]
    assert by_score[-1] == calls[1].id  # calls without a score go last either way
    assert _ids(admin, sort="-score")[-1] == calls[1].id
    page = list_calls(admin, ListFilters(sort="date", per_page=25, page=1))
    assert page.total == 5 and page.pages == 1

    for i in range(30):
        checklist_call(world["boris"], version, call_date=DAY - timedelta(days=i + 1))
    db.session.commit()
    first = list_calls(admin, ListFilters(per_page=25))
    second = list_calls(admin, ListFilters(per_page=25, page=2))
    beyond = list_calls(admin, ListFilters(per_page=25, page=99))
    assert first.total == 35 and first.pages == 2 and len(first.rows) == 25 and len(second.rows) == 10
    assert not {r.id for r in first.rows} & {r.id for r in second.rows}
    assert beyond.page == 2 and [r.id for r in beyond.rows] == [r.id for r in second.rows]


def test_rows_show_critical_failures_and_counts_in_two_queries(ctx, world, version):
    call = checklist_call(world["anna"], version, call_date=DAY, results={"greet": "fail", "farewell": "fail"})
    for i in range(10):
        checklist_call(world["boris"], version, call_date=DAY - timedelta(days=i + 1))
    db.session.commit()
    admin = _user(world, "admin")
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        page = list_calls(admin, ListFilters())
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 2  # one count, one page: no per-row queries
    row = next(r for r in page.rows if r.id == call.id)
    assert row.critical_items == ["Поздоровался"] and row.failed_count == 2 and row.critical_failed
    assert row.manager_name == "Анна Альфина" and row.team_name == "Альфа" and row.checklist_title == "Мини-чек-лист"
    assert all(r.failed_count == 0 and r.critical_items == [] for r in page.rows if r.id != call.id)


def test_filter_options_follow_the_viewer(ctx, world, version):
    rop = filter_options(_user(world, "rop_a"))
    assert {name for _id, name in rop.managers} >= {"Анна Альфина", "Борис Альфин"}
    assert "Вера Бетова" not in {name for _id, name in rop.managers}
    assert [name for _id, name in rop.teams] == ["Альфа"]
    assert [item for item, _label in rop.items] == ["greet", "next_step", "farewell"]
    manager = filter_options(_user(world, "anna"))
    assert manager.teams == [] and [name for _id, name in manager.managers] == ["Анна Альфина"]


def test_parse_filters_from_the_query_string():
    filters, invalid = parse_filters(
        {
            "manager": "3",
            "date_from": "2026-03-10",
            "date_to": "2026-03-01",
            "score_min": "80",
            "score_max": "20,5",
            "status": "scored",
            "failed": "next_step",
            "critical": "1",
            "sort": "-score",
            "page": "x",
            "per_page": "7",
        }
    )
    assert filters.manager == 3 and filters.status == "scored" and filters.failed == "next_step" and filters.critical
    assert (filters.date_from, filters.date_to) == (date(2026, 3, 1), date(2026, 3, 10))  # swapped into order
    assert (filters.score_min, filters.score_max) == (20.5, 80)
    assert filters.sort == "-score" and filters.page == 1 and filters.per_page == 25
    assert sorted(invalid) == ["page", "per_page"]
    _, invalid = parse_filters({"failed": "x' OR 1=1", "sort": "password", "status": "deleted"})
    assert sorted(invalid) == ["failed", "sort", "status"]
