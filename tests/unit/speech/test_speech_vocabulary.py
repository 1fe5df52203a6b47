"""The company vocabulary: it reaches the recogniser on every channel, comes from the settings, is recorded."""

from __future__ import annotations

import json
import threading

import numpy as np
import pytest

from scoring.__main__ import main
from scoring.asr import clear_engines, register_engine
from scoring.asr.base import (
    MAX_VOCABULARY_CHARS,
    AsrEngine,
    AsrSegment,
    AsrWord,
    VocabularyError,
    normalize_vocabulary,
)
from scoring.asr.filters import filter_segments, is_prompt_echo
from scoring.bench_asr import bench_runs, render
from scoring.diarize import transcribe_call

WORDS = "Стрела Экспресс, курьерская доставка, логистика"


@pytest.fixture(autouse=True)
def _no_vocabulary_in_the_environment(monkeypatch):
    monkeypatch.delenv("ASR_VOCABULARY", raising=False)


def test_stereo_gives_the_vocabulary_to_both_channels_and_records_it(audio_dir, refs, make_fake_engine):
    engine = make_fake_engine(refs["calls"]["call04_closing"]["turns"])
    transcript = transcribe_call(
        audio_dir / "call04_closing.stereo.flac", engine=engine, vocabulary="  Стрела   Экспресс,\n логистика "
    )
    assert engine.vocabularies == ["Стрела Экспресс, логистика"] * 2  # manager channel, then client channel
    assert transcript["meta"]["vocabulary"] == "Стрела Экспресс, логистика"
    assert transcript["meta"]["layout"] == "stereo"


def test_mono_gives_the_vocabulary_to_its_one_transcription(audio_dir, refs, make_fake_engine):
    engine = make_fake_engine(refs["calls"]["call01_discovery"]["turns"], floor_db=-35.0)
    transcript = transcribe_call(audio_dir / "call01_discovery.mono.ogg", engine=engine, vocabulary=WORDS)
    assert engine.vocabularies == [WORDS]
    assert transcript["meta"]["vocabulary"] == WORDS and transcript["meta"]["roles_inferred"] is True


def test_without_a_vocabulary_meta_says_null(audio_dir, make_fake_engine):
    engine = make_fake_engine()
    transcript = transcribe_call(audio_dir / "clip.wav", engine=engine)
    assert engine.vocabularies == [None]
    assert transcript["meta"]["vocabulary"] is None


def test_the_environment_is_the_default_and_an_empty_string_means_none(audio_dir, make_fake_engine, monkeypatch):
    monkeypatch.setenv("ASR_VOCABULARY", " Ромашка,  цветы ")
    engine = make_fake_engine()
    assert transcribe_call(audio_dir / "clip.wav", engine=engine)["meta"]["vocabulary"] == "Ромашка, цветы"
    assert transcribe_call(audio_dir / "clip.wav", engine=engine, vocabulary="")["meta"]["vocabulary"] is None
    assert transcribe_call(audio_dir / "clip.wav", engine=engine, vocabulary=WORDS)["meta"]["vocabulary"] == WORDS
    assert engine.vocabularies == ["Ромашка, цветы", None, WORDS]
    monkeypatch.setenv("ASR_VOCABULARY", "   ")
    assert transcribe_call(audio_dir / "clip.wav", engine=engine)["meta"]["vocabulary"] is None


def test_a_too_long_vocabulary_is_refused_before_any_work(audio_dir, make_fake_engine, monkeypatch):
    engine = make_fake_engine()
    with pytest.raises(ValueError, match=r"^ASR_VOCABULARY \(--vocabulary\) is 401 characters long"):
        transcribe_call(audio_dir / "clip.wav", engine=engine, vocabulary="а" * 401)
    monkeypatch.setenv("ASR_VOCABULARY", "слово, " * 100)
    with pytest.raises(VocabularyError, match="at most 400"):
        transcribe_call(audio_dir / "clip.wav", engine=engine)
    assert engine.calls == []


def test_normalisation():
    assert normalize_vocabulary(None) is None
    assert normalize_vocabulary(" \n\t ") is None
    assert normalize_vocabulary("Стрела\tЭкспресс,\n\nлогистика ") == "Стрела Экспресс, логистика"
    assert normalize_vocabulary("я " * 199 + "я") == "я " * 199 + "я"  # whitespace runs count as one
    assert len(normalize_vocabulary("б" * MAX_VOCABULARY_CHARS)) == MAX_VOCABULARY_CHARS
    with pytest.raises(VocabularyError) as error:
        normalize_vocabulary("б" * (MAX_VOCABULARY_CHARS + 1))
    assert "\n" not in str(error.value) and "ASR_VOCABULARY" in str(error.value)


