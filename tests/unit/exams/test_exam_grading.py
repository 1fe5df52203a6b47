"""Grading rules per question type: partial credit, negative weights clamped, wildcard, tolerance/range, matching."""

from __future__ import annotations

import pytest

from app.exams.gift import parse_gift
from app.exams.grading import (
    answer_feedback,
    grade,
    grade_matching,
    is_answered,
    normalize_text,
    parse_number,
    parse_response,
)


def q(text: str):
    result = parse_gift(text)
    assert not result.errors, result.errors
    return result.questions[0]


SINGLE = q("Q {=a#верно ~%50%b#почти ~%-50%c ~d}")
MULTIPLE = q("Q {~%50%a#да ~%50%b ~%-50%c#нет ~%-100%d}")
TF = q("Q {F#ошибка#верно}")
SHORT = q("Q {=направляющий =*направляющ*#корень =%50%Н =Ёлка}")
NUMBER = q("Q {#=1822:0#точно =%50%1822:2#почти ~#мимо}")
RANGE = q("Q {#60..70}")
MATCH = q("Q {=a -> 1 =b -> 2 =c -> 3 = -> 4}")
ESSAY = q("Q {}")


@pytest.mark.parametrize("choice, expected", [(0, 1.0), (1, 0.5), (2, 0.0), (3, 0.0), (None, 0.0), (99, 0.0)])
def test_single_choice_takes_the_weight_and_never_goes_negative(choice, expected):
    assert grade(SINGLE, choice) == expected


@pytest.mark.parametrize(
    "chosen, expected",
    [([0, 1], 1.0), ([0], 0.5), ([0, 1, 2], 0.5), ([0, 2], 0.0), ([2, 3], 0.0), ([], 0.0), ([0, 1, 0], 1.0)],
)
def test_multiple_choice_partial_credit_negative_weights_clamped_at_zero(chosen, expected):
    assert grade(MULTIPLE, chosen) == pytest.approx(expected)


@pytest.mark.parametrize("value, expected", [(False, 1.0), (True, 0.0), (None, 0.0)])
def test_true_false(value, expected):
    assert grade(TF, value) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("направляющий", 1.0),
        ("  НАПРАВЛЯЮЩИЙ ", 1.0),  # case-insensitive, spaces trimmed
        ("направляющие вопросы", 1.0),  # the * wildcard
        ("н", 0.5),
        ("елка", 1.0),  # ё = е
        ("извлекающий", 0.0),
        ("", 0.0),
    ],
)
def test_short_answer(text, expected):
    assert grade(SHORT, text) == expected


def test_short_answer_wildcard_is_anchored_and_literal_star_can_be_escaped():
    star = q("Q {=a\\*b}")  # GIFT leaves \\* alone: a literal star for the matcher
    assert grade(star, "a*b") == 1.0 and grade(star, "axxb") == 0.0
    assert grade(q("Q {=*ход}"), "переход") == 1.0
    assert grade(q("Q {=*ход}"), "ходить") == 0.0


@pytest.mark.parametrize(
    "text, expected", [("1822", 1.0), ("1823,5", 0.5), ("1 820", 0.5), ("1819", 0.0), ("abc", 0.0), ("", 0.0)]
)
def test_numerical_tolerance_and_partial_credit_best_match(text, expected):
    assert grade(NUMBER, text) == expected


@pytest.mark.parametrize("text, expected", [("60", 1.0), ("65.5", 1.0), ("70", 1.0), ("59.9", 0.0), ("71", 0.0)])
def test_numerical_range_includes_its_ends(text, expected):
    assert grade(RANGE, text) == expected


@pytest.mark.parametrize(
    "text, number",
    [
        ("1 440", 1440.0),
        ("3,5", 3.5),
        ("-2", -2.0),
        ("1e3", 1000.0),
        ("12\u00a0000", 12000.0),
        ("1.2.3", None),
        ("пять", None),
    ],
)
def test_parse_number(text, number):
    assert parse_number(text) == number


def test_matching_per_pair_and_all_or_nothing():
    all_right = {"0": "1", "1": "2", "2": "3"}
    assert grade(MATCH, all_right) == 1.0
    assert grade(MATCH, {"0": "1", "1": "3", "2": "4"}) == pytest.approx(1 / 3)
    assert grade(MATCH, {}) == 0.0
    assert grade_matching(MATCH, {"0": "1", "1": "2", "2": "4"}, partial=False) == 0.0
    assert grade_matching(MATCH, all_right, partial=False) == 1.0


def test_essay_is_left_to_a_person():
    assert grade(ESSAY, "Мой ответ") is None
    assert is_answered(ESSAY, "Мой ответ") and not is_answered(ESSAY, "   ")


def test_wrong_response_shapes_score_zero_instead_of_failing():
    assert grade(SINGLE, "0") == 0.0
    assert grade(MULTIPLE, ["x", 0]) == 0.5
    assert grade(TF, "false") == 0.0
    assert grade(MATCH, ["1"]) == 0.0


def test_parse_response_per_type():
    assert parse_response(SINGLE, {"": ["1"]}) == 1
    assert parse_response(SINGLE, {"": ["7"]}) is None
    assert parse_response(SINGLE, {}) is None
    assert parse_response(MULTIPLE, {"": ["2", "0", "0", "x"]}) == [0, 2]
    assert parse_response(TF, {"": ["false"]}) is False
    assert parse_response(TF, {"": ["maybe"]}) is None
    assert parse_response(SHORT, {"": ["ответ"]}) == "ответ"
    assert parse_response(MATCH, {"m0": ["1"], "m1": ["нет такого"], "m3": ["4"]}) == {"0": "1"}
    assert parse_response(ESSAY, {"": ["x" * 30000]}) == "x" * 20000


def test_feedback_follows_the_answer():
    assert answer_feedback(SINGLE, 0) == ["верно"]
    assert answer_feedback(MULTIPLE, [0, 2]) == ["да", "нет"]
    assert answer_feedback(TF, False) == ["верно"] and answer_feedback(TF, True) == ["ошибка"]
    assert answer_feedback(SHORT, "направляющие") == ["корень"]
    assert answer_feedback(NUMBER, "1822") == ["точно"] and answer_feedback(NUMBER, "5") == ["мимо"]
    assert answer_feedback(SINGLE, None) == []


def test_normalize_text():
    assert normalize_text("  Ёж   и  ЁЛКА ") == "еж и елка"
