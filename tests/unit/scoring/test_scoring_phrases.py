"""Phrase patterns: inflection, ASR misspellings, split words, classes and pattern syntax."""

from __future__ import annotations

import pytest

from scoring.phrases import PatternError, PatternSet, TokenView, compile_pattern, find, find_any
from scoring.text import merge_numerals, tokenize


def view(text: str) -> TokenView:
    return TokenView.build(merge_numerals(tokenize(text)))


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("соединю", "сейчас соединим вас"),  # another form of the same lemma
        ("удобно говорить", "Вам удобно говорить сейчас?"),
        ("переключаю", "щас пераключаю"),  # ASR misspelling
        ("стрелаэкспресс", "компания стрела экспресс добрый день"),  # split by the recogniser
        ("меня зовут @name", "меня зовут Марина"),
        ("в @time", "давайте в четверг в 11"),
        ("в @time", "в 11:30 вам удобно"),
        ("@num числа", "пятнадцатого числа"),
        ("@name @patr", "это Елена Викторовна"),
        ("звоню ... по поводу", "звоню вам как раз по поводу доставки"),
        ("пару|несколько минут", "есть несколько минут"),
        ("вам? удобно", "удобно сейчас"),
        ("=минуту", "минуту"),
        ("@name @surname", "добрый день роман шилов банк восток"),  # "роман" + a surname-like word
        ("@name @surname @brand", "павел громов северная звезда добрый день"),  # brand of dictionary words
        ("@name @surname @brand", "ирина белова альфа логистик"),
        ("@name @surname @brand", "ирина белова логистикпро"),  # an unknown word is a brand too
    ],
)
def test_patterns_match(pattern, text):
    assert find(compile_pattern(pattern), view(text)) is not None


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("соединяю", "мы не работаем"),
        ("меня зовут @name", "меня зовут на совещание"),
        ("в @time", "печать до трёх цветов в 1С"),
        ("=минуту", "пару минут есть"),
        ("удобно говорить", "говорить удобно"),  # order matters
        ("стоимость", "мощность"),  # a different real word is not a typo
        ("@name @surname @brand", "иван петров добрый день"),  # a greeting is not a company
        ("@name @surname @brand", "иван петров менеджер по продажам"),  # nor a job title
        ("@name @surname @brand", "иван петров звоню вам"),  # nor a verb
        ("@name @surname", "новый роман вышел"),  # a noun, not a name, when no surname follows
    ],
)
def test_patterns_do_not_match(pattern, text):
    assert find(compile_pattern(pattern), view(text)) is None


def test_fuzzy_match_scores_lower_than_exact():
    pattern = compile_pattern("переключаю")
    exact = find(pattern, view("переключаю"))
    fuzzy = find(pattern, view("пераключаю"))
    assert exact is not None and fuzzy is not None
    assert fuzzy.score < exact.score == 100.0


@pytest.mark.parametrize("bad", ["", "   ", "@weekday", "...", "слово?"])
def test_bad_patterns_are_refused(bad):
    with pytest.raises(PatternError):
        compile_pattern(bad)


def test_pattern_sets_index_exact_forms_and_selective_words():
    weekday, habit = compile_pattern("=пятницу"), compile_pattern("а бывает")
    patterns = PatternSet([weekday, habit])
    assert patterns.candidates(view("созвонимся в пятницу")) == [weekday]
    assert patterns.candidates(view("по пятницам бывает")) == [habit]  # indexed by «бывает», not «а»
    assert patterns.candidates(view("а мы по пятницам")) == []
    assert find_any(patterns, view("а по пятницам")) is None
    assert find_any(patterns, view("давайте в пятницу")) is not None
