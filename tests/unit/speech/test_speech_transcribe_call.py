"""transcribe_call with a fake engine: channel roles, mono diarization, metadata, progress, crosstalk."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.audio import AudioError
from scoring.bench_asr import role_accuracy
from scoring.diarize import channel_layout, transcribe_call
from scoring.transcript import load_transcript


def turns_of(refs, file):
    return refs["calls"][refs["files"][file]["call"]]["turns"]


def test_stereo_channels_become_roles_in_time_order(audio_dir, refs, make_fake_engine):
    file = "call04_closing.stereo.flac"
    engine = make_fake_engine(turns_of(refs, file))
    transcript = transcribe_call(audio_dir / file, engine=engine)
    assert {s["speaker"] for s in transcript["segments"]} == {"manager", "client"}
    starts = [s["start"] for s in transcript["segments"]]
    assert starts == sorted(starts)
    accuracy, coverage = role_accuracy(transcript["segments"], turns_of(refs, file))
    assert accuracy == 1.0 and coverage > 0.9
    meta = transcript["meta"]
    assert (
        meta["roles_inferred"] is False and meta["layout"] == "stereo" and meta["manager_channel"] == "left"
    )
    assert meta["engine"] == "fake" and meta["model"] == "fake-model"
    assert set(meta["timings"]) >= {"decode_s", "asr_s", "total_s", "rtf"}
    assert transcript["duration"] == pytest.approx(refs["calls"]["call04_closing"]["duration"], abs=0.05)
    load_transcript(transcript)  # the text engine accepts it as is


def test_manager_channel_can_be_the_right_one(audio_dir, refs, make_fake_engine):
    file = "call02_objection.stereo.flac"
    engine = make_fake_engine(turns_of(refs, file))
    swapped = transcribe_call(audio_dir / file, engine=engine, manager_channel="right")
    accuracy, _ = role_accuracy(swapped["segments"], turns_of(refs, file))
    assert accuracy == 0.0  # every turn now carries the other role
    with pytest.raises(ValueError, match="left or right"):
        transcribe_call(audio_dir / file, engine=engine, manager_channel="middle")


@pytest.mark.parametrize(
    "file",
    [
        "call01_discovery.mono.ogg",
        "call02_objection.mono.ogg",
        "call04_closing.mono.ogg",
        "call03_gatekeeper.mono.ogg",
        "call02_objection.noisy.mono.mp3",
    ],
)
def test_mono_calls_are_diarized_and_roles_inferred(audio_dir, refs, make_fake_engine, file):
    turns = turns_of(refs, file)
    transcript = transcribe_call(audio_dir / file, engine=make_fake_engine(turns, floor_db=-35.0))
    accuracy, coverage = role_accuracy(transcript["segments"], turns)
    assert accuracy >= 0.9, transcript["meta"]
    assert coverage >= 0.6  # the fake hears by loudness only; the real model is measured in integration
    meta = transcript["meta"]
    assert meta["roles_inferred"] is True and meta["layout"] == "mono"
    assert meta["voices"] == len({t["voice"] for t in turns})


def test_identical_channels_are_treated_as_mono(write_wav, synth, make_fake_engine):
    a = np.concatenate(
        [synth.voice(120, 1.5, (600, 1100)), np.zeros(8000, np.float32), synth.voice(220, 1.5, (900, 1800))]
    )
    path = write_wav("dual.wav", [a, a])
    transcript = transcribe_call(path, engine=make_fake_engine())
    assert transcript["meta"]["layout"] == "dual-mono"
    assert transcript["meta"]["roles_inferred"] is True


def test_bleed_from_the_other_channel_is_dropped(write_wav, synth, make_fake_engine):
    talk = synth.voice(130, 2.0, (600, 1200))
    gap = np.zeros(16000, np.float32)
    left = np.concatenate([talk, gap, np.zeros_like(talk)])
    right = np.concatenate([talk * 0.03, gap, synth.voice(200, 2.0, (800, 1700))])  # -30 dB echo, then speech
    path = write_wav("echo.wav", [left, right])
    transcript = transcribe_call(path, engine=make_fake_engine(floor_db=-60.0))
    speakers = [(s["speaker"], round(s["start"])) for s in transcript["segments"]]
    assert speakers == [("manager", 0), ("client", 3)]
    assert transcript["meta"]["crosstalk_segments"] == 1


def test_progress_is_reported_in_order(audio_dir, refs, make_fake_engine):
    seen = []
    transcribe_call(
        audio_dir / "clip.wav", engine=make_fake_engine(), progress=lambda f, s: seen.append((f, s))
    )
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and seen[0] == (0.0, "decode") and seen[-1] == (1.0, "done")
    assert {s for _, s in seen} >= {"decode", "transcribe", "diarize", "done"}


def test_silence_gives_an_empty_transcript(audio_dir, make_fake_engine):
    transcript = transcribe_call(audio_dir / "silence.flac", engine=make_fake_engine())
    assert transcript["segments"] == []
    assert transcript["duration"] == pytest.approx(8.0)


def test_unusable_files_raise_audio_errors(audio_dir, make_fake_engine):
    with pytest.raises(AudioError, match="bad_truncated.wav: the file is truncated"):
        transcribe_call(audio_dir / "bad_truncated.wav", engine=make_fake_engine())


def test_layout_detection(write_wav, synth):
    from scoring.audio import load_audio

    a, b = synth.voice(120, 1.0, (600, 1100)), synth.voice(200, 1.0, (800, 1700), seed=3)
    assert channel_layout(load_audio(write_wav("s.wav", [a, b]))) == "stereo"
    assert channel_layout(load_audio(write_wav("m.wav", [a]))) == "mono"
    assert channel_layout(load_audio(write_wav("quiet.wav", [a, np.zeros_like(a)]))) == "stereo"
