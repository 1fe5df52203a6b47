"""'Objection X handled well in N % of calls' on a known set of scored calls."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.accounts.models import User
from app.extensions import db
from app.quality import objection_stats, objections
from app.quality.objection_models import ObjectionCategory
from tests.factories import objection_call

TITLES = {c.value: str(label) for c, label in objections.CATEGORY_LABELS.items()}
TODAY = date.today()
# What the fake classifier answers: the shipped classifier is exercised in its own test below.
LABELS = {
    "Это дорого для нас": "price",
    "дорого дорого": "price",
    "У конкурентов на треть дешевле": "price",
    "У нас уже есть курьерская служба": "have_supplier",
    "Я подумаю": "think_it_over",
    "Алло": "none",
}


def fake_labeler(texts: list[str]) -> list[str]:
    return [LABELS[t] for t in texts]


def entries() -> list[objection_stats.LibraryEntry]:
    return [
        objection_stats.LibraryEntry(o.key, o.title, ObjectionCategory(o.category).value, tuple(o.variants))
        for o in objections.list_objections()
    ]


def report_for(user, **kwargs) -> objection_stats.ObjectionReport:
    kwargs.setdefault("labeler", fake_labeler)
    return objection_stats.objection_report(user, entries(), TITLES, "?", **kwargs)


@pytest.fixture
def team_calls(library, make_team, make_user):
    """Two teams' calls with objections; returns the people."""
    lead = make_user(role="supervisor")
    team = make_team("Продажи", supervisor=lead)
    anna = make_user(role="sales_manager", team=team)
    boris = make_user(role="sales_manager", team=team)
    outsider = make_user(role="sales_manager")
    ok = {"obj_acknowledge": "pass", "obj_clarify": "pass"}
    half = {"obj_acknowledge": "pass", "obj_clarify": "fail"}
    ids = {
        "price_ok": objection_call(anna.id, TODAY, ok, ["Это дорого для нас"]),
        "price_bad": objection_call(anna.id, TODAY - timedelta(days=3), half, ["дорого дорого"]),
        # A supervisor overrode the failed item: the call counts as handled well.
        "price_overridden": objection_call(
            boris.id,
            TODAY - timedelta(days=5),
            {"obj_acknowledge": "pass", "obj_clarify": ("fail", "pass")},
            ["Это дорого для нас"],
        ),
        "cheaper_bad": objection_call(boris.id, TODAY - timedelta(days=6), half, ["У конкурентов на треть дешевле"]),
        "two_objections": objection_call(
            anna.id, TODAY - timedelta(days=7), ok, ["У нас уже есть курьерская служба", "Я подумаю"]
        ),
        "old": objection_call(anna.id, TODAY - timedelta(days=200), half, ["Я подумаю"]),
        "outsider": objection_call(outsider.id, TODAY, half, ["дорого дорого"]),
        # Not counted: no objection in the call, or an old scorecard replaced by a rescoring.
        "no_objection": objection_call(anna.id, TODAY, {"obj_acknowledge": "na", "obj_clarify": "na"}, []),
        "stale": objection_call(anna.id, TODAY, half, ["дорого дорого"], current=False),
    }
    db.session.commit()
    return {"lead": lead, "anna": anna, "outsider": outsider, "ids": ids}


def _user(person) -> User:
    return db.session.get(User, person.id)


def test_numbers_per_objection_for_the_whole_company(team_calls, trainer):
    report = report_for(trainer)
    ids = team_calls["ids"]
    assert (report.calls, report.handled, report.percent) == (7, 3, 42.9)
    expensive = report.row("price_expensive")
    assert (expensive.calls, expensive.handled, expensive.percent) == (4, 2, 50.0)
    assert [e.call_id for e in expensive.examples] == [
        ids["price_ok"],
        ids["price_overridden"],
        ids["outsider"],
        ids["price_bad"],
    ]
    assert expensive.examples[0].quote == "Это дорого для нас"
    cheaper = report.row("price_cheaper_elsewhere")
    assert (cheaper.calls, cheaper.percent) == (1, 0.0)
    assert report.row("supplier_have_courier").percent == 100.0
    think = report.row("think_it_over")
    assert (think.calls, think.handled) == (2, 1)
    assert report.row("no_need_not_interested").calls == 0


def test_a_supervisor_sees_the_team_and_a_period(team_calls):
    lead = _user(team_calls["lead"])
    report = report_for(lead)
    assert report.calls == 6  # the outsider's call is not the team's
    assert report.row("price_expensive").calls == 3
    recent = report_for(lead, since=TODAY - timedelta(days=30))
    assert recent.calls == 5 and recent.row("think_it_over").calls == 1
    manager = _user(team_calls["anna"])
    assert report_for(manager).calls == 4  # own calls only


def test_without_a_classifier_quotes_are_matched_by_wording_and_the_error_is_reported(team_calls, trainer):
    def broken(_texts):
        raise RuntimeError("model file missing")

    report = report_for(trainer, labeler=broken)
    assert report.labeler_error == "RuntimeError: model file missing"
    assert report.calls == 7
    # "У нас уже есть курьерская служба." is a shipped variant: found without the classifier.
    assert report.row("supplier_have_courier").calls == 1


def test_the_shipped_classifier_labels_the_trigger_quotes(team_calls, trainer):
    report = report_for(trainer, labeler=objection_stats.classifier_labeler)
    assert report.labeler_error is None
    assert report.row("price_expensive").calls >= 3
    assert report.row("supplier_have_courier").calls == 1
