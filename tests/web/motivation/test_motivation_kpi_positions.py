"""The pay card and the statement say where each KPI stands: a linear KPI has no steps — it says what it pays now
and what the next percentage point adds; a step scale names the step reached and what the next one needs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import unescape

import pytest

from app.motivation.periods import month_start
from tests import factories as f

NBSP = "\u00a0"


def _plain(html: str) -> str:
    return unescape(html).replace(NBSP, " ")


@pytest.fixture
def newbie(app, make_user, make_team):
    """A new hire on a scheme of a linear «Первые звонки» (plan 70 points, cap 100 %) and a step «Порядок в CRM»."""
    from app.extensions import db
    from app.motivation.schemes import KpiData, SchemeData, save_scheme

    supervisor = make_user(role="supervisor")
    team = make_team("Стажёры", supervisor)
    person = make_user(role="new_hire", team=team, full_name="Кирилл Новиков")
    with app.app_context():
        admin = f.attach(make_user(role="admin"))
        data = SchemeData(
            name="Стажёры", role="new_hire", team_id=None, valid_from=month_start(date.today()), valid_to=None,
            base_salary="45000", target_bonus="15000",
            kpis=[
                KpiData("Первые звонки", "call_quality", "60", plan="70", formula="linear", cap="100"),
                KpiData("Порядок в CRM", "manual", "40", plan="100", formula="steps",
                        bands="< 50 → 0\n[50; 90) → 0.5\n≥ 90 → 1"),
            ],
        )  # fmt: skip
        scheme = save_scheme(None, data, admin)
        db.session.commit()
        crm_key = next(k.key for k in scheme.kpis if k.source == "manual")
    return {"person": person, "supervisor": supervisor, "crm_key": crm_key}


def _calls(app, person, *scores: float) -> None:
    with app.app_context():
        checklist = f.stub_checklist()
        for score in scores:
            f.final_score_call(person.id, date.today(), score, checklist)


def _crm(app, newbie, value: str) -> None:
    from app.extensions import db
    from app.motivation.models import ManualValue

    with app.app_context():
        db.session.add(
            ManualValue(
                user_id=newbie["person"].id, period=month_start(date.today()), key=newbie["crm_key"],
                value=Decimal(value), comment="проверено", entered_by_id=newbie["supervisor"].id,
            )
        )  # fmt: skip
        db.session.commit()


def test_a_linear_kpi_at_half_its_plan_is_not_called_all_steps_passed(app, client, auth, newbie):
    _calls(app, newbie["person"], 35.0)  # 35 of 70 points: 50 % of plan
    _crm(app, newbie, "60")
    auth.login(newbie["person"])
    card = _plain(client.get("/").get_data(as_text=True))
    assert 'data-testid="widget-pay"' in card and "Все ступени пройдены" not in card
    # 0.5 × 60 % × 15 000 = 4 500 ₽; one more point of plan (0.7 of a point of score) adds 1 % × 9 000 = 90 ₽
    assert (
        "Первые звонки: 50 % плана → 4 500 ₽; каждый следующий процентный пункт (это +0,7 к факту) — ещё +90 ₽ "
        "(до потолка 100 %)"
    ) in card
    # the step scale: the step reached and what the next one needs (0.5 → 1 of 6 000 ₽ = +3 000 ₽)
    assert "Порядок в CRM: ступень [50 %; 90 %) (× 0,5); до ступени 90 % не хватает 30 — это +3 000 ₽ к выплате" in card
    statement = _plain(client.get("/motivation").get_data(as_text=True))
    assert "Первые звонки: 50 % плана → 4 500 ₽" in statement and "Все ступени пройдены" not in statement


def test_the_cap_and_the_top_step_say_that_nothing_more_is_to_be_earned(app, client, auth, newbie):
    _calls(app, newbie["person"], 70.0)  # 100 % of plan = the cap
    _crm(app, newbie, "95")
    auth.login(newbie["person"])
    card = _plain(client.get("/").get_data(as_text=True))
    assert "Первые звонки: потолок 100 % достигнут — KPI даёт 9 000 ₽, больше по нему не заработать" in card
    assert "Порядок в CRM: ступень ≥ 90 % (× 1) — верхняя ступень, выше этот KPI не платит" in card


def test_below_the_first_paid_step_and_without_a_fact(app, client, auth, newbie):
    auth.login(newbie["person"])  # no calls, no CRM value yet
    card = _plain(client.get("/").get_data(as_text=True))
    assert "Порядок в CRM: ступень < 50 % — пока не оплачивается; до ступени 50 % не хватает 50" in card
    assert "Первые звонки: 0 % плана → 0 ₽; каждый следующий процентный пункт" in card
    # the step comes first: it is what to act on
    assert card.index("Порядок в CRM: ступень") < card.index("Первые звонки:")


def test_a_manager_card_keeps_the_sales_step_first(client, auth, world):
    auth.login(world["anna"])
    card = _plain(client.get("/").get_data(as_text=True))
    assert "План продаж: ступень [90 %; 100 %) (× 0,8); до ступени 100 % не хватает 120 000 ₽ — это +4 000 ₽" in card
    calls = "Качество звонков: 90 % плана → 9 000 ₽; каждый следующий процентный пункт (это +0,8 к факту) — ещё +100 ₽"
    assert calls in card
    assert card.index("План продаж: ступень") < card.index("Качество звонков: 90 %")
