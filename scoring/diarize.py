"""Call recording -> transcript contract: stereo = one party per channel, mono = offline diarization."""

from __future__ import annotations

import bisect
import os
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from scoring.asr.base import SAMPLE_RATE, VOCABULARY_SETTING, AsrEngine, AsrSegment, AsrWord, normalize_vocabulary
from scoring.audio import Audio, load_audio

Progress = Callable[[float, str], None]
MANAGER_CHANNELS = {"left": 0, "right": 1}
CROSSTALK_RATIO = 0.1  # a segment 20 dB quieter than the other channel at that time is echo / bleed
DUAL_MONO_CORRELATION = 0.98  # both channels carry the same mix: diarize it as mono
ISLAND_MAX_S = 0.6  # a lone word this short between two words of another voice follows its neighbours
TURN_JOIN_GAP_S = 0.6  # consecutive pieces of one speaker closer than this form one turn
TURN_MAX_S = 30.0


def transcribe_call(
    path: str | os.PathLike,
    *,
    engine: AsrEngine | None = None,
    manager_channel: str = "left",
    progress: Progress | None = None,
    language: str = "ru",
    max_seconds: float | None = None,
    vocabulary: str | None = None,
) -> dict:
    """Transcribe a call into ``{"language", "duration", "segments", "meta"}`` with manager/client speakers.

    ``progress(fraction, stage)`` is called with stages ``decode``, ``transcribe``, ``diarize``, ``done``.
    ``vocabulary``: the company's own words for the recogniser (company and product names, domain terms,
    comma-separated); ``None`` takes ``$ASR_VOCABULARY``, an empty string means none. It is recorded in
    ``meta["vocabulary"]``. Raises ``scoring.audio.AudioError`` for unusable files and
    ``scoring.asr.base.VocabularyError`` (a ``ValueError``) for a vocabulary over 400 characters.
    """
    if manager_channel not in MANAGER_CHANNELS:
        raise ValueError(f"manager_channel must be left or right, not {manager_channel!r}")
    vocabulary = resolve_vocabulary(vocabulary)
    report = progress or (lambda fraction, stage: None)
    started = time.perf_counter()
    report(0.0, "decode")
    audio = load_audio(path, max_seconds=max_seconds)
    decode_s = time.perf_counter() - started
    if engine is None:
        from scoring.asr import get_engine

        engine = get_engine()
    layout = channel_layout(audio)
    if layout == "stereo":
        pieces, facts = _transcribe_stereo(
            audio, engine, MANAGER_CHANNELS[manager_channel], language, report, vocabulary
        )
        facts["manager_channel"] = manager_channel
    else:
        pieces, facts = _transcribe_mono(audio.mono(), engine, language, report, vocabulary)
    total_s = time.perf_counter() - started
    facts["timings"] = {
        "decode_s": round(decode_s, 3),
        **{k: round(v, 3) for k, v in facts.pop("timings").items()},
        "total_s": round(total_s, 3),
        "rtf": round(total_s / max(audio.duration, 1e-6), 3),
    }
    meta = {
        **engine.describe(),
        "source": Path(path).name,
        "codec": audio.codec,
        "sample_rate_in": audio.sample_rate_in,
        "channels": audio.channels,
        "layout": layout,
        "vocabulary": vocabulary,  # what the recogniser was told to expect (None: nothing)
        **facts,
    }
    report(1.0, "done")
    return {
        "language": language,
        "duration": round(audio.duration, 2),
        "segments": [segment_dict(role, seg) for role, seg in join_turns(pieces)],
        "meta": meta,
    }


def resolve_vocabulary(vocabulary: str | None) -> str | None:
    """The vocabulary to use: the given one, else ``$ASR_VOCABULARY``; normalised, ``None`` when empty."""
    if vocabulary is None:
        vocabulary = os.environ.get(VOCABULARY_SETTING, "")
    return normalize_vocabulary(vocabulary)


