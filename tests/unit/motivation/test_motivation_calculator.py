"""The statement calculator over plain data: lines, rounding, gates, days, the 20 % rule, what-if, next step."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from app.motivation.calculator import (
    Attendance,
    Evidence,
    Fact,
    GateSpec,
    KpiSpec,
    Reduction,
    SchemeSpec,
    Statement,
    check_scheme,
    compute,
    next_step,
    next_steps,
    what_if,
)
from app.motivation.formulas import SEEDS_BANDS, FormulaError, Linear, Steps, ThresholdCap, parse_bands

SALES = KpiSpec("sales", "План продаж", "sales", D(30), Steps(SEEDS_BANDS), unit="rub")
QUALITY = KpiSpec("quality", "Качество звонков", "call_quality", D(25), Linear(D(120)), plan=D(80), step=D("0.1"))
PRODUCT = KpiSpec("product", "Знание продукта", "product_knowledge", D(15), ThresholdCap(D(70), D(100)),
                  plan=D(100), unit="percent")
ONBOARDING = KpiSpec("onboarding", "Адаптация", "onboarding", D(10), Linear(D(100)), plan=D(100), unit="percent")
MANUAL = KpiSpec("crm", "Порядок в CRM", "manual", D(20), Steps(parse_bands("< 50 → 0\n≥ 50 → 1")), plan=D(100))


def scheme(*gates: GateSpec, kpis=(SALES, QUALITY, PRODUCT, ONBOARDING, MANUAL)) -> SchemeSpec:
    return SchemeSpec("Менеджеры", D(60000), D(40000), tuple(kpis), tuple(gates))


def facts(sales="1080000", quality="72", product="85", onboarding="100", crm="100", **extra) -> dict:
    result = {
        "sales": Fact(D(sales), plan=D(1200000), evidence=(Evidence("sales_row", 1, "sales.csv, строка 2"),)),
        "quality": Fact(D(quality), evidence=(Evidence("call", 7, "ООО Ромашка", "72"),)),
        "product": Fact(D(product)),
        "onboarding": Fact(D(onboarding)),
        "crm": Fact(D(crm), note="Сделки заведены вовремя"),
    }
    result.update(extra)
    return result


def test_worked_example_line_by_line():
    statement = compute(scheme(), facts())
    assert statement.line("base").amount == D("60000.00")
    sales = statement.line("sales")
    assert sales.data["achievement"] == "90.00" and sales.data["band"] == "[90 %; 100 %)"
    assert sales.amount == D("9600.00")  # 0.8 × 30 % × 40 000
    assert statement.line("quality").amount == D("9000.00")  # 72 / 80 = 90 % → 0.9 × 25 % × 40 000
    assert statement.line("product").amount == D("5100.00")  # 85 % ≥ 70 % → 0.85 × 15 % × 40 000
    assert statement.line("onboarding").amount == D("4000.00")
    assert statement.line("crm").amount == D("8000.00")
    assert statement.bonus == D("35700.00")
    assert statement.total == D("95700.00")
    assert statement.target_total == D("100000")


def test_every_line_keeps_its_evidence_and_the_numbers_behind_it():
    statement = compute(scheme(), facts())
    assert statement.line("sales").data["evidence"] == [
        {"kind": "sales_row", "ref": 1, "label": "sales.csv, строка 2", "value": "", "on": ""}
    ]
    assert statement.line("quality").data["evidence"][0]["ref"] == 7
    assert statement.line("crm").data["note"] == "Сделки заведены вовремя"
    assert statement.line("sales").data["plan"] == "1200000" and statement.line("sales").data["fact"] == "1080000"


def test_total_is_the_sum_of_rounded_lines():
    third = KpiSpec("a", "A", "manual", D("33.33"), Linear(), plan=D(3))
    rest = KpiSpec("b", "B", "manual", D("66.67"), Linear(), plan=D(3))
    spec = SchemeSpec("x", D("10000.01"), D("10000"), (third, rest))
    statement = compute(spec, {"a": Fact(D(1)), "b": Fact(D(2))}, Attendance(D(7), D(21)))
    assert statement.total == sum(line.amount for line in statement.lines)
    assert all(line.amount == line.amount.quantize(D("0.01")) for line in statement.lines)


@pytest.mark.parametrize(
    ("sales", "amount"),
    [("959999", "0.00"), ("960000", "6000.00"), ("1079999", "6000.00"), ("1080000", "9600.00"),
     ("1199999", "9600.00"), ("1200000", "12000.00"), ("1439999", "12000.00"), ("1440000", "14400.00")],
)
def test_sales_line_at_and_around_band_edges(sales, amount):
    assert compute(scheme(), facts(sales=sales)).line("sales").amount == D(amount)


def test_missing_fact_and_missing_plan_pay_nothing_and_say_why():
    statement = compute(scheme(), {**facts(), "quality": Fact(None), "sales": Fact(D(5), plan=None)})
    assert statement.line("quality").amount == 0 and statement.line("quality").data["missing"] == "no_fact"
    assert statement.line("sales").amount == 0 and statement.line("sales").data["missing"] == "no_plan"


def test_days_worked_pro_rate_base_and_bonus():
    full = compute(scheme(), facts())
    part = compute(scheme(), facts(), Attendance(D(19), D(20)))
    assert part.line("base").amount == D("57000.00")
    assert part.line("sales").amount == D("9120.00")
    assert part.coefficient == D("0.95")
    assert part.bonus == D("33915.00") and full.bonus == D("35700.00")


def test_certification_gate_zeroes_the_bonus_when_not_passed():
    gate = GateSpec("cert", "Аттестация", "certification", "passed")
    failed = compute(scheme(gate), facts(cert=Fact(False)))
    assert failed.bonus == 0 and failed.line("cert").amount == D("-35700.00")
    assert failed.total == D("60000.00")
    passed = compute(scheme(gate), facts(cert=Fact(True)))
    assert passed.bonus == D("35700.00") and passed.line("cert").amount == 0
    assert compute(scheme(gate), facts()).bonus == 0  # no attempt counts as not passed


@pytest.mark.parametrize(("score", "bonus"), [("59.9", "28560.00"), ("60", "35700.00"), (None, "35700.00")])
def test_call_quality_coefficient_gate(score, bonus):
    gate = GateSpec("qgate", "Коэффициент качества", "call_quality", "bands", parse_bands("< 60 → 0.8\n≥ 60 → 1"))
    statement = compute(scheme(gate), facts(qgate=Fact(None if score is None else D(score))))
    assert statement.bonus == D(bonus)


def test_reductions_are_capped_at_twenty_percent_and_the_statement_says_so():
    statement = compute(scheme(), facts(), reductions=[Reduction(D(15000), "Выговор, приказ №12"),
                                                       Reduction(D(10000), "Замечание, приказ №15")])
    line = statement.line("reductions")
    assert line.data["requested"] == "25000" and line.data["capped_by"] == "law"
    assert line.data["limit"] == "19140.00"  # 20 % of 60 000 + 35 700
    assert line.amount == D("-19140.00")
    assert statement.total == D("95700.00") - D("19140.00")
    assert statement.total >= (statement.base + statement.bonus) * D("0.8")


def test_small_reduction_is_applied_in_full():
    statement = compute(scheme(), facts(), reductions=[Reduction(D(3000), "Опоздания")])
    assert statement.line("reductions").amount == D("-3000") and statement.line("reductions").data["capped_by"] is None


def test_reduction_cannot_eat_base_salary():
    gate = GateSpec("cert", "Аттестация", "certification", "passed")
    statement = compute(scheme(gate), facts(cert=Fact(False)), reductions=[Reduction(D(5000), "Выговор")])
    assert statement.line("reductions").amount == 0 and statement.line("reductions").data["capped_by"] == "bonus"
    assert statement.total == D("60000.00")


@pytest.mark.parametrize(
    ("kpis", "code"),
    [((), "kpi_count"), ((SALES, QUALITY, PRODUCT, ONBOARDING, MANUAL, MANUAL), "kpi_count"),
     ((SALES, QUALITY), "weights_sum"), ((SALES, SALES, PRODUCT, ONBOARDING, MANUAL), "duplicate_key")],
)
def test_scheme_rules(kpis, code):
    with pytest.raises(FormulaError) as error:
        check_scheme(scheme(kpis=kpis))
    assert error.value.code == code


def test_one_kpi_at_full_weight_is_a_valid_scheme():
    only = KpiSpec("sales", "План", "sales", D(100), Steps(SEEDS_BANDS))
    assert compute(scheme(kpis=(only,)), facts()).line("sales").amount == D("32000.00")


def test_snapshot_round_trip_is_identical():
    statement = compute(scheme(), facts(), Attendance(D(18), D(21)), [Reduction(D(100), "Опоздание")])
    again = Statement.from_dict(statement.to_dict())
    assert again.to_dict() == statement.to_dict()
    assert again.total == statement.total


def test_what_if_changes_only_the_chosen_fact():
    projected = what_if(scheme(), facts(), "sales", D(1200000))
    assert projected.line("sales").amount == D("12000.00")
    assert projected.line("quality").amount == compute(scheme(), facts()).line("quality").amount
    assert projected.total - compute(scheme(), facts()).total == D("2400.00")


def test_next_step_says_how_much_more_sales_and_what_it_adds():
    step = next_step(scheme(), facts(), SALES)
    assert step is not None
    assert step.edge == 100 and step.needed_fact == D(1200000)
    assert step.missing == D(120000)
    assert step.gain == D("2400.00")  # (1.0 − 0.8) × 30 % × 40 000
    assert step.factor_now == D("0.8") and step.factor_next == 1


def test_next_step_from_zero_and_at_the_top():
    zero = next_step(scheme(), facts(sales="0"), SALES)
    assert zero is not None and zero.edge == 80 and zero.missing == D(960000) and zero.gain == D("6000.00")
    assert next_step(scheme(), facts(sales="1500000"), SALES) is None


def test_next_step_with_exclusive_edge_needs_one_hundredth_more():
    kpi = KpiSpec("sales", "План", "sales", D(30), Steps(parse_bands("≤ 100 → 0\n> 100 → 1")), unit="rub")
    step = next_step(scheme(kpis=(kpi, QUALITY, PRODUCT, ONBOARDING, MANUAL)), facts(sales="1200000"), kpi)
    assert step is not None and step.needed_fact == D(1200120) and step.missing == D(120)


def test_next_step_includes_gates_in_the_gain():
    gate = GateSpec("qgate", "Коэффициент", "call_quality", "bands", parse_bands("< 60 → 0.8\n≥ 60 → 1"))
    step = next_step(scheme(gate), facts(qgate=Fact(D(50))), SALES)
    assert step is not None and step.gain == D("1920.00")  # 2 400 × 0.8


def test_next_steps_puts_the_closest_edge_first():
    steps = next_steps(scheme(), facts(sales="1190000", product="50"))
    assert [s.kpi_key for s in steps][:2] == ["sales", "product"]
    assert all(s.gain > 0 for s in steps)


def test_linear_kpi_has_no_next_step():
    assert next_step(scheme(), facts(), QUALITY) is None
