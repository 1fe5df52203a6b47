"""Transcript model: load and validate the JSON contract, split segments into sentences, find questions."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.questions import is_question, split_clauses
from scoring.text import split_sentences

SPEAKERS = ("manager", "client")
_SEGMENT_KEYS = {"speaker", "start", "end", "text", "words", "avg_logprob", "no_speech_prob"}
_TOP_KEYS = {"language", "duration", "segments"}
__all__ = ["Segment", "Transcript", "TranscriptError", "is_question", "load_transcript", "split_clauses"]


class TranscriptError(ValueError):
    """Raised when a transcript does not follow the JSON contract; the message says where."""


@dataclass(slots=True)
class Segment:
    """One ASR segment: who spoke, when, and what."""

    speaker: str
    start: float
    end: float
    text: str
    words: list[dict[str, Any]] | None = None
    avg_logprob: float | None = None
    no_speech_prob: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def duration(self) -> float:
        """Length of the segment in seconds (never negative)."""
        return max(0.0, self.end - self.start)

    def sentences(self) -> list[str]:
        """Sentences of this segment (razdel; one sentence when the text is unpunctuated)."""
        return split_sentences(self.text)

    def to_dict(self) -> dict[str, Any]:
        """Serialize back to the contract, keeping optional and unknown keys."""
        out: dict[str, Any] = {
            "speaker": self.speaker,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.words is not None:
            out["words"] = self.words
        if self.avg_logprob is not None:
            out["avg_logprob"] = self.avg_logprob
        if self.no_speech_prob is not None:
            out["no_speech_prob"] = self.no_speech_prob
        out.update(self.extra)
        return out


@dataclass(slots=True)
class Transcript:
    """A whole call: language, duration and time-ordered segments."""

    segments: list[Segment]
    language: str = "ru"
    duration: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Transcript:
        """Validate a decoded JSON object and build a transcript; raise TranscriptError naming the field."""
        if not isinstance(data, Mapping):
            raise TranscriptError(f"transcript must be a JSON object, got {type(data).__name__}")
        raw_segments = data.get("segments")
        if raw_segments is None:
            raise TranscriptError("transcript has no 'segments' list")
        if not isinstance(raw_segments, list):
            raise TranscriptError(f"'segments' must be a list, got {type(raw_segments).__name__}")
        language = data.get("language", "ru")
        if not isinstance(language, str):
            raise TranscriptError("'language' must be a string")
        duration = data.get("duration")
        if duration is not None and not _is_number(duration):
            raise TranscriptError(f"'duration' must be a number, got {duration!r}")
        segments = [_segment_from_dict(raw, i) for i, raw in enumerate(raw_segments)]
        # Stable sort: segments that share a start keep the order the recogniser gave them.
        segments.sort(key=lambda s: s.start)
        extra = {k: v for k, v in data.items() if k not in _TOP_KEYS}
        return cls(segments, language, float(duration) if duration is not None else None, extra)

    def to_dict(self) -> dict[str, Any]:
        """Serialize to the JSON contract, keeping unknown top-level keys such as ``meta``."""
        out: dict[str, Any] = {"language": self.language}
        if self.duration is not None:
            out["duration"] = self.duration
        out["segments"] = [s.to_dict() for s in self.segments]
        out.update(self.extra)
        return out

    @property
    def end_time(self) -> float:
        """Time of the last speech (or the declared duration when larger)."""
        last = max((s.end for s in self.segments), default=0.0)
        return max(last, self.duration or 0.0)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _segment_from_dict(raw: object, index: int) -> Segment:
    where = f"segments[{index}]"
    if not isinstance(raw, Mapping):
        raise TranscriptError(f"{where} must be an object, got {type(raw).__name__}")
    speaker = raw.get("speaker")
    if speaker not in SPEAKERS:
        raise TranscriptError(f"{where}.speaker must be 'manager' or 'client', got {speaker!r}")
    for key in ("start", "end"):
        if not _is_number(raw.get(key)):
            raise TranscriptError(f"{where}.{key} must be a number of seconds, got {raw.get(key)!r}")
    text = raw.get("text", "")
    if not isinstance(text, str):
        raise TranscriptError(f"{where}.text must be a string, got {type(text).__name__}")
    words = raw.get("words")
    if words is not None and not isinstance(words, list):
        raise TranscriptError(f"{where}.words must be a list")
    probs: dict[str, float | None] = {}
    for key in ("avg_logprob", "no_speech_prob"):
        value = raw.get(key)
        if value is not None and not _is_number(value):
            raise TranscriptError(f"{where}.{key} must be a number")
        probs[key] = float(value) if value is not None else None
    extra = {k: v for k, v in raw.items() if k not in _SEGMENT_KEYS}
    return Segment(
        str(speaker),
        float(raw["start"]),
        float(raw["end"]),
        text,
        words,
        probs["avg_logprob"],
        probs["no_speech_prob"],
        extra,
    )


def load_transcript(source: str | Path | Mapping[str, Any] | Transcript) -> Transcript:
    """Load a transcript from a JSON file path, a decoded dict or an existing Transcript."""
    if isinstance(source, Transcript):
        return source
    if isinstance(source, Mapping):
        return Transcript.from_dict(source)
    if not isinstance(source, (str, Path)):
        raise TranscriptError(f"transcript must be a JSON object or a file path, got {type(source).__name__}")
    path = Path(source)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise TranscriptError(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise TranscriptError(f"{path}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise TranscriptError(
            f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    try:
        return Transcript.from_dict(data)
    except TranscriptError as exc:
        raise TranscriptError(f"{path}: {exc}") from exc