def join_turns(pieces: list[tuple[str, AsrSegment]]) -> list[tuple[str, AsrSegment]]:
    """Sort by time and join consecutive pieces of the same speaker separated by a short pause."""
    out: list[tuple[str, AsrSegment]] = []
    for role, seg in sorted(pieces, key=lambda p: (p[1].start, p[1].end)):
        if out and out[-1][0] == role:
            last = out[-1][1]
            if seg.start - last.end <= TURN_JOIN_GAP_S and seg.end - last.start <= TURN_MAX_S:
                out[-1] = (role, _join(last, seg))
                continue
        out.append((role, seg))
    return out


def _join(a: AsrSegment, b: AsrSegment) -> AsrSegment:
    """One segment from two: duration-weighted log-probability, the worse no-speech probability."""
    da, db = max(a.end - a.start, 1e-3), max(b.end - b.start, 1e-3)
    return AsrSegment(
        start=a.start,
        end=max(a.end, b.end),
        text=f"{a.text} {b.text}".strip(),
        avg_logprob=(a.avg_logprob * da + b.avg_logprob * db) / (da + db),
        no_speech_prob=max(a.no_speech_prob, b.no_speech_prob),
        compression_ratio=max(a.compression_ratio, b.compression_ratio),
        words=a.words + b.words,
    )


def segment_dict(speaker: str, seg: AsrSegment) -> dict:
    """One transcript-contract segment with confidence figures and words."""
    out = {
        "speaker": speaker,
        "start": round(seg.start, 2),
        "end": round(seg.end, 2),
        "text": seg.text,
        "avg_logprob": round(seg.avg_logprob, 3),
        "no_speech_prob": round(seg.no_speech_prob, 3),
    }
    if seg.words:
        out["words"] = [w.to_dict() for w in seg.words]
    return out


