"""Hallucination filtering and WER."""

from __future__ import annotations

import pytest

from scoring.asr.base import AsrSegment, AsrWord, split_on_pauses
from scoring.asr.filters import collapse_loops, drop_reason, filter_segments, strip_captions
from scoring.asr.wer import normalize_words, word_error_rate, word_errors


def seg(text: str, start: float = 0.0, end: float = 2.0, **kw) -> AsrSegment:
    return AsrSegment(start, end, text, **kw)


def worded(
    tokens: list[str], start: float = 0.0, step: float = 0.5, gap_after: dict | None = None
) -> AsrSegment:
    words, t = [], start
    for i, tok in enumerate(tokens):
        words.append(AsrWord(" " + tok, t, t + step * 0.8, 0.9))
        t += step + (gap_after or {}).get(i, 0.0)
    return AsrSegment(start, words[-1].end, " ".join(tokens), words=tuple(words))


@pytest.mark.parametrize(
    ("segment", "reason"),
    [
        (seg("Субтитры сделал DimaTorzok"), "credits"),
        (seg("Продолжение следует..."), "credits"),
        (seg("Спасибо за просмотр!"), "credits"),
        (seg("Подписывайтесь на канал"), "credits"),
        (seg("Алло", no_speech_prob=0.9, avg_logprob=-1.2), "silence"),
        (seg("какой-то набор звуков", avg_logprob=-1.8), "low_confidence"),
        (seg("да да да да", compression_ratio=3.1), "repetitive"),
        (seg(" ... "), "empty"),
    ],
)
def test_hallucinations_are_recognised(segment, reason):
    assert drop_reason(segment) == reason


@pytest.mark.parametrize(
    "segment",
    [
        seg("Добрый день, меня зовут Алексей, компания Стрела Экспресс."),
        seg("Спасибо за внимание, до свидания."),
        seg("Слушаю", no_speech_prob=0.7, avg_logprob=-0.3),  # quiet but confident: keep
        seg("Да.", no_speech_prob=0.2, avg_logprob=-1.2),  # unsure but not silence: keep, marked by figures
    ],
)
def test_real_speech_is_kept(segment):
    assert drop_reason(segment) is None


def test_decoder_loops_collapse_to_one_copy_and_keep_word_timing():
    looped = worded(
        ["мы", "вам", "перезвоним", "мы", "вам", "перезвоним", "мы", "вам", "перезвоним", "завтра"]
    )
    fixed = collapse_loops(looped)
    assert fixed.text == "мы вам перезвоним завтра"
    assert [w.text.strip() for w in fixed.words] == ["мы", "вам", "перезвоним", "завтра"]
    assert fixed.end == looped.words[-1].end


def test_a_spoken_yes_yes_yes_is_not_a_loop():
    assert collapse_loops(worded(["да", "да", "да", "конечно"])).text == "да да да конечно"
    assert collapse_loops(seg("да да да да да да")).text == "да"


def test_sound_captions_are_cut_out_of_speech():
    mixed = worded(["Да,", "помню.", "СПОКОЙНАЯ", "МУЗЫКА"])
    assert strip_captions(mixed).text == "Да, помню."
    assert (
        strip_captions(seg("Оплата через ООО СДЭК")).text == "Оплата через ООО СДЭК"
    )  # capitals, not captions


def test_filter_reports_what_it_dropped_and_drops_a_third_repeat():
    kept, dropped = filter_segments(
        [
            seg("Алло."),
            seg("АПЛОДИСМЕНТЫ"),
            seg("Вы меня слышите?"),
            seg("Вы меня слышите?"),
            seg("Вы меня слышите?"),
        ]
    )
    assert [s.text for s in kept] == ["Алло.", "Вы меня слышите?", "Вы меня слышите?"]
    assert [reason for _, reason in dropped] == ["caption", "repeated"]


def test_long_pauses_split_a_segment_at_word_level():
    joined = worded(["алло", "слушаю", "добрый", "день"], gap_after={1: 3.0})
    parts = split_on_pauses(joined)
    assert [p.text for p in parts] == ["алло слушаю", "добрый день"]
    assert parts[1].start == joined.words[2].start and parts[0].end == joined.words[1].end
    assert split_on_pauses(worded(["одна", "фраза"])) == [worded(["одна", "фраза"])]


def test_wer_normalises_case_punctuation_yo_and_hyphens():
    assert normalize_words("Всё, интернет-магазин! Ёж?") == ["все", "интернет", "магазин", "еж"]
    assert word_error_rate("всё хорошо, спасибо", "Все хорошо. Спасибо!") == 0.0


def test_wer_counts_each_kind_of_edit():
    result = word_errors("мы доставляем документы сегодня", "мы доставим документы сегодня же")
    assert (result.substitutions, result.deletions, result.insertions) == (1, 0, 1)
    assert result.wer == pytest.approx(2 / 4)
    assert word_errors("a b c", "a c").deletions == 1
    assert word_error_rate("", "") == 0.0 and word_error_rate("", "лишнее") == 1.0
    total = word_errors("a b", "a x") + word_errors("c d", "c d")
    assert total.wer == pytest.approx(1 / 4)


def test_engine_reports_are_per_thread():
    import threading

    import numpy as np

    from scoring.asr.base import AsrEngine

    class Scripted(AsrEngine):
        vad = False

        def _recognise(self, samples, *, language, progress, vocabulary=None):
            text = "Субтитры сделал DimaTorzok" if samples[0] > 0 else "Добрый день"
            return [AsrSegment(0.0, 1.0, text)]

    engine, seen = Scripted(), {}

    def run(value: float) -> None:
        kept = engine.transcribe(np.full(16000, value, np.float32))
        seen[value] = ([s.text for s in kept], engine.last_dropped, set(engine.last_timings))

    threads = [threading.Thread(target=run, args=(v,)) for v in (0.5, -0.5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen[0.5] == ([], [("Субтитры сделал DimaTorzok", "credits")], {"asr"})
    assert seen[-0.5] == (["Добрый день"], [], {"asr"})
