"""Mono diarization parts: VAD windows, voice clustering, role inference, word-level splitting."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.asr.base import SAMPLE_RATE, AsrSegment, AsrWord
from scoring.asr.roles import VoiceTurn, assign_roles
from scoring.asr.speakers import SpeakerTurn, cluster_windows, pitch, speaker_timeline, window_spans
from scoring.asr.vad import TimeMap, energy_chunks, is_narrowband
from scoring.diarize import split_by_voice


def two_voice_call(synth, turns):
    """Concatenate synthetic voices with pauses; returns samples and [(start, end, voice)]."""
    voices = {
        "low": dict(f0=105.0, formants=(600.0, 1100.0, 2500.0)),
        "high": dict(f0=210.0, formants=(850.0, 1700.0, 3000.0)),
        "mid": dict(f0=150.0, formants=(500.0, 1500.0, 2600.0)),
    }
    pieces, truth, t = [np.zeros(SAMPLE_RATE // 2, np.float32)], [], 0.5
    for i, (name, seconds) in enumerate(turns):
        sound = synth.voice(voices[name]["f0"], seconds, voices[name]["formants"], seed=i)
        pieces += [sound, np.zeros(int(0.4 * SAMPLE_RATE), np.float32)]
        truth.append((t, t + seconds, name))
        t += seconds + 0.4
    return np.concatenate(pieces), truth


def agreement(timeline, truth):
    """Best share of truth time labelled consistently (labels are arbitrary cluster numbers)."""
    names = sorted({n for *_, n in truth})
    overlap = np.zeros((len(names), 1 + max(t.label for t in timeline)))
    for start, end, name in truth:
        for turn in timeline:
            overlap[names.index(name), turn.label] += max(0.0, min(end, turn.end) - max(start, turn.start))
    return overlap.max(axis=1).sum() / sum(e - s for s, e, _ in truth)


def test_pitch_tracker_finds_the_fundamental(synth):
    f0 = pitch(synth.voice(180.0, 1.0, (700.0, 1200.0)))
    assert np.median(f0[f0 > 0]) == pytest.approx(180.0, rel=0.05)
    assert not pitch(np.zeros(SAMPLE_RATE, np.float32)).any()


def test_two_voices_are_told_apart(synth):
    samples, truth = two_voice_call(
        synth, [("high", 1.0), ("low", 3.0), ("high", 2.0), ("low", 2.5), ("high", 1.5)]
    )
    timeline = speaker_timeline(samples, [(s, e) for s, e, _ in truth])
    assert len({t.label for t in timeline}) == 2
    assert agreement(timeline, truth) >= 0.95


def test_a_third_voice_gets_its_own_cluster(synth):
    samples, truth = two_voice_call(
        synth,
        [("high", 2.0), ("mid", 3.0), ("high", 1.5), ("mid", 2.0), ("low", 2.5), ("mid", 2.5), ("low", 2.0)],
    )
    timeline = speaker_timeline(samples, [(s, e) for s, e, _ in truth])
    assert len({t.label for t in timeline}) == 3
    assert agreement(timeline, truth) >= 0.9


def test_too_little_speech_is_one_voice():
    assert cluster_windows(np.ones((3, 5))).tolist() == [0, 0, 0]
    assert window_spans([(0.0, 0.2)]) == []
    spans = window_spans([(1.0, 3.0)])
    assert spans[0][0] == 1.0 and spans[-1][1] == 3.0


def test_roles_follow_introduction_and_opening_order():
    call = [
        VoiceTurn(1, 0.3, "Алло, слушаю."),
        VoiceTurn(0, 1.5, "Добрый день, меня зовут Алексей, компания Стрела Экспресс. Вам удобно говорить?"),
        VoiceTurn(1, 6.0, "Да, что вы хотели?"),
    ]
    roles, scores = assign_roles(call)
    assert roles == {0: "manager", 1: "client"}
    assert scores[0] > scores[1]


def test_gatekeeper_and_decision_maker_are_both_client():
    call = [
        VoiceTurn(2, 0.3, "Компания Северный ветер, добрый день."),
        VoiceTurn(0, 3.0, "Добрый день, меня зовут Алексей. Соедините, пожалуйста, с отделом логистики."),
        VoiceTurn(2, 9.0, "По какому вопросу?"),
        VoiceTurn(0, 11.0, "По доставке документов."),
        VoiceTurn(2, 13.0, "Соединяю."),
        VoiceTurn(1, 15.0, "Слушаю."),
        VoiceTurn(0, 16.0, "Мы доставляем документы на следующий день, давайте встретимся."),
        VoiceTurn(1, 20.0, "У нас уже есть курьер, но присылайте предложение."),
    ]
    roles, _ = assign_roles(call)
    assert roles == {0: "manager", 1: "client", 2: "client"}


def test_without_cues_the_opener_is_the_manager():
    roles, _ = assign_roles([VoiceTurn(3, 0.0, "Хорошая погода сегодня."), VoiceTurn(5, 2.0, "Правда.")])
    assert roles == {3: "manager", 5: "client"}
    assert assign_roles([]) == ({}, {})


def test_segments_split_where_the_voice_changes():
    words = tuple(AsrWord(f" w{i}", i * 0.5, i * 0.5 + 0.4, 0.9) for i in range(8))
    segment = AsrSegment(0.0, 3.9, "w0 w1 w2 w3 w4 w5 w6 w7", words=words)
    timeline = [SpeakerTurn(0.0, 1.45, 0), SpeakerTurn(1.45, 2.6, 1), SpeakerTurn(2.6, 4.0, 0)]
    pieces = split_by_voice([segment], timeline)
    assert [(label, p.text) for label, p in pieces] == [(0, "w0 w1 w2"), (1, "w3 w4"), (0, "w5 w6 w7")]
    assert pieces[1][1].start == words[3].start and pieces[1][1].end == words[4].end


def test_a_lone_short_word_follows_its_neighbours():
    words = tuple(AsrWord(f" w{i}", i * 0.5, i * 0.5 + 0.4, 0.9) for i in range(5))
    timeline = [SpeakerTurn(0.0, 0.95, 0), SpeakerTurn(0.95, 1.45, 1), SpeakerTurn(1.45, 3.0, 0)]
    pieces = split_by_voice([AsrSegment(0.0, 2.4, "x", words=words)], timeline)
    assert [label for label, _ in pieces] == [0]


def test_time_map_restores_recording_times():
    chunks = [{"start": 16000, "end": 32000}, {"start": 80000, "end": 96000}]  # 1-2 s and 5-6 s
    mapped = TimeMap(chunks).segment(
        AsrSegment(0.2, 1.8, "a b", words=(AsrWord(" a", 0.2, 0.6, 1.0), AsrWord(" b", 1.2, 1.8, 1.0)))
    )
    assert (mapped.words[0].start, mapped.words[1].start) == pytest.approx((1.2, 5.2))
    assert (mapped.start, mapped.end) == pytest.approx((1.2, 5.8))


def test_energy_vad_and_band_check(synth):
    silence = np.zeros(SAMPLE_RATE, np.float32)
    samples = np.concatenate([silence, synth.voice(150.0, 1.0, (700.0, 1200.0)), silence])
    chunks = energy_chunks(samples, min_silence_ms=300, pad_ms=0)
    assert len(chunks) == 1
    assert chunks[0]["start"] / SAMPLE_RATE == pytest.approx(1.0, abs=0.05)
    assert chunks[0]["end"] / SAMPLE_RATE == pytest.approx(2.0, abs=0.05)
    hiss = np.random.default_rng(0).standard_normal(len(samples)).astype(np.float32) * 0.02  # fricatives
    assert not is_narrowband(samples + hiss)
    assert is_narrowband(samples)  # voiced sound through formants under 1.2 kHz: nothing above 3.8 kHz
