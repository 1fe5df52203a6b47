"""Voice activity detection with the Silero model bundled in faster-whisper, and the time map back."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from scoring.asr.base import SAMPLE_RATE, AsrSegment

WIDEBAND_THRESHOLD = 0.5  # Silero's default speech probability threshold
# Telephone band-limiting (300-3400 Hz) drags Silero's speech probabilities down: on the telephony
# fixtures the median over speech frames fell from 0.95 to 0.3 while silence stayed below 0.03.
NARROWBAND_THRESHOLD = 0.15
NARROWBAND_CUTOFF_HZ = 3800.0
NARROWBAND_ENERGY_SHARE = 2e-3
ENERGY_MARGIN_DB = 15.0
ENERGY_MIN_DBFS = -55.0
ENERGY_MIN_SPEECH_MS = 120


def is_narrowband(samples: np.ndarray) -> bool:
    """True for telephone-band audio: almost no energy above ~3.8 kHz."""
    from scipy.signal import welch

    if samples.size < 2048:
        return False
    freqs, power = welch(samples, fs=SAMPLE_RATE, nperseg=1024)
    total = float(power.sum())
    return total > 0 and float(power[freqs > NARROWBAND_CUTOFF_HZ].sum()) / total < NARROWBAND_ENERGY_SHARE


def vad_options(samples: np.ndarray, *, min_silence_ms: int = 2000, pad_ms: int = 400) -> object:
    """Silero options for this audio (a lower threshold for telephone-band recordings)."""
    from faster_whisper.vad import VadOptions

    threshold = NARROWBAND_THRESHOLD if is_narrowband(samples) else WIDEBAND_THRESHOLD
    return VadOptions(threshold=threshold, min_silence_duration_ms=min_silence_ms, speech_pad_ms=pad_ms)


def energy_chunks(samples: np.ndarray, *, min_silence_ms: int = 2000, pad_ms: int = 400) -> list[dict]:
    """Speech by loudness: 20 ms frames ENERGY_MARGIN_DB above the recording's noise floor."""
    frame = SAMPLE_RATE // 50
    usable = samples[: len(samples) // frame * frame].reshape(-1, frame)
    if not len(usable):
        return []
    level = 10 * np.log10(np.mean(np.square(usable, dtype=np.float64), axis=1) + 1e-12)
    floor = float(np.percentile(level, 10))
    active = level > max(floor + ENERGY_MARGIN_DB, ENERGY_MIN_DBFS)
    spans, start = [], None
    for i, on in enumerate([*active.tolist(), False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            if (i - start) * 20 >= ENERGY_MIN_SPEECH_MS:
                spans.append([start * frame, i * frame])
            start = None
    pad = pad_ms * SAMPLE_RATE // 1000
    chunks = [{"start": max(0, a - pad), "end": min(len(samples), b + pad)} for a, b in spans]
    return _merge_chunks(chunks, min_silence_ms)


def _merge_chunks(chunks: list[dict], min_silence_ms: int) -> list[dict]:
    gap = min_silence_ms * SAMPLE_RATE // 1000
    merged: list[dict] = []
    for chunk in sorted(chunks, key=lambda c: c["start"]):
        if merged and chunk["start"] - merged[-1]["end"] < gap:
            merged[-1]["end"] = max(merged[-1]["end"], chunk["end"])
        else:
            merged.append(dict(chunk))
    return merged


def speech_chunks(samples: np.ndarray, *, min_silence_ms: int = 2000, pad_ms: int = 400) -> list[dict]:
    """Speech chunks as ``{"start", "end"}`` sample indices: Silero, plus loudness on telephone-band audio.

    Silero all but ignores some low voices once the band is cut to 300-3400 Hz (speech probabilities at
    the silence level on the telephony fixtures), so there the loudness detector's chunks are added.
    """
    from faster_whisper.vad import get_speech_timestamps

    options = vad_options(samples, min_silence_ms=min_silence_ms, pad_ms=pad_ms)
    chunks = get_speech_timestamps(samples, options, sampling_rate=SAMPLE_RATE)
    if options.threshold == NARROWBAND_THRESHOLD:  # type: ignore[attr-defined]
        chunks = _merge_chunks(
            chunks + energy_chunks(samples, min_silence_ms=min_silence_ms, pad_ms=pad_ms), min_silence_ms
        )
    return chunks


def speech_regions(
    samples: np.ndarray, *, min_silence_ms: int = 300, pad_ms: int = 30
) -> list[tuple[float, float]]:
    """Speech stretches in seconds; tight settings so that quick turn changes stay apart."""
    return [
        (c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE)
        for c in speech_chunks(samples, min_silence_ms=min_silence_ms, pad_ms=pad_ms)
    ]


class TimeMap:
    """Maps times in the speech-only concatenation back to the original recording."""

    def __init__(self, chunks: list[dict]) -> None:
        self.ends: list[float] = []  # chunk ends on the concatenated time line
        self.silence_before: list[float] = []
        silent, previous_end = 0, 0
        for chunk in chunks:
            silent += chunk["start"] - previous_end
            previous_end = chunk["end"]
            self.ends.append((chunk["end"] - silent) / SAMPLE_RATE)
            self.silence_before.append(silent / SAMPLE_RATE)

    def _index(self, t: float) -> int:
        return min(int(np.searchsorted(self.ends, t, side="right")), len(self.ends) - 1)

    def segment(self, segment: AsrSegment) -> AsrSegment:
        """Move a segment (and each word, by the chunk of its middle) back to original time."""
        if not self.ends:
            return segment
        if segment.words:
            words = []
            for word in segment.words:
                shift = self.silence_before[self._index((word.start + word.end) / 2)]
                words.append(replace(word, start=word.start + shift, end=word.end + shift))
            return replace(segment, start=words[0].start, end=words[-1].end, words=tuple(words))
        start = segment.start + self.silence_before[self._index(segment.start)]
        end = segment.end + self.silence_before[self._index(max(segment.start, segment.end - 1e-3))]
        return replace(segment, start=start, end=end)


def collect(samples: np.ndarray, chunks: list[dict]) -> np.ndarray:
    """Concatenate the speech chunks."""
    if not chunks:
        return np.zeros(0, dtype=np.float32)
    return np.concatenate([samples[c["start"] : c["end"]] for c in chunks]).astype(np.float32, copy=False)
