"""Speech unit-test fixtures: the committed recordings and a fake engine that 'hears' by loudness."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import pytest

from scoring.asr.base import SAMPLE_RATE, AsrEngine, AsrSegment, AsrWord

AUDIO_DIR = Path(__file__).resolve().parents[2] / "data" / "audio"


class FakeEngine(AsrEngine):
    """Finds loud stretches and 'recognises' each as the scripted turn it overlaps most (or a placeholder).

    It decodes the whole input (no VAD), so its times are recording times; words are spread evenly.
    """

    name = "fake"
    model_name = "fake-model"
    vad = False

    def __init__(self, turns: list[dict] | None = None, *, floor_db: float = -45.0) -> None:
        super().__init__()
        self.turns = turns or []
        self.floor_db = floor_db
        self.calls: list[int] = []
        self.vocabularies: list[str | None] = []  # what each ``_recognise`` call was told

    def bursts(self, samples: np.ndarray) -> list[tuple[float, float]]:
        """Loud stretches (20 ms frames above the floor), joined across pauses under 0.3 s."""
        frame = SAMPLE_RATE // 50
        frames = samples[: len(samples) // frame * frame].reshape(-1, frame)
        level = 10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-12)
        spans: list[list[float]] = []
        for i in np.flatnonzero(level > self.floor_db):
            t = i * 0.02
            if spans and t - spans[-1][1] < 0.3:
                spans[-1][1] = t + 0.02
            else:
                spans.append([t, t + 0.02])
        return [(a, b) for a, b in spans if b - a >= 0.1]

    def _recognise(self, samples, *, language, progress, vocabulary=None):
        self.calls.append(len(samples))
        self.vocabularies.append(vocabulary)
        out = []
        for index, (start, end) in enumerate(self.bursts(samples)):
            text = self._text(start, end) or f"фраза номер {index}"
            tokens = text.split()
            step = (end - start) / len(tokens)
            words = tuple(
                AsrWord(" " + tok, start + k * step, start + (k + 1) * step, 0.9)
                for k, tok in enumerate(tokens)
            )
            out.append(AsrSegment(start, end, text, avg_logprob=-0.2, no_speech_prob=0.01, words=words))
            if progress:
                progress(end / (len(samples) / SAMPLE_RATE))
        return out

    def _text(self, start: float, end: float) -> str | None:
        best, overlap = None, 0.0
        for turn in self.turns:
            o = min(end, turn["end"]) - max(start, turn["start"])
            if o > overlap:
                best, overlap = turn["text"], o
        return best


@pytest.fixture(scope="session")
def audio_dir() -> Path:
    """Folder of the committed test recordings."""
    return AUDIO_DIR


@pytest.fixture(scope="session")
def refs() -> dict:
    """Reference timelines and texts of the test recordings."""
    return json.loads((AUDIO_DIR / "refs.json").read_text(encoding="utf-8"))


@pytest.fixture
def make_fake_engine():
    """Factory: ``make_fake_engine(turns=None)`` -> FakeEngine."""
    return FakeEngine


@pytest.fixture
def write_wav(tmp_path: Path):
    """Factory writing float channels as a 16-bit PCM wav: ``write_wav(name, [ch...], rate)`` -> path."""

    def write(name: str, channels: list[np.ndarray], rate: int = SAMPLE_RATE) -> Path:
        path = tmp_path / name
        data = np.stack(channels, axis=1)
        with wave.open(str(path), "wb") as out:
            out.setnchannels(len(channels))
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes((np.clip(data, -1, 1) * 32767).astype("<i2").tobytes())
        return path

    return write


def tone(freq: float, seconds: float, rate: int = SAMPLE_RATE, amp: float = 0.3) -> np.ndarray:
    """A sine wave."""
    t = np.arange(int(seconds * rate)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def voice(f0: float, seconds: float, formants: tuple[float, ...], seed: int = 0) -> np.ndarray:
    """A crude voiced sound: a glottal pulse train at ``f0`` (with jitter) through formant resonators."""
    from scipy.signal import lfilter

    rng = np.random.default_rng(seed)
    n = int(seconds * SAMPLE_RATE)
    pulses = np.zeros(n)
    t = 0.0
    while t < n:
        pulses[int(t)] = 1.0
        t += SAMPLE_RATE / (f0 * (1 + 0.03 * rng.standard_normal()))
    out = pulses
    for formant in formants:
        r = np.exp(-np.pi * 120 / SAMPLE_RATE)
        theta = 2 * np.pi * formant / SAMPLE_RATE
        out = lfilter([1 - r], [1, -2 * r * np.cos(theta), r * r], out)
    out = out / (np.abs(out).max() + 1e-9) * 0.5
    return out.astype(np.float32)


@pytest.fixture
def synth():
    """Signal generators for tests: ``synth.tone(freq, seconds)``, ``synth.voice(f0, seconds, formants)``."""

    class Synth:
        tone = staticmethod(tone)
        voice = staticmethod(voice)

    return Synth