def test_the_engine_port_passes_the_normalised_vocabulary_to_the_backend(make_fake_engine):
    engine = make_fake_engine()
    engine.transcribe(np.zeros(16000, np.float32), vocabulary=" Стрела  Экспресс ")
    engine.transcribe(np.zeros(16000, np.float32))
    assert engine.vocabularies == ["Стрела Экспресс", None]


class _Recorder:
    """Stands in for a loaded Whisper model and keeps the keyword arguments of every call."""

    def __init__(self, result: object) -> None:
        self.result, self.kwargs = result, []

    def transcribe(self, samples, **kwargs):
        self.kwargs.append(kwargs)
        return self.result


def test_faster_whisper_puts_the_vocabulary_in_every_window_as_hotwords():
    from scoring.asr.faster import FasterWhisperEngine

    engine = FasterWhisperEngine.__new__(FasterWhisperEngine)  # no model load: only the call is checked
    engine.beam_size, engine.initial_prompt, engine._model = 5, "Алло.", _Recorder(([], None))
    engine._recognise(np.zeros(16000, np.float32), language="ru", progress=None, vocabulary=WORDS)
    engine._recognise(np.zeros(16000, np.float32), language="ru", progress=None)
    with_words, without = engine._model.kwargs
    assert with_words["hotwords"] == WORDS and with_words["initial_prompt"] == "Алло."
    assert with_words["condition_on_previous_text"] is False
    assert without["hotwords"] is None and without["initial_prompt"] == "Алло."


def test_openai_whisper_carries_the_vocabulary_into_every_window():
    from scoring.asr.openai_whisper import OpenAIWhisperEngine

    engine = OpenAIWhisperEngine.__new__(OpenAIWhisperEngine)
    engine.beam_size, engine.initial_prompt, engine.device = 5, "Алло.", "cpu"
    engine._lock, engine._model = threading.Lock(), _Recorder({"segments": []})
    engine._recognise(np.zeros(16000, np.float32), language="ru", progress=None, vocabulary=WORDS)
    engine._recognise(np.zeros(16000, np.float32), language="ru", progress=None)
    with_words, without = engine._model.kwargs
    assert with_words["initial_prompt"] == WORDS and with_words["carry_initial_prompt"] is True
    assert without["initial_prompt"] == "Алло." and without["carry_initial_prompt"] is False


@pytest.fixture
def fake_default_engine(refs, make_fake_engine):
    engine = make_fake_engine(refs["calls"]["call04_closing"]["turns"])
    register_engine(engine, "faster-whisper")
    yield engine
    clear_engines()


@pytest.mark.parametrize("command", ["transcribe", "transcribe-and-score"])
def test_cli_vocabulary_flag(audio_dir, fake_default_engine, tmp_path, capsys, command):
    saved = tmp_path / "t.json"
    args = ["--save-transcript" if command == "transcribe-and-score" else "-o", str(saved)]
    code = main([command, str(audio_dir / "call04_closing.stereo.flac"), "--vocabulary", WORDS, *args])
    assert code == 0, capsys.readouterr().err
    assert json.loads(saved.read_text(encoding="utf-8"))["meta"]["vocabulary"] == WORDS
    assert fake_default_engine.vocabularies == [WORDS, WORDS]


