"""The real Whisper base model on the committed recordings: accuracy, roles, telephony, both engines."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scoring.asr.wer import WerResult, word_error_rate, word_errors
from scoring.audio import load_audio
from scoring.bench_asr import role_accuracy
from scoring.diarize import transcribe_call

pytestmark = pytest.mark.asr
ROOT = __import__("pathlib").Path(__file__).resolve().parents[3]


def speaker_text(transcript: dict, speaker: str) -> str:
    return " ".join(s["text"] for s in transcript["segments"] if s["speaker"] == speaker)


def reference_text(turns: list[dict], speaker: str | None = None) -> str:
    return " ".join(t["text"] for t in turns if speaker in (None, t["speaker"]))


def stereo_errors(transcript: dict, turns: list[dict]) -> WerResult:
    errors = word_errors(reference_text(turns, "manager"), speaker_text(transcript, "manager"))
    return errors + word_errors(reference_text(turns, "client"), speaker_text(transcript, "client"))


@pytest.mark.parametrize("call", ["call02_objection", "call04_closing"])
def test_clean_stereo_call_is_transcribed_with_correct_roles(asr_engine, audio_dir, refs, call):
    turns = refs["calls"][call]["turns"]
    transcript = transcribe_call(audio_dir / f"{call}.stereo.flac", engine=asr_engine, vocabulary="")
    assert transcript["meta"]["vocabulary"] is None
    errors = stereo_errors(transcript, turns)
    # without a vocabulary: festival's voice through Whisper base, measured 10.8 % and 26.2 % on these two
    # calls (18.6 % over all four, over the 15 % target); the target is met with the vocabulary, below
    assert errors.wer <= 0.3, errors
    accuracy, coverage = role_accuracy(transcript["segments"], turns)
    assert accuracy >= 0.99 and coverage >= 0.8
    for seg in transcript["segments"]:
        assert seg["words"] and -1.5 <= seg["avg_logprob"] <= 0 and 0 <= seg["no_speech_prob"] <= 1


def test_clean_stereo_calls_with_the_company_vocabulary_meet_the_wer_target(asr_engine, audio_dir, refs, vocabulary):
    total = WerResult(0, 0, 0, 0)
    for call, info in refs["calls"].items():
        transcript = transcribe_call(audio_dir / f"{call}.stereo.flac", engine=asr_engine, vocabulary=vocabulary)
        assert transcript["meta"]["vocabulary"] == vocabulary
        assert "стрела экспресс" in speaker_text(transcript, "manager").lower(), call  # the company, spelled right
        total += stereo_errors(transcript, info["turns"])
    assert total.wer <= 0.15, total  # issue 4's target; 13.7 % measured (18.6 % without the vocabulary)


def test_the_vocabulary_does_not_leak_into_silence(asr_engine, audio_dir, vocabulary):
    transcript = transcribe_call(audio_dir / "silence.flac", engine=asr_engine, vocabulary=vocabulary)
    assert transcript["segments"] == []


def test_mono_mix_is_diarized_into_manager_and_client(asr_engine, audio_dir, refs):
    turns = refs["calls"]["call01_discovery"]["turns"]
    transcript = transcribe_call(audio_dir / "call01_discovery.mono.ogg", engine=asr_engine)
    assert transcript["meta"]["roles_inferred"] is True
    accuracy, coverage = role_accuracy(transcript["segments"], turns)
    assert accuracy >= 0.9 and coverage >= 0.8
    assert word_error_rate(reference_text(turns), " ".join(s["text"] for s in transcript["segments"])) <= 0.25


def test_telephony_wav_keeps_all_turns(asr_engine, audio_dir, refs):
    turns = refs["calls"]["call03_gatekeeper"]["turns"]
    transcript = transcribe_call(audio_dir / "call03_gatekeeper.tel8k.wav", engine=asr_engine)
    accuracy, coverage = role_accuracy(transcript["segments"], turns)
    assert accuracy >= 0.95 and coverage >= 0.75
    client = speaker_text(transcript, "client").lower()
    assert "соединяю" in client and "каждый день" in client  # gatekeeper and decision maker both heard
    assert word_error_rate(reference_text(turns), " ".join(s["text"] for s in transcript["segments"])) <= 0.3


def test_silence_produces_no_hallucinated_text(asr_engine, audio_dir):
    assert transcribe_call(audio_dir / "silence.flac", engine=asr_engine)["segments"] == []


def test_converted_openai_checkpoint_matches_faster_whisper(asr_engine, openai_engine, audio_dir, refs):
    samples = load_audio(audio_dir / "clip.wav").channel(0)
    fast = " ".join(s.text for s in asr_engine.transcribe(samples))
    slow = " ".join(s.text for s in openai_engine.transcribe(samples))
    assert word_error_rate(fast, slow) <= 0.15, (fast, slow)
    assert word_error_rate(refs["clip"]["text"], slow) <= 0.3


def test_cli_transcribes_a_stereo_wav_offline(audio_dir):
    result = subprocess.run(
        [sys.executable, "-m", "scoring", "transcribe", str(audio_dir / "call03_gatekeeper.tel8k.wav")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "HF_HUB_OFFLINE": "1"},
    )
    assert result.returncode == 0, result.stderr
    transcript = json.loads(result.stdout)
    assert {s["speaker"] for s in transcript["segments"]} == {"manager", "client"}
