"""Russian text layer and transcript model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.text import analyze, lemmatize, merge_numerals, normalize, split_sentences, tokenize
from scoring.transcript import (
    Transcript,
    TranscriptError,
    is_question,
    load_transcript,
    split_clauses,
)


def test_normalize_lowercases_replaces_yo_and_drops_punctuation():
    assert normalize("Ещё раз, «СтрелаЭкспресс»!") == "еще раз стрелаэкспресс"


def test_tokenize_drops_hesitations_and_keeps_clock_times():
    assert tokenize("Ээ, давайте в 11:30, ммм, в четверг") == ["давайте", "в", "11:30", "в", "четверг"]


def test_numerals_become_digits():
    words = tokenize("в одиннадцать, двадцать пятого числа, сто двадцать пять рублей, 15-го")
    assert merge_numerals(words) == ["в", "11", "25", "числа", "125", "рублей", "15"]


def test_lemmas_cover_inflection_and_spoken_forms():
    assert lemmatize("соединю переключаю щас") == ["соединить", "переключать", "сейчас"]
    assert "соединять" in analyze("соединяю").lemmas


def test_names_and_patronymics_are_recognised():
    assert analyze("марина").is_name
    assert "Patr" in analyze("викторовна").name_tags
    assert not analyze("вера").is_name  # a common noun first


def test_sentences_split_only_when_punctuated():
    assert split_sentences("Добрый день. Удобно говорить?") == ["Добрый день.", "Удобно говорить?"]
    assert split_sentences("добрый день удобно говорить") == ["добрый день удобно говорить"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Удобно говорить?", True),
        ("понятно а сколько у вас машин", True),
        ("скажите как вы сейчас отправляете", True),
        ("а у вас есть свой склад", True),
        ("вы же сами возите верно", True),
        ("во сколько вам удобно", True),
        ("я думаю что это дорого", False),
        ("Сколько-то мы отправляем.", False),
        ("Добрый день", False),
    ],
)
def test_questions_by_punctuation_and_interrogative_cues(text, expected):
    assert is_question(text) is expected


def test_unpunctuated_questions_are_split_into_clauses():
    words = tokenize("понятно а сколько вы отправляете в месяц а кто у вас этим занимается")
    assert len(split_clauses("понятно а сколько", words)) == 2


def test_load_transcript_keeps_unknown_keys(tmp_path: Path):
    data = {
        "language": "ru",
        "duration": 5.0,
        "meta": {"call_id": 7},
        "segments": [{"speaker": "client", "start": 0.1, "end": 1.0, "text": "Алло", "channel": 1}],
    }
    path = tmp_path / "call.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    transcript = load_transcript(path)
    assert transcript.to_dict()["meta"] == {"call_id": 7}
    assert transcript.to_dict()["segments"][0]["channel"] == 1
    assert Transcript.from_dict(transcript.to_dict()).to_dict() == transcript.to_dict()


def test_segments_are_put_in_time_order():
    transcript = load_transcript(
        {
            "segments": [
                {"speaker": "client", "start": 3.0, "end": 4.0, "text": "второй"},
                {"speaker": "manager", "start": 1.0, "end": 2.0, "text": "первый"},
            ]
        }
    )
    assert [s.text for s in transcript.segments] == ["первый", "второй"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be a JSON object or a file path"),
        ({}, "no 'segments' list"),
        ({"segments": {}}, "'segments' must be a list"),
        ({"segments": [{"speaker": "boss", "start": 0, "end": 1, "text": ""}]}, "segments[0].speaker"),
        ({"segments": [{"speaker": "client", "start": "0", "end": 1, "text": ""}]}, "segments[0].start"),
        ({"segments": [{"speaker": "client", "start": 0, "end": 1, "text": 5}]}, "segments[0].text"),
    ],
)
def test_invalid_transcripts_say_where(data, message):
    with pytest.raises(TranscriptError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_transcript(data)


def test_unreadable_file_names_the_file(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(TranscriptError, match="broken.json: invalid JSON at line 1"):
        load_transcript(path)


@pytest.mark.parametrize(
    "text",
    [
        # verb-first yes/no questions and "есть у вас"
        "бывают у вас перебои с поставками",
        "не было задержек в этом квартале",
        "есть у вас пара минут",
        "есть минутка сейчас",
        # clause-final convenience checks and slot tags
        "звоню по поводу уборки вашего офиса удобно сейчас",
        "хотел обсудить доставку образцов есть пара минут",
        "давайте я подъеду в четверг в три нормально",
        "в среду в одиннадцать вам удобно после планёрки",
        "это два склада правильно я понимаю",
        # alternatives and "а …" frames
        "вы сейчас возите сами или через транспортную компанию",
        "а отгружаете со своего склада",
        "а с оплатой бывают задержки у ваших клиентов",
        "а бухгалтерией вы довольны",
        "а переключить на отдел закупок можно",
        "а сейчас есть какие-то сложности с возвратами",
        "а платит кто ваш отдел или головной офис",
        "по безналу или картой",
        # preposition + wh-word, wh-word with "вы" later, "это как …"
        "на какой адрес выслать договор",
        "с чем это связано",
        "хорошо коротко сколько машин вы сейчас держите",
        "вы сейчас с кем работаете по рекламе",
        "а простой это во что обходится",
        "это как отражается на сроках",
        # hypotheticals and polite requests
        "если бы всё приезжало до обеда вам было бы удобнее",
        "если бы отчёты приходили каждый день это сэкономило бы вам время",
        "если так и дальше пойдёт что это значит для отдела",
        "можете подсказать кто принимает решение",
        "продиктуете номер договора",
    ],
)
def test_unpunctuated_questions_are_recognised(text):
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "спасибо вам что нашли время",
        "так что вы ничего не теряете",
        "доставка у нас работает нормально",
        "у нас всё нормально",
        "вы можете оплатить картой или по счёту",
        "а потом вы получаете отчёт на почту",
        "мы можем во вторник или в среду",
        "если вам удобно я подъеду сам",
        "если бы вы знали сколько мы возим",
        "это как раз наш случай",
        "ну устраивает в целом",
        "звоните или пишите в любое время",
        "бывает конечно не без этого",
    ],
)
def test_statements_stay_statements(text):
    assert not is_question(text)
