"""Statements from real facts: sales rows, scored calls, exam attempts, manual values; freezing keeps them fixed."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.core.domain import DomainError
from app.extensions import db
from app.motivation import entries
from app.motivation.statements import freeze_team, statement_for
from tests import factories as f


@pytest.fixture
def setup(ctx, people, months):
    admin = f.attach(people["admin"])
    f.manager_scheme(admin, valid_from=months["previous"])
    checklist = f.stub_checklist()
    anna = f.attach(people["anna"])
    product = f.exam()
    for month in (months["previous"], months["current"]):
        f.sales_row(anna.id, month, "1200000", "1080000")
        f.final_score_call(anna.id, month + timedelta(days=1), 64.0, checklist, "ООО Альфа")
        f.final_score_call(anna.id, month + timedelta(days=2), 80.0, checklist, "ООО Бета")
    f.exam_attempt(anna.id, product, 85.0, months["previous"] + timedelta(days=3))
    return {"anna": anna, "checklist": checklist, "product": product, "admin": admin}


def test_statement_lines_come_from_the_facts(setup, months):
    view = statement_for(setup["anna"], months["current"])
    statement = view.statement
    assert view.scheme_name == "Менеджеры" and not view.is_frozen
    assert statement.line("sales").amount == Decimal("16000.00")  # 90 % → 0.8 × 50 % × 40 000
    quality = statement.line("call_quality")
    assert quality.data["fact"] == "72.00" and quality.amount == Decimal("9000.00")  # (64+80)/2 = 72 → 90 %
    assert [e["label"] for e in quality.data["evidence"]] == ["ООО Альфа", "ООО Бета"]
    product = statement.line("product_knowledge")
    assert product.data["fact"] == "85.00" and product.amount == Decimal("5100.00")
    assert product.data["evidence"][0]["kind"] == "attempt"
    assert statement.line("manual").data["missing"] == "no_fact"
    assert statement.total == Decimal("90100.00")


def test_sales_evidence_points_to_the_rows(setup, months):
    line = statement_for(setup["anna"], months["current"]).statement.line("sales")
    assert line.data["plan"] == "1200000" and [e["kind"] for e in line.data["evidence"]] == ["sales_row"]


def test_newest_sales_value_wins_and_empty_cells_keep_the_old_one(setup, months):
    f.sales_row(setup["anna"].id, months["current"], None, "1200000")
    line = statement_for(setup["anna"], months["current"]).statement.line("sales")
    assert line.data["plan"] == "1200000" and line.data["fact"] == "1200000"
    assert line.amount == Decimal("20000.00")
    assert len(line.data["evidence"]) == 2  # the row with the plan and the newer row with the fact


def test_changing_a_reviewed_call_changes_the_open_month_and_not_the_frozen_one(setup, months, people):
    from app.calls.models import Call
    from app.calls.review import override_item

    supervisor = f.attach(people["supervisor"])
    anna = setup["anna"]
    freeze_team(people["team"].id, months["previous"], supervisor, date.today())
    db.session.commit()
    frozen_before = statement_for(anna, months["previous"]).statement.to_dict()
    open_before = statement_for(anna, months["current"]).statement.line("call_quality").amount

    calls = db.session.scalars(db.select(Call).where(Call.manager_id == anna.id)).all()
    for call in calls:
        item = call.current_scorecard.items[1]
        override_item(call, item.id, "fail", "Не назначил следующий шаг", supervisor)
    db.session.commit()

    after = statement_for(anna, months["previous"])
    assert after.is_frozen and after.statement.to_dict() == frozen_before
    assert statement_for(anna, months["current"]).statement.line("call_quality").amount < open_before


def test_freezing_stores_every_member_and_refuses_twice(setup, months, people):
    supervisor = f.attach(people["supervisor"])
    close = freeze_team(people["team"].id, months["previous"], supervisor, date.today())
    db.session.commit()
    assert close.approved_by_id == supervisor.id
    assert statement_for(setup["anna"], months["previous"]).is_frozen
    assert statement_for(f.attach(people["boris"]), months["previous"]).is_frozen
    with pytest.raises(DomainError, match="уже утверждён"):
        freeze_team(people["team"].id, months["previous"], supervisor, date.today())


def test_a_running_month_cannot_be_frozen(setup, months, people):
    with pytest.raises(DomainError, match="ещё не закончился"):
        freeze_team(people["team"].id, months["current"], f.attach(people["supervisor"]), date.today())


def test_only_the_teams_supervisor_or_an_admin_freezes(setup, months, people):
    with pytest.raises(DomainError):
        freeze_team(people["team"].id, months["previous"], f.attach(people["other_supervisor"]), date.today())
    freeze_team(people["team"].id, months["previous"], setup["admin"], date.today())


def test_frozen_month_refuses_new_entries(setup, months, people):
    supervisor = f.attach(people["supervisor"])
    freeze_team(people["team"].id, months["previous"], supervisor, date.today())
    db.session.commit()
    with pytest.raises(DomainError, match="утверждён"):
        entries.add_reduction(setup["anna"], months["previous"], Decimal(1000), "Выговор", supervisor)


def test_manual_value_needs_a_comment_and_shows_it(setup, months, people):
    supervisor = f.attach(people["supervisor"])
    view = statement_for(setup["anna"], months["current"])
    with pytest.raises(DomainError) as error:
        entries.set_manual_value(setup["anna"], months["current"], "manual", Decimal(90), " ", supervisor, view.scheme)
    assert error.value.field == "comment"
    entries.set_manual_value(setup["anna"], months["current"], "manual", Decimal(90), "Все сделки в CRM", supervisor,
                             view.scheme)
    line = statement_for(setup["anna"], months["current"]).statement.line("manual")
    assert line.amount == Decimal("4000.00") and line.data["note"] == "Все сделки в CRM"


def test_another_teams_supervisor_cannot_enter_data(setup, months, people):
    with pytest.raises(DomainError):
        entries.add_reduction(setup["anna"], months["current"], Decimal(100), "Опоздание",
                              f.attach(people["other_supervisor"]))


def test_reductions_are_capped_in_the_statement(setup, months, people):
    supervisor = f.attach(people["supervisor"])
    entries.add_reduction(setup["anna"], months["current"], Decimal(50000), "Выговор, приказ №7 от 03.05", supervisor)
    db.session.commit()
    statement = statement_for(setup["anna"], months["current"]).statement
    line = statement.line("reductions")
    assert line.data["capped_by"] == "law"
    assert -line.amount == Decimal("18020.00")  # 20 % of 90 100
    assert statement.total == Decimal("72080.00")


def test_days_worked_pro_rate_base_and_bonus(setup, months, people):
    supervisor = f.attach(people["supervisor"])
    entries.set_attendance(setup["anna"], months["current"], Decimal(10), Decimal(20), "Отпуск", supervisor)
    db.session.commit()
    statement = statement_for(setup["anna"], months["current"]).statement
    assert statement.base == Decimal("30000.00") and statement.line("sales").amount == Decimal("8000.00")
    with pytest.raises(DomainError) as error:
        entries.set_attendance(setup["anna"], months["current"], Decimal(25), Decimal(20), "", supervisor)
    assert error.value.field == "worked_days"


def test_team_scheme_beats_the_role_scheme(setup, months, people):
    f.manager_scheme(setup["admin"], team_id=people["team"].id, valid_from=months["current"], name="Корпоративная")
    assert statement_for(setup["anna"], months["current"]).scheme_name == "Корпоративная"
    assert statement_for(f.attach(people["other"]), months["current"]).scheme_name == "Менеджеры"


def test_no_scheme_means_no_statement(ctx, people, months):
    view = statement_for(f.attach(people["anna"]), months["current"])
    assert view.statement is None and view.scheme is None


def test_next_step_and_what_if_for_a_live_statement(setup, months):
    view = statement_for(setup["anna"], months["current"])
    step = next(s for s in view.next_steps() if s.kpi_key == "sales")
    assert step.missing == Decimal(120000) and step.gain == Decimal("4000.00")
    projected = view.what_if("sales", Decimal(1200000))
    assert projected.total - view.statement.total == Decimal("4000.00")
