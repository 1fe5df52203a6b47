"""GIFT parser: one test per feature of the format (Moodle behaviour where it matters)."""

from __future__ import annotations

import pytest

from app.exams.gift import Answer, MatchPair, NumberAnswer, QType, normalize_category, parse_gift


def one(text: str, **kwargs):
    result = parse_gift(text, **kwargs)
    assert result.errors == [], [str(e) for e in result.errors]
    assert len(result.questions) == 1
    return result.questions[0]


def test_name_text_and_single_choice_with_feedback():
    q = one("::Имя вопроса::Сколько будет 2+2?{=четыре#Верно ~три#Нет ~%50%пять#Почти}")
    assert q.name == "Имя вопроса"
    assert q.text == "Сколько будет 2+2?"
    assert q.qtype == QType.SINGLE
    assert q.answers == (Answer("четыре", 100, "Верно"), Answer("три", 0, "Нет"), Answer("пять", 50, "Почти"))


def test_question_without_name_has_empty_name():
    assert one("Текст {=да ~нет}").name == ""


FORMAT_CASES = [
    ("", "moodle"),
    ("[markdown]", "markdown"),
    ("[html]", "html"),
    ("[plain]", "plain"),
    ("[moodle]", "moodle"),
    ("[MARKDOWN]", "markdown"),
]


@pytest.mark.parametrize("prefix, expected", FORMAT_CASES)
def test_text_formats(prefix, expected):
    q = one(f"::N::{prefix}**Текст**{{T}}")
    assert q.text_format == expected
    assert q.text == "**Текст**"


def test_unknown_format_stays_in_the_text():
    assert one("::N::[latex]x{T}").text == "[latex]x"


def test_multiple_choice_with_negative_and_decimal_weights():
    q = one("Q {~%50%a ~%50%b ~%-33.33333%c ~%-100%d#плохо}")
    assert q.qtype == QType.MULTIPLE
    assert [a.weight for a in q.answers] == [50, 50, -33.33333, -100]
    assert q.answers[3].feedback == "плохо"


def test_weight_with_decimal_comma_is_read():
    assert one("Q {~%33,5%a ~%66,5%b ~c}").answers[0].weight == 33.5


@pytest.mark.parametrize("token, truth", [("T", True), ("TRUE", True), ("F", False), ("FALSE", False)])
def test_true_false_tokens(token, truth):
    q = one(f"Утверждение {{{token}}}")
    assert q.qtype == QType.TRUEFALSE and q.truth is truth


def test_true_false_feedback_order_is_wrong_then_right():
    q = one("Утверждение {FALSE#если ошибся#если прав####общий}")
    assert (q.feedback_wrong, q.feedback_right, q.general_feedback) == ("если ошибся", "если прав", "общий")


def test_short_answer_with_weights_and_wildcard():
    q = one("Тип? {=направляющий =*направляющ*#по корню =%50%Н}")
    assert q.qtype == QType.SHORT
    assert q.answers == (Answer("направляющий", 100), Answer("*направляющ*", 100, "по корню"), Answer("Н", 50))


def test_numerical_tolerance_range_and_plain():
    assert one("N {#1440:10}").numbers == (NumberAnswer(1440, 10),)
    assert one("N {#60..70}").numbers == (NumberAnswer(low=60, high=70, is_range=True),)
    assert one("N {#-3.5}").numbers == (NumberAnswer(-3.5, 0),)


def test_numerical_several_answers_with_partial_credit_and_wrong_feedback():
    q = one("N {#=1822:0#точно =%50%1822:2#почти ~#мимо}")
    assert q.qtype == QType.NUMERICAL
    assert q.numbers == (NumberAnswer(1822, 0, feedback="точно"), NumberAnswer(1822, 2, weight=50, feedback="почти"))
    assert q.wrong_feedback == "мимо"


def test_matching_with_a_distractor():
    q = one("Сопоставьте {=a -> 1 =b -> 2 = -> 3}")
    assert q.qtype == QType.MATCHING
    assert q.pairs == (MatchPair("a", "1"), MatchPair("b", "2"), MatchPair("", "3"))


def test_empty_braces_make_an_essay():
    q = one("Напишите эссе {}")
    assert q.qtype == QType.ESSAY and q.general_feedback == ""


def test_general_feedback_is_taken_off_before_the_type_is_decided():
    # spin-029 / product-029: only a model answer as general feedback -> still an essay (Moodle does the same).
    q = one("::Эссе::Напишите цепочку {####Ориентир для проверяющего\\: вопросы о последствиях.}")
    assert q.qtype == QType.ESSAY
    assert q.general_feedback == "Ориентир для проверяющего: вопросы о последствиях."