def test_cli_takes_the_environment_unless_told_otherwise(audio_dir, fake_default_engine, monkeypatch, capsys):
    monkeypatch.setenv("ASR_VOCABULARY", "Ромашка")
    assert main(["transcribe", str(audio_dir / "clip.wav")]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["vocabulary"] == "Ромашка"
    assert main(["transcribe", str(audio_dir / "clip.wav"), "--vocabulary", ""]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["vocabulary"] is None


def test_cli_refuses_a_too_long_vocabulary_in_one_line(audio_dir, fake_default_engine, capsys):
    assert main(["transcribe", str(audio_dir / "clip.wav"), "--vocabulary", "x" * 500]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert captured.out == "" and len(lines) == 1
    assert lines[0].startswith("error: ASR_VOCABULARY (--vocabulary) is 500 characters long")
    assert fake_default_engine.calls == []


def test_cli_help_explains_the_flag(capsys):
    with pytest.raises(SystemExit):
        main(["transcribe", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--vocabulary WORDS" in help_text and "company's own words" in help_text and "ASR_VOCABULARY" in help_text


def test_web_transcriber_uses_the_app_setting(app, monkeypatch):
    from app.calls.transcriber import TranscribeRequest, TranscriberError, WhisperTranscriber
    from scoring import diarize

    seen: list[dict] = []

    def fake_transcribe_call(path, **kwargs):
        seen.append(kwargs)
        diarize.resolve_vocabulary(kwargs["vocabulary"])  # validates as the real one does
        return {"language": "ru", "duration": 1.0, "segments": []}

    monkeypatch.setattr(diarize, "transcribe_call", fake_transcribe_call)
    monkeypatch.setenv("ASR_VOCABULARY", "из окружения процесса")  # the app's setting wins over it
    request = TranscribeRequest(__import__("pathlib").Path("/nowhere.wav"), "mono", 1)
    with app.app_context():
        monkeypatch.setitem(app.config, "ASR_VOCABULARY", WORDS)
        WhisperTranscriber().transcribe(request, lambda *a: None)
        monkeypatch.setitem(app.config, "ASR_VOCABULARY", "")
        WhisperTranscriber().transcribe(request, lambda *a: None)
        monkeypatch.setitem(app.config, "ASR_VOCABULARY", "я" * 401)
        with pytest.raises(TranscriberError, match="ASR_VOCABULARY"):
            WhisperTranscriber().transcribe(request, lambda *a: None)
    assert [k["vocabulary"] for k in seen] == [WORDS, "", "я" * 401]
    assert seen[0]["manager_channel"] == "left"


def test_app_config_reads_the_vocabulary_from_the_environment(tmp_path, monkeypatch):
    from app.config import load_config

    assert load_config(str(tmp_path))["ASR_VOCABULARY"] == ""
    monkeypatch.setenv("ASR_VOCABULARY", f" {WORDS} ")
    assert load_config(str(tmp_path))["ASR_VOCABULARY"] == WORDS


def test_bench_runs_every_engine_with_the_vocabulary_and_faster_whisper_also_without():
    assert bench_runs(["faster-whisper", "openai-whisper"], True) == [
        ("faster-whisper", True),
        ("openai-whisper", True),
        ("faster-whisper", False),
    ]
    assert bench_runs(["openai-whisper"], True) == [("openai-whisper", True)]
    assert bench_runs(["faster-whisper", "openai-whisper"], False) == [
        ("faster-whisper", False),
        ("openai-whisper", False),
    ]


def _row(engine: str, vocabulary: bool, rtf: float, errors: int) -> dict:
    return {
        "engine": engine,
        "vocabulary": vocabulary,
        "device": "cpu",
        "compute": "int8",
        "rtf": rtf,
        "cpu_rtf": rtf,
        "audio_s": 100,
        "wer": errors / 100,
        "errors": errors,
        "words": 100,
        "peak_rss_mb": 500,
        "load_s": 1.0,
    }


def test_bench_report_shows_both_figures():
    hyp = {"calls": [{"hypothesis": {"manager": "а б", "client": "в"}}]}
    bench = {
        "machine": {"cpus": 2, "python": "3.11", "load_before": (1.0,), "load_after": (1.0,), "date": "d"},
        "vocabulary": WORDS,
        "summary": [
            _row("faster-whisper", True, 0.2, 12),
            _row("openai-whisper", True, 2.0, 11),
            _row("faster-whisper", False, 0.19, 19),
        ],
        "results": [hyp, hyp, hyp],
    }
    report = render(bench)
    assert f"«{WORDS}»" in report
    assert "| faster-whisper | yes | cpu int8 | 0.200 |" in report
    assert "| faster-whisper | none | cpu int8 | 0.190 |" in report
    assert "faster-whisper is 10.0x faster than openai-whisper" in report  # both with the vocabulary
    assert "Vocabulary effect (faster-whisper): WER 19.0% without, 12.0% with" in report


def _segment(text: str, probability: float) -> AsrSegment:
    words = tuple(
        AsrWord(" " + token, 50.0 + k * 0.2, 50.2 + k * 0.2, probability) for k, token in enumerate(text.split())
    )
    return AsrSegment(words[0].start, words[-1].end, text, avg_logprob=-0.4, no_speech_prob=0.5, words=words)


def test_a_low_confidence_read_back_of_the_vocabulary_is_dropped():
    echo = _segment("Стрела Экспресс, курьерская доставка", 0.1)
    spoken = _segment("Стрела Экспресс, курьерская доставка", 0.8)
    speech = _segment("Мы доставляем документы, курьерская доставка", 0.1)
    assert is_prompt_echo(echo, WORDS) and not is_prompt_echo(echo, None)
    assert not is_prompt_echo(spoken, WORDS)  # the company name really said: Whisper is sure of it
    assert not is_prompt_echo(speech, WORDS)  # other words: real speech, even if unsure
    kept, dropped = filter_segments([speech, echo, spoken], WORDS)
    assert kept == [speech, spoken] and dropped == [(echo, "prompt_echo")]
    assert filter_segments([echo])[0] == [echo]  # without a vocabulary nothing is an echo


def test_the_engine_drops_echoes_of_the_vocabulary_it_was_given():
    class Echoing(AsrEngine):
        vad = False

        def _recognise(self, samples, *, language, progress, vocabulary=None):
            return [_segment("Добрый день", 0.9), _segment(vocabulary or "Стрела", 0.05)]

    engine = Echoing()
    kept = engine.transcribe(np.zeros(16000, np.float32), vocabulary=WORDS)
    assert [s.text for s in kept] == ["Добрый день"]
    assert engine.last_dropped == [(WORDS, "prompt_echo")]
