"""The speech-recognition port: segment/word types and the engine interface every backend implements."""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

SAMPLE_RATE = 16000
# A pause between two words longer than this starts a new segment; Whisper happily glues speech
# from both sides of a long silence into one segment once VAD has stitched the chunks together.
MAX_WORD_GAP_S = 1.0
# Whisper's prompt holds at most half of its 448-token text context; 400 characters of ordinary Russian
# or English (company names, product words) come to 150-200 tokens, which leaves room for the prompt.
MAX_VOCABULARY_CHARS = 400
VOCABULARY_SETTING = "ASR_VOCABULARY"

ProgressFn = Callable[[float], None]


class VocabularyError(ValueError):
    """The vocabulary given to the recogniser cannot be used (too long)."""


def normalize_vocabulary(text: str | None) -> str | None:
    """The vocabulary as the recogniser gets it: whitespace collapsed, ``None`` when empty.

    Raises ``VocabularyError`` (one line naming the setting) beyond ``MAX_VOCABULARY_CHARS`` characters
    rather than cut a customer's list somewhere in the middle without telling anyone.
    """
    if text is None:
        return None
    clean = " ".join(text.split())
    if len(clean) > MAX_VOCABULARY_CHARS:
        raise VocabularyError(
            f"{VOCABULARY_SETTING} (--vocabulary) is {len(clean)} characters long; Whisper's prompt takes at most "
            f"{MAX_VOCABULARY_CHARS}: keep the company name, product names and a few domain words"
        )
    return clean or None


@dataclass(frozen=True)
class AsrWord:
    """One recognised word with its timing (seconds) and probability."""

    text: str
    start: float
    end: float
    probability: float

    def to_dict(self) -> dict:
        """The transcript contract form ``{"w", "start", "end", "p"}``."""
        return {
            "w": self.text.strip(),
            "start": round(self.start, 2),
            "end": round(self.end, 2),
            "p": round(self.probability, 3),
        }


@dataclass(frozen=True)
class AsrSegment:
    """One recognised stretch of speech with Whisper's confidence figures."""

    start: float
    end: float
    text: str
    avg_logprob: float = 0.0
    no_speech_prob: float = 0.0
    compression_ratio: float = 1.0
    words: tuple[AsrWord, ...] = field(default_factory=tuple)

    def shifted(self, offset: float) -> AsrSegment:
        """The same segment moved by ``offset`` seconds."""
        words = tuple(replace(w, start=w.start + offset, end=w.end + offset) for w in self.words)
        return replace(self, start=self.start + offset, end=self.end + offset, words=words)


class AsrEngine(ABC):
    """A loaded speech recogniser; load once per process, then call ``transcribe`` many times."""

    name: str = "abstract"
    model_name: str = ""
    device: str = "cpu"

    def __init__(self) -> None:
        # per thread: one loaded engine may serve several worker threads at once
        self._last = threading.local()

    @property
    def last_timings(self) -> dict[str, float]:
        """Timings of this thread's latest ``transcribe`` call."""
        return getattr(self._last, "timings", {})

    @property
    def last_dropped(self) -> list[tuple[str, str]]:
        """(text, reason) of the segments this thread's latest call dropped as hallucinations."""
        return getattr(self._last, "dropped", [])

    vad: bool = True

    def transcribe(
        self,
        samples_16k: np.ndarray,
        *,
        language: str = "ru",
        progress: ProgressFn | None = None,
        vocabulary: str | None = None,
    ) -> list[AsrSegment]:
        """Recognise 16 kHz mono float32 samples; hallucinations dropped, long pauses split.

        With ``vad`` on (the default) only the detected speech is decoded, stitched together the way
        faster-whisper does it, and the times are mapped back onto the recording. ``vocabulary`` (company
        and product names, domain words, e.g. «Стрела Экспресс, курьерская доставка») is put in front of
        every 30-s window the decoder sees, so that it spells those words the customer's way.
        """
        from scoring.asr.filters import filter_segments
        from scoring.asr.vad import TimeMap, collect, speech_chunks

        vocabulary = normalize_vocabulary(vocabulary)
        samples = np.ascontiguousarray(samples_16k, dtype=np.float32).reshape(-1)
        started = time.perf_counter()
        chunks = speech_chunks(samples) if self.vad and samples.size else [{"start": 0, "end": samples.size}]
        speech = collect(samples, chunks) if self.vad else samples
        raw = (
            self._recognise(speech, language=language, progress=progress, vocabulary=vocabulary)
            if speech.size
            else []
        )
        time_map = TimeMap(chunks)
        self._last.timings = {"asr": time.perf_counter() - started}
        segments = [piece for seg in raw for piece in split_on_pauses(time_map.segment(seg))]
        kept, dropped = filter_segments(segments, vocabulary)
        self._last.dropped = [(seg.text, reason) for seg, reason in dropped]
        return kept

    @abstractmethod
    def _recognise(
        self, samples: np.ndarray, *, language: str, progress: ProgressFn | None, vocabulary: str | None = None
    ) -> list[AsrSegment]:
        """Backend-specific decoding of the whole (speech-only) array; times relative to it.

        ``vocabulary`` (already normalised, or ``None``) must reach the prompt of every window.
        """

    def describe(self) -> dict:
        """Engine facts for transcript metadata."""
        return {"engine": self.name, "model": self.model_name, "device": self.device}


def split_on_pauses(segment: AsrSegment, max_gap: float = MAX_WORD_GAP_S) -> list[AsrSegment]:
    """Cut a segment where consecutive words are more than ``max_gap`` seconds apart."""
    words = segment.words
    if len(words) < 2:
        return [segment]
    groups: list[list[AsrWord]] = [[words[0]]]
    for word in words[1:]:
        if word.start - groups[-1][-1].end > max_gap:
            groups.append([word])
        else:
            groups[-1].append(word)
    if len(groups) == 1:
        return [segment]
    return [
        replace(
            segment,
            start=group[0].start,
            end=group[-1].end,
            words=tuple(group),
            text="".join(w.text for w in group).strip(),
        )
        for group in groups
    ]
