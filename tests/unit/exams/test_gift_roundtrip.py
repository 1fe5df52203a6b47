"""Round trip: parse -> write -> parse gives equal questions, for every type and for every shipped bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.exams.gift import (
    Answer,
    MatchPair,
    NumberAnswer,
    QType,
    Question,
    parse_gift,
    write_gift,
    write_question,
)

ROOT = Path(__file__).resolve().parents[3]
BANKS = sorted(ROOT.glob("courses/*/questions.gift"))

EVERY_TYPE = """
$CATEGORY: demo/all

// [id:t-single] [tag:opening]
::Один::[markdown]**Текст**\\nс переносом{=да#верно ~нет#неверно ~%25%почти}

// [id:t-multiple] [tag:closing] [tag:opening]
::Несколько::Выберите{~%50%a ~%50%b ~%-33.33333%c#минус ~%-100%d####общий}

// [id:t-tf]
Утверждение {TRUE#ошибка#верно####общий}

// [id:t-tf-plain]
Утверждение 2 {F}

// [id:t-short]
Коротко {=ответ#да =*отв*#корень =%50%Н}

// [id:t-num]
Число {#1440:10#ok####gen}

// [id:t-num-range]
Диапазон {#60..70}

// [id:t-num-multi]
Несколько чисел {#=1822:0#точно =%50%1822:2.5#почти ~#мимо}

// [id:t-match]
[html]<b>Сопоставьте</b>{=a -> 1 =b\\: c -> 2 = -> 3####общий}

// [id:t-essay]
Эссе {}

// [id:t-essay-gf]
Эссе с ориентиром {####Ориентир\\: три вопроса.}

// [id:t-missing]
Вопросы о последствиях называются {=извлекающими#да ~ситуационными} вопросами.

// [id:t-missing-short]
Документы вернутся {=в тот же день} после доставки.

// [id:t-missing-num]
Скидка {#10:1} процентов.

$CATEGORY: demo/other

// [id:t-escapes]
::Имя \\: с \\{скобками\\}::Текст \\~ \\= \\# \\\\ конец{=a\\=b#f\\#g ~c\\~d}
"""


def test_every_type_survives_a_round_trip():
    first = parse_gift(EVERY_TYPE)
    assert first.errors == []
    kinds = {(q.qtype, q.missing_word) for q in first.questions}
    assert {k for k, _mw in kinds} == set(QType)
    assert any(mw for _k, mw in kinds)
    second = parse_gift(write_gift(first.questions))
    assert second.errors == []
    assert second.questions == first.questions


@pytest.mark.parametrize("path", BANKS, ids=[p.parent.name for p in BANKS])
def test_shipped_bank_parses_cleanly_and_round_trips(path):
    first = parse_gift(path.read_text(encoding="utf-8"), default_category=path.parent.name)
    assert first.errors == [], [str(e) for e in first.errors]
    assert len(first.questions) >= 25
    assert all(q.idnumber and q.tags for q in first.questions)
    assert len({q.qtype for q in first.questions}) >= 6  # banks mix types
    second = parse_gift(write_gift(first.questions))
    assert second.questions == first.questions


def test_there_are_shipped_banks():
    assert len(BANKS) >= 6


def test_writer_escapes_what_would_otherwise_be_syntax():
    tricky = Question(
        QType.SINGLE,
        "Текст с ~ = # { } : \\ и\nпереносом",
        name="Имя: {x}",
        answers=(Answer("a = b", 100, "#1"), Answer("c ~ d", 0)),
        general_feedback="####",
        idnumber="id]x",
        tags=("tag one",),
    )
    text = write_question(tricky)
    assert "\n" not in text.split("{")[0].split("\n", 1)[1]  # the question text is written on one line
    back = parse_gift(text).questions
    assert back == [tricky]


@pytest.mark.parametrize("text", ["[не формат] текст", "// не комментарий", "$CATEGORY: не категория"])
def test_writer_protects_texts_that_look_like_syntax(text):
    question = Question(QType.TRUEFALSE, text, truth=True)
    assert parse_gift(write_question(question)).questions == [question]


def test_numbers_are_written_without_needless_decimals():
    question = Question(QType.NUMERICAL, "N", numbers=(NumberAnswer(1440.0, 10.0), NumberAnswer(0.5, 0.25, weight=50)))
    written = write_question(question)
    assert "=1440:10" in written and "=%50%0.5:0.25" in written


def test_matching_pairs_round_trip_with_escapes():
    question = Question(QType.MATCHING, "M", pairs=(MatchPair("a#", "1~"), MatchPair("b", "2"), MatchPair("", "3")))
    assert parse_gift(write_question(question)).questions == [question]
