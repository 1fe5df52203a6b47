"""GIFT parser errors: each names the line of the offending question (or answer) and never stops the import."""

from __future__ import annotations

import pytest

from app.exams.gift import parse_gift

CASES = [
    ("no closing brace", "Q {=a ~b", 1, "нет закрывающей"),
    ("closing brace first", "Q } {=a ~b}", 1, "раньше открывающей"),
    ("description only", "Просто текст без ответов", 1, "нет блока ответов"),
    ("stray closing brace", "Текст }", 1, "без открывающей"),
    ("nested brace", "Q {=a {~b}", 1, "вторая {"),
    ("two answer blocks", "Q {=a ~b} и ещё {=c ~d}", 1, "второй блок"),
    ("unclosed name", "::Имя без конца Q {T}", 1, "имя вопроса не закрыто"),
    ("empty text", "::Имя::{T}", 1, "пустой текст"),
    ("bad weight", "Q {\n=a\n~%abc%b\n}", 3, "неверный вес"),
    ("weight out of range", "Q {\n=a\n~%150%b\n}", 3, "вне диапазона"),
    ("one option only", "Q {~%100%a}", 1, "хотя бы два варианта"),
    ("single without 100 %", "Q {=%50%a ~b}", 1, "нет варианта с весом 100%"),
    ("multiple weights do not add up", "Q {~%50%a ~%20%b ~c}", 1, "сумма положительных весов 70%"),
    ("empty choice", "Q {=a ~ ~b}", 1, "пустой вариант"),
    ("matching without arrow", "Q {\n=a -> 1\n=b 2\n}", 3, "нет «->»"),
    ("matching with one pair", "Q {=a -> 1 = -> 2}", 1, "хотя бы две пары"),
    ("matching with feedback", "Q {=a -> 1#x =b -> 2}", 1, "обратной связи"),
    ("not a number", "N {\n#=abc:1\n}", 2, "не число"),
    ("reversed range", "N {#70..60}", 1, "начало больше конца"),
    ("numerical without full mark", "N {#=%50%3}", 1, "весом 100%"),
    ("short answer without full mark", "S {=%50%a}", 1, "весом 100%"),
    ("unknown answer syntax", "Q {что-то}", 1, "не удалось понять ответы"),
    ("text before the first answer", "Q {лишнее =a ~b}", 1, "перед первым ответом"),
]


@pytest.mark.parametrize("label, body, line, message", CASES, ids=[c[0] for c in CASES])
def test_error_names_the_line_and_the_reason(label, body, line, message):
    text = "// [id:good-1]\nХорошо {T}\n\n// [id:bad]\n" + body + "\n\n// [id:good-2]\nТоже хорошо {F}\n"
    result = parse_gift(text)
    assert [q.idnumber for q in result.questions] == ["good-1", "good-2"]  # the bad one never aborts the rest
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.line == 4 + line
    assert message in error.message
    assert error.idnumber == "bad"
    assert str(error).startswith(f"строка {4 + line} [bad]: ")


def test_duplicate_id_is_refused_at_the_second_question():
    result = parse_gift("// [id:x]\nQ1 {T}\n\n// [id:x]\nQ2 {F}")
    assert [q.text for q in result.questions] == ["Q1"]
    assert result.errors[0].line == 5
    assert "уже встречался в строке 2" in result.errors[0].message


def test_errors_are_independent_and_in_file_order():
    result = parse_gift("A {\n\nB {=x ~y}\n\nC }\n\nD {T}")
    assert [q.text for q in result.questions] == ["B", "D"]
    assert [e.line for e in result.errors] == [1, 5]


def test_empty_and_comment_only_text_gives_nothing():
    result = parse_gift("// only a comment\n\n   \n")
    assert result.questions == [] and result.errors == []
