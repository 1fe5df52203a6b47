"""The speech commands, run in-process with a fake engine in the engine cache."""

from __future__ import annotations

import json

import pytest

from scoring.__main__ import main
from scoring.asr import clear_engines, get_engine, register_engine
from scoring.bench_asr import DOCS_END, DOCS_START, render, role_accuracy, write_docs


@pytest.fixture
def fake_default_engine(refs, make_fake_engine, monkeypatch):
    """The fake stands in for faster-whisper in the per-process engine cache."""
    monkeypatch.delenv("ASR_ENGINE", raising=False)
    engine = make_fake_engine(refs["calls"]["call04_closing"]["turns"])
    register_engine(engine, "faster-whisper")
    yield engine
    clear_engines()


def test_transcribe_prints_json_with_both_roles(audio_dir, fake_default_engine, capsys):
    assert main(["transcribe", str(audio_dir / "call04_closing.stereo.flac")]) == 0
    transcript = json.loads(capsys.readouterr().out)
    assert {s["speaker"] for s in transcript["segments"]} == {"manager", "client"}
    assert transcript["meta"]["engine"] == "fake"


def test_transcribe_text_format_and_output_file(audio_dir, fake_default_engine, tmp_path, capsys):
    out = tmp_path / "t.txt"
    code = main(
        ["transcribe", str(audio_dir / "call04_closing.stereo.flac"), "--format", "text", "-o", str(out)]
    )
    assert code == 0 and capsys.readouterr().out == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("[00:00.") and "manager" in lines[0]
    assert any(" client " in line for line in lines)
    assert lines[-1].startswith("-- ") and "stereo" in lines[-1]


@pytest.mark.parametrize(
    ("name", "problem"),
    [("bad_text.mp3", "not an audio file"), ("bad_empty.wav", "empty"), ("bad_truncated.wav", "truncated")],
)
def test_bad_files_give_one_line_errors(audio_dir, fake_default_engine, capsys, name, problem):
    assert main(["transcribe", str(audio_dir / name)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {name}: ") and problem in lines[0]


def test_transcribe_and_score_prints_a_scorecard(audio_dir, fake_default_engine, tmp_path, capsys):
    saved = tmp_path / "transcript.json"
    code = main(
        [
            "transcribe-and-score",
            str(audio_dir / "call04_closing.stereo.flac"),
            "--format",
            "json",
            "--save-transcript",
            str(saved),
        ]
    )
    assert code == 0
    scorecard = json.loads(capsys.readouterr().out)
    assert 0 <= scorecard["score"] <= 100 and scorecard["items"]
    assert json.loads(saved.read_text(encoding="utf-8"))["segments"]


def test_transcribe_and_score_reports_a_missing_checklist(audio_dir, fake_default_engine, tmp_path, capsys):
    code = main(
        ["transcribe-and-score", str(audio_dir / "clip.wav"), "--checklist", str(tmp_path / "none.yaml")]
    )
    assert code == 2 and "none.yaml" in capsys.readouterr().err


def test_engine_choice_comes_from_the_environment(fake_default_engine, monkeypatch):
    monkeypatch.setenv("ASR_ENGINE", "faster-whisper")
    assert get_engine() is fake_default_engine
    with pytest.raises(ValueError, match="unknown ASR engine 'whisper.cpp'"):
        get_engine("whisper.cpp")


def test_bench_needs_references(tmp_path, capsys):
    assert main(["bench-asr", "--audio-dir", str(tmp_path)]) == 2
    assert "refs.json" in capsys.readouterr().err


def test_role_accuracy_measures_speech_time():
    turns = [
        {"speaker": "manager", "start": 0.0, "end": 4.0},
        {"speaker": "client", "start": 5.0, "end": 7.0},
    ]
    segments = [
        {"speaker": "manager", "start": 0.0, "end": 3.0},
        {"speaker": "manager", "start": 5.0, "end": 6.0},
        {"speaker": "client", "start": 6.0, "end": 7.0},
    ]
    accuracy, coverage = role_accuracy(segments, turns)
    assert accuracy == pytest.approx(4 / 5) and coverage == pytest.approx(5 / 6)


def test_report_lands_between_the_markers(tmp_path):
    bench = {
        "machine": {
            "cpus": 2,
            "python": "3.11",
            "load_before": (3.0, 0, 0),
            "load_after": (4.0, 0, 0),
            "date": "d",
        },
        "summary": [
            {
                "engine": "faster-whisper",
                "device": "cpu",
                "compute": "int8",
                "rtf": 0.1,
                "audio_s": 100,
                "wer": 0.12,
                "errors": 12,
                "words": 100,
                "peak_rss_mb": 500,
                "load_s": 1.0,
            },
            {
                "engine": "openai-whisper",
                "device": "cpu",
                "compute": "float32",
                "rtf": 0.5,
                "audio_s": 100,
                "wer": 0.13,
                "errors": 13,
                "words": 100,
                "peak_rss_mb": 900,
                "load_s": 3.0,
            },
        ],
        "results": [
            {"calls": [{"hypothesis": {"manager": "а б", "client": "в"}}]},
            {"calls": [{"hypothesis": {"manager": "а б", "client": "г"}}]},
        ],
    }
    report = render(bench)
    assert "faster-whisper is 5.0x faster than openai-whisper" in report
    assert "differ by 33.3% WER" in report and "load average 3.0 before / 4.0 after" in report
    doc = tmp_path / "speech.md"
    doc.write_text(f"# Speech\n\nintro\n{DOCS_START}\nold\n{DOCS_END}\n\nafter\n", encoding="utf-8")
    write_docs(doc, report)
    text = doc.read_text(encoding="utf-8")
    assert "old" not in text and report in text and text.endswith("after\n") and text.count(DOCS_START) == 1
