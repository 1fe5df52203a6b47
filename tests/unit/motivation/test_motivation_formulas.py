"""KPI formulas at and around every edge: achievement, step scales, linear, threshold and cap, gates, days, 20 %."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from app.motivation.formulas import (
    SEEDS_BANDS,
    Band,
    FormulaError,
    Linear,
    Steps,
    ThresholdCap,
    achievement,
    cap_reductions,
    check_bands,
    days_coefficient,
    dec,
    factor,
    find_band,
    format_bands,
    formula_from_dict,
    formula_to_dict,
    gate_passed,
    linear_factor,
    money,
    parse_bands,
    raising_edges,
    required_fact,
    step_factor,
    threshold_factor,
)


@pytest.mark.parametrize(
    ("plan", "fact", "expected"),
    [
        ("1200000", "1080000", "90.00"),
        ("1200000", "1200000", "100.00"),
        ("3", "2", "66.66"),  # truncated, never rounded up
        ("3", "1", "33.33"),
        ("1200000", "1199999", "99.99"),  # 99.99992 % stays below 100
        ("1200000", "0", "0.00"),
        ("100", "250", "250.00"),
        ("80", "79.99", "99.98"),
    ],
)
def test_achievement_is_truncated_to_a_hundredth(plan, fact, expected):
    assert achievement(D(plan), D(fact)) == D(expected)


@pytest.mark.parametrize(("plan", "fact"), [(None, "5"), ("0", "5"), ("-10", "5"), ("100", None)])
def test_achievement_without_plan_or_fact_is_none(plan, fact):
    assert achievement(None if plan is None else D(plan), None if fact is None else D(fact)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "0"), ("79.99", "0"), ("80", "0.5"), ("80.01", "0.5"), ("89.99", "0.5"), ("90", "0.8"),
        ("99.99", "0.8"), ("100", "1.0"), ("100.01", "1.0"), ("119.99", "1.0"), ("120", "1.2"), ("500", "1.2"),
        ("-5", "0"),
    ],
)
def test_seeds_step_scale_at_and_around_each_edge(value, expected):
    assert step_factor(SEEDS_BANDS, D(value)) == D(expected)


def test_exclusive_lower_edges_move_the_edge_value_down_a_band():
    bands = parse_bands("≤ 80 → 0\n(80; 90] → 0.5\n(90; 100] → 0.8\n> 100 → 1")
    assert [step_factor(bands, D(v)) for v in ("80", "80.01", "90", "90.01", "100", "100.01")] == [
        D("0"), D("0.5"), D("0.5"), D("0.8"), D("0.8"), D("1"),
    ]


def test_scale_that_starts_at_a_threshold_pays_nothing_below_it():
    bands = parse_bands("[80; 100) → 0.5\n≥ 100 → 1")
    assert find_band(bands, D("79.99")) is None
    assert step_factor(bands, D("79.99")) == 0
    assert step_factor(bands, D("80")) == D("0.5")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "bands_empty"),
        ("[80; 90) → 0.5\n[91; 100) → 0.8", "band_gap"),
        ("[80; 90) → 0.5\n(90; 100) → 0.8", "band_gap"),  # 90 belongs to no band
        ("[80; 90] → 0.5\n[90; 100) → 0.8", "band_overlap"),  # 90 belongs to both
        ("[80; 95) → 0.5\n[90; 100) → 0.8", "band_overlap"),
        ("[90; 80) → 0.5", "band_empty"),
        ("< 80 → 0\n< 90 → 0.5", "band_open_lower"),
        ("≥ 80 → 1\n[90; 100) → 0.5", "band_open_upper"),
        ("[80; 90) → -0.5", "band_negative_factor"),
        ("[80.005; 90) → 0.5", "band_edge_precision"),
        ("from 80 to 90 pay half", "band_syntax"),
    ],
)
def test_broken_scales_are_refused_with_a_reason(text, code):
    with pytest.raises(FormulaError) as error:
        parse_bands(text)
    assert error.value.code == code


def test_syntax_error_names_the_line():
    with pytest.raises(FormulaError) as error:
        parse_bands("< 80 → 0\n\nполовина")
    assert error.value.params == {"line": 3, "text": "половина"}


def test_band_text_round_trips_and_reads_russian_decimals():
    bands = parse_bands("< 80 : 0\n[80 %; 90 %) -> 0,5\n[90; 100) = 0.8\n[100; 120) → 1\n>= 120 1.2")
    assert bands == SEEDS_BANDS
    assert parse_bands(format_bands(bands)) == bands
    assert format_bands(SEEDS_BANDS).splitlines()[1] == "[80; 90) → 0.5"


@pytest.mark.parametrize(
    ("band", "label"),
    [
        (Band(None, D(80), D(0)), "< 80 %"),
        (Band(None, D(80), D(0), upper_inclusive=True), "≤ 80 %"),
        (Band(D(90), D(100), D("0.8")), "[90 %; 100 %)"),
        (Band(D(90), D(100), D("0.8"), False, True), "(90 %; 100 %]"),
        (Band(D(120), None, D("1.2")), "≥ 120 %"),
        (Band(D(120), None, D("1.2"), lower_inclusive=False), "> 120 %"),
    ],
)
def test_band_labels_show_edge_inclusivity(band, label):
    assert band.label() == label


@pytest.mark.parametrize(
    ("value", "cap", "expected"),
    [("0", None, "0"), ("50", None, "0.5"), ("150", None, "1.5"), ("150", "120", "1.2"), ("120", "120", "1.2"),
     ("119.99", "120", "1.1999"), ("-10", None, "0")],
)
def test_linear_is_proportional_and_capped(value, cap, expected):
    assert linear_factor(D(value), None if cap is None else D(cap)) == D(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", "0"), ("69.99", "0"), ("70", "0.7"), ("70.01", "0.7001"), ("100", "1"), ("129.99", "1.2999"),
     ("130", "1.3"), ("200", "1.3")],
)
def test_threshold_and_cap(value, expected):
    assert threshold_factor(D(value), D(70), D(130)) == D(expected)


def test_factor_dispatches_and_treats_missing_achievement_as_zero():
    assert factor(Linear(), None) == 0
    assert factor(Linear(D(100)), D(130)) == 1
    assert factor(ThresholdCap(D(80)), D(79)) == 0
    assert factor(Steps(SEEDS_BANDS), D(95)) == D("0.8")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"kind": "linear", "cap": "0"}, "cap_not_positive"),
        ({"kind": "threshold", "threshold": "120", "cap": "100"}, "threshold_above_cap"),
        ({"kind": "threshold", "threshold": "-1"}, "threshold_negative"),
        ({"kind": "magic"}, "unknown_formula"),
        ({"kind": "steps", "bands": []}, "bands_empty"),
    ],
)
def test_formula_parameters_are_checked(data, code):
    with pytest.raises(FormulaError) as error:
        formula_from_dict(data)
    assert error.value.code == code


@pytest.mark.parametrize("formula", [Linear(), Linear(D(150)), ThresholdCap(D(80), D(120)), Steps(SEEDS_BANDS)])
def test_formula_dict_round_trip(formula):
    assert formula_from_dict(formula_to_dict(formula)) == formula


def test_raising_edges_skip_bands_that_do_not_pay_more():
    bands = parse_bands("< 80 → 0\n[80; 100) → 0.5\n[100; 110) → 0.5\n≥ 110 → 1")
    assert raising_edges(Steps(bands)) == [(D(80), True), (D(110), True)]
    assert raising_edges(ThresholdCap(D(70))) == [(D(70), True)]
    assert raising_edges(Linear()) == []


@pytest.mark.parametrize(
    ("plan", "edge", "inclusive", "step", "expected"),
    [
        ("1200000", "100", True, "1", "1200000"),
        ("1200000", "90", True, "1", "1080000"),
        ("1200000", "100", False, "1", "1200120"),  # > 100 % needs 100.01 %
        ("333", "90", True, "1", "300"),  # 299.7 rounds up to a whole unit
        ("80", "100", True, "0.1", "80.0"),
        ("85", "90", True, "0.1", "76.5"),
    ],
)
def test_required_fact_is_the_smallest_that_reaches_the_band(plan, edge, inclusive, step, expected):
    needed = required_fact(D(plan), D(edge), inclusive, D(step))
    assert needed == D(expected)
    bands = (Band(D(edge), None, D(1), inclusive),)
    assert step_factor(bands, achievement(D(plan), needed)) == 1
    assert step_factor(bands, achievement(D(plan), needed - D(step))) == 0


@pytest.mark.parametrize(
    ("passed", "expected"), [(True, "1"), (False, "0"), (None, "0")]
)
def test_certification_gate(passed, expected):
    assert gate_passed(passed) == D(expected)


def test_call_quality_coefficient_as_bands_on_the_score():
    bands = parse_bands("< 60 → 0.8\n[60; 85) → 1\n≥ 85 → 1.1")
    assert [step_factor(bands, D(v)) for v in ("59.99", "60", "84.99", "85")] == [D("0.8"), 1, 1, D("1.1")]


@pytest.mark.parametrize(
    ("worked", "working", "expected"),
    [("20", "20", "1"), ("19", "20", "0.95"), ("0", "20", "0"), ("10.5", "21", "0.5")],
)
def test_days_worked_coefficient(worked, working, expected):
    assert days_coefficient(D(worked), D(working)) == D(expected)


@pytest.mark.parametrize(
    ("worked", "working", "code"),
    [("5", "0", "working_days_not_positive"), ("21", "20", "worked_days_out_of_range"),
     ("-1", "20", "worked_days_out_of_range")],
)
def test_impossible_days_are_refused(worked, working, code):
    with pytest.raises(FormulaError) as error:
        days_coefficient(D(worked), D(working))
    assert error.value.code == code


@pytest.mark.parametrize(
    ("requested", "pay", "bonus", "applied", "capped_by"),
    [
        ("5000", "100000", "40000", "5000", None),  # under the limit
        ("20000", "100000", "40000", "20000", None),  # exactly 20 %
        ("20000.01", "100000", "40000", "20000", "law"),  # a kopeck over
        ("50000", "100000", "40000", "20000", "law"),
        ("15000", "100000", "10000", "10000", "bonus"),  # only the bonus can be reduced
        ("1000", "100000.03", "40000", "1000", None),
        ("30000", "100000.03", "40000", "20000", "law"),  # 20 000.006 → 20 000.00 (rounded down)
        ("0", "100000", "40000", "0", None),
    ],
)
def test_reductions_never_exceed_twenty_percent_of_pay_nor_the_bonus(requested, pay, bonus, applied, capped_by):
    cap = cap_reductions(D(requested), D(pay), D(bonus))
    assert cap.applied == D(applied)
    assert cap.capped_by == capped_by
    assert cap.applied <= D(pay) * D("0.2")


def test_negative_reduction_is_refused():
    with pytest.raises(FormulaError):
        cap_reductions(D(-1), D(100), D(10))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1 200 000", "1200000"), ("1\u00a0200\u00a0000,50 ₽", "1200000.50"), ("90 %", "90"), (7, "7"), (0.1, "0.1")],
)
def test_dec_reads_what_people_type(text, expected):
    assert dec(text) == D(expected)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "NaN", "Infinity", True, "1e999999999", "1000000000000000"])
def test_dec_refuses_non_numbers(text):
    with pytest.raises(FormulaError):
        dec(text)


@pytest.mark.parametrize(("value", "expected"), [("9600.005", "9600.01"), ("9600.004", "9600.00"),
                                                   ("0.015", "0.02"), ("-0.005", "-0.01")])
def test_money_rounds_half_up_to_kopecks(value, expected):
    assert money(D(value)) == D(expected)


def test_check_bands_accepts_the_seeds_scale():
    check_bands(SEEDS_BANDS)