def channel_layout(audio: Audio) -> str:
    """``stereo`` (one party per channel), ``dual-mono`` (the same mix twice) or ``mono``."""
    if audio.channels < 2:
        return "mono"
    left, right = audio.samples[0], audio.samples[1]
    step = max(1, left.size // 400_000)  # a subsample is plenty for a correlation
    a, b = left[::step].astype(np.float64), right[::step].astype(np.float64)
    if a.std() > 1e-6 and b.std() > 1e-6 and float(np.corrcoef(a, b)[0, 1]) > DUAL_MONO_CORRELATION:
        return "dual-mono"
    return "stereo"


def _rms(samples: np.ndarray, start: float, end: float) -> float:
    piece = samples[int(start * SAMPLE_RATE) : max(int(end * SAMPLE_RATE), int(start * SAMPLE_RATE) + 1)]
    return float(np.sqrt(np.mean(np.square(piece, dtype=np.float64)))) if piece.size else 0.0


def is_crosstalk(seg: AsrSegment, own: np.ndarray, other: np.ndarray) -> bool:
    """True when the other channel is far louder during the segment: we heard the other party's bleed."""
    return _rms(own, seg.start, seg.end) < CROSSTALK_RATIO * _rms(other, seg.start, seg.end)


def _transcribe_stereo(
    audio: Audio, engine: AsrEngine, manager_index: int, language: str, report: Progress, vocabulary: str | None
) -> tuple[list[tuple[str, AsrSegment]], dict]:
    pieces: list[tuple[str, AsrSegment]] = []
    asr_s, dropped, crosstalk = 0.0, 0, 0
    for step, (index, role) in enumerate(((manager_index, "manager"), (1 - manager_index, "client"))):
        own, other = audio.channel(index), audio.channel(1 - index)
        base = 0.05 + 0.45 * step

        def channel_progress(fraction: float, base: float = base) -> None:
            report(base + 0.45 * fraction, "transcribe")

        report(base, "transcribe")
        segments = engine.transcribe(own, language=language, progress=channel_progress, vocabulary=vocabulary)
        asr_s += engine.last_timings.get("asr", 0.0)
        dropped += len(engine.last_dropped)
        for seg in segments:
            if is_crosstalk(seg, own, other):
                crosstalk += 1
            else:
                pieces.append((role, seg))
    facts: dict = {
        "roles_inferred": False,
        "dropped_segments": dropped,
        "crosstalk_segments": crosstalk,
        "timings": {"asr_s": asr_s},
    }
    return pieces, facts


def _transcribe_mono(
    samples: np.ndarray, engine: AsrEngine, language: str, report: Progress, vocabulary: str | None
) -> tuple[list[tuple[str, AsrSegment]], dict]:
    from scoring.asr.roles import VoiceTurn, assign_roles
    from scoring.asr.speakers import speaker_timeline
    from scoring.asr.vad import speech_regions

    report(0.05, "transcribe")
    segments = engine.transcribe(
        samples,
        language=language,
        progress=lambda f: report(0.05 + 0.8 * f, "transcribe"),
        vocabulary=vocabulary,
    )
    asr_s = engine.last_timings.get("asr", 0.0)
    report(0.85, "diarize")
    started = time.perf_counter()
    timeline = speaker_timeline(samples, speech_regions(samples)) if segments else []
    labelled = split_by_voice(segments, timeline)
    roles, scores = assign_roles([VoiceTurn(label, seg.start, seg.text) for label, seg in labelled])
    pieces = [(roles.get(label, "client"), seg) for label, seg in labelled]
    facts = {
        "roles_inferred": True,
        "voices": len({turn.label for turn in timeline}),
        "role_scores": {str(label): round(score, 2) for label, score in sorted(scores.items())},
        "dropped_segments": len(engine.last_dropped),
        "timings": {"asr_s": asr_s, "diarize_s": time.perf_counter() - started},
    }
    return pieces, facts


class _Timeline:
    def __init__(self, turns: list) -> None:
        self.turns = sorted(turns, key=lambda t: t.start)
        self.starts = [t.start for t in self.turns]

    def label(self, start: float, end: float) -> int:
        """The voice with the most overlap with [start, end], else the nearest one."""
        if not self.turns:
            return 0
        hi = bisect.bisect_right(self.starts, end)
        lo = max(0, bisect.bisect_left(self.starts, start) - 4)
        best, best_overlap = None, 0.0
        for turn in self.turns[lo:hi]:
            overlap = min(end, turn.end) - max(start, turn.start)
            if overlap > best_overlap:
                best, best_overlap = turn.label, overlap
        if best is not None:
            return best
        mid = (start + end) / 2
        nearest = min(
            self.turns[max(0, hi - 2) : hi + 2], key=lambda t: min(abs(mid - t.start), abs(mid - t.end))
        )
        return nearest.label


def split_by_voice(segments: list[AsrSegment], timeline: list) -> list[tuple[int, AsrSegment]]:
    """Give every word the voice that speaks at its time and cut segments where the voice changes."""
    lookup = _Timeline(timeline)
    out: list[tuple[int, AsrSegment]] = []
    for seg in segments:
        if not seg.words:
            out.append((lookup.label(seg.start, seg.end), seg))
            continue
        labels = [lookup.label(w.start, w.end) for w in seg.words]
        _absorb_islands(seg.words, labels)
        run: list[AsrWord] = [seg.words[0]]
        for word, label, previous in zip(seg.words[1:], labels[1:], labels[:-1], strict=True):
            if label != previous:
                out.append((previous, _piece(seg, run)))
                run = []
            run.append(word)
        out.append((labels[-1], _piece(seg, run)))
    return out


def _absorb_islands(words: tuple[AsrWord, ...], labels: list[int]) -> None:
    for i in range(1, len(labels) - 1):
        if labels[i - 1] == labels[i + 1] != labels[i] and words[i].end - words[i].start < ISLAND_MAX_S:
            labels[i] = labels[i - 1]


def _piece(seg: AsrSegment, words: list[AsrWord]) -> AsrSegment:
    if len(words) == len(seg.words):
        return seg
    text = "".join(w.text for w in words).strip()
    return replace(seg, start=words[0].start, end=words[-1].end, text=text, words=tuple(words))