def test_general_feedback_on_choice_and_numerical():
    assert one("Q {=a ~b####общий}").general_feedback == "общий"
    assert one("N {#5:1####общий}").general_feedback == "общий"


def test_missing_word_keeps_the_text_around_the_blank():
    q = one("Вопросы о последствиях называются {=извлекающими ~ситуационными} вопросами.")
    assert q.missing_word
    assert q.text == "Вопросы о последствиях называются "
    assert q.text_after == " вопросами."


def test_answers_at_the_end_are_not_a_missing_word():
    assert not one("Вопрос? {=a ~b}").missing_word


@pytest.mark.parametrize(
    "escaped, plain",
    [("\\~", "~"), ("\\=", "="), ("\\#", "#"), ("\\{", "{"), ("\\}", "}"), ("\\:", ":"), ("\\\\", "\\"), ("\\n", "\n")],
)
def test_escapes_in_text_answers_and_feedback(escaped, plain):
    q = one(f"::N{escaped}M::A{escaped}B {{=x{escaped}y#f{escaped}g ~z}}")
    assert q.name == f"N{plain}M"
    assert q.text == f"A{plain}B"
    assert q.answers[0] == Answer(f"x{plain}y", 100, f"f{plain}g")


def test_backslash_before_an_ordinary_character_is_kept():
    assert one("a\\d {T}").text == "a\\d"


def test_categories_and_default_category():
    result = parse_gift(
        "Q1 {T}\n\n$CATEGORY: spin/types\n\nQ2 {T}\n\n$CATEGORY: $course$/top/Отдел/spin\n\nQ3 {F}",
        default_category="root",
    )
    assert [q.category for q in result.questions] == ["root", "spin/types", "Отдел/spin"]
    assert result.categories == ["spin/types", "Отдел/spin"]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("spin/types", "spin/types"),
        (" /spin// types/ ", "spin/types"),
        ("$course$/top/a/b", "a/b"),
        ("$system$/top", ""),
        ("top", ""),
    ],
)
def test_normalize_category(raw, expected):
    assert normalize_category(raw) == expected


def test_id_and_tags_from_the_comment_line_moodle4_style():
    q = one("// [id:spin-001] [tag:needs_discovery] [tag:closing] [tag:needs_discovery]\n::N::Q {T}")
    assert q.idnumber == "spin-001"
    assert q.tags == ("needs_discovery", "closing")


def test_escaped_bracket_in_id_and_tag():
    q = one("// [id:a\\]b] [tag:x\\]y]\nQ {T}")
    assert (q.idnumber, q.tags) == ("a]b", ("x]y",))


def test_plain_comments_are_ignored_everywhere():
    text = "// header\n\n// about the question\n::N::Вопрос\n// a comment inside\n{=a\n// another\n~b}\n"
    q = one(text)
    assert q.answers == (Answer("a", 100), Answer("b", 0))
    assert q.idnumber == ""


def test_url_with_double_slash_inside_a_line_is_not_a_comment():
    assert one("См. https\\://example.org {T}").text == "См. https://example.org"


def test_multi_line_question_and_answers():
    q = one("::N::Первая строка\nвторая строка\n{\n\t=верный#да\n\t~неверный#нет\n####общий\n}")
    assert q.text == "Первая строка\nвторая строка"
    assert q.answers == (Answer("верный", 100, "да"), Answer("неверный", 0, "нет"))
    assert q.general_feedback == "общий"


def test_blank_lines_separate_questions_and_windows_newlines_and_bom_are_fine():
    result = parse_gift("\ufeffQ1 {T}\r\n\r\n\r\nQ2 {F}\r\n   \r\nQ3 {=a ~b}")
    assert [q.text for q in result.questions] == ["Q1", "Q2", "Q3"]


def test_question_line_is_its_first_non_comment_line():
    result = parse_gift("$CATEGORY: a\n\n// [id:x]\n::N::Q {T}\n\n\nQ2\n{F}")
    assert [q.line for q in result.questions] == [4, 7]


def test_category_line_followed_by_a_question_in_the_same_block():
    result = parse_gift("$CATEGORY: a/b\n::N::Q {T}")
    assert [(q.category, q.text, q.line) for q in result.questions] == [("a/b", "Q", 2)]


def test_moodle_format_prefixes_on_answers_and_feedback_are_taken_off():
    q = one("::N::[html]<p>Q</p>{=[html]<p>да &amp; нет</p>#[moodle]верно ~[plain]нет####[html]<b>общий</b>}")
    assert q.text == "<p>Q</p>" and q.text_format == "html"
    assert q.answers == (Answer("да & нет", 100, "верно"), Answer("нет", 0))
    assert q.general_feedback == "общий"
