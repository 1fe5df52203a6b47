"""Transcript model: load and validate the JSON contract, split segments into sentences, find questions."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.text import split_sentences, tokenize

SPEAKERS = ("manager", "client")
_SEGMENT_KEYS = {"speaker", "start", "end", "text", "words", "avg_logprob", "no_speech_prob"}
_TOP_KEYS = {"language", "duration", "segments"}

# Words that make an unpunctuated clause a question when they open it.
INTERROGATIVES = frozenset(
    {
        "как",
        "какой",
        "каков",
        "сколько",
        "почему",
        "зачем",
        "где",
        "куда",
        "откуда",
        "когда",
        "кто",
        "кого",
        "кому",
        "кем",
        "ком",
        "что",
        "чего",
        "чему",
        "чем",
        "чей",
        "чья",
        "чье",
        "чьи",
        "разве",
        "неужели",
        "насколько",
        "отчего",
        "каким",
        "какая",
        "какое",
        "какие",
        "каких",
        "какую",
        "какого",
        "каком",
        "какому",
        "какими",
        "скольких",
        "скольким",
    }
)
# Imperatives and polite forms that turn what follows into a question ("подскажите, у вас есть склад").
QUESTION_VERBS = frozenset(
    {
        "подскажите",
        "скажите",
        "расскажите",
        "уточните",
        "поделитесь",
        "подскажете",
        "скажете",
        "расскажете",
        "поясните",
        "объясните",
        "напомните",
        "уточню",
    }
)
# Discourse words skipped before looking at the first content word of a clause.
LEAD_WORDS = frozenset(
    {
        "а",
        "и",
        "ну",
        "так",
        "вот",
        "пожалуйста",
        "кстати",
        "хорошо",
        "понятно",
        "ясно",
        "да",
        "угу",
        "слушайте",
        "простите",
        "извините",
        "интересно",
        "отлично",
        "окей",
        "ок",
        "ага",
        "тогда",
        "еще",
        "скажем",
        "допустим",
        "понял",
        "поняла",
        "супер",
        "здорово",
        "верно",
        "спасибо",
        "смотрите",
    }
)
# Verbs and adverbs that open a yes/no question after "а" ("а бывает, что…", "а можно…", "а если бы…").
YES_NO_OPENERS = frozenset(
    {
        "бывает",
        "бывают",
        "бывало",
        "случается",
        "случаются",
        "случалось",
        "приходится",
        "приходилось",
        "устраивает",
        "нравится",
        "удобно",
        "можно",
        "получается",
        "часто",
        "есть",
        "хотелось",
        "планируете",
        "рассматриваете",
        "пробовали",
        "думали",
        "знаете",
        "слышали",
        "пользуетесь",
        "работаете",
    }
)
TAG_ENDINGS = (
    ("удобно",),
    ("подойдет",),
    ("подходит",),
    ("верно",),
    ("правильно",),
    ("так", "ведь"),
    ("правда", "ли"),
    ("не", "так", "ли"),
    ("да", "ведь"),
    ("не", "правда"),
    ("так", "же"),
)
_YOU = frozenset(
    {"вы", "вас", "вам", "ваш", "ваша", "ваше", "ваши", "вашей", "вашем", "вашего", "вашу", "вами"}
)
_NOT_AFTER_WHAT = frozenset({"касается", "ж", "же", "именно"})


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


def is_question(sentence: str, words: list[str] | None = None) -> bool:
    """Tell whether a sentence is a question: by '?' or, when unterminated, by Russian interrogative cues."""
    stripped = sentence.rstrip(" \"'»)")
    if stripped.endswith("?"):
        return True
    if stripped.endswith((".", "!", "…")):
        return False
    tokens = words if words is not None else tokenize(sentence)
    return bool(tokens) and has_question_cue(tokens)


def has_question_cue(tokens: list[str]) -> bool:
    """Interrogative cues of an unpunctuated clause: wh-word, "ли", "подскажите", "а у вас", tag endings."""
    if any(t in QUESTION_VERBS for t in tokens[:-2]):
        return True
    if any(t == "именно" and i > 0 and tokens[i - 1] in INTERROGATIVES for i, t in enumerate(tokens)):
        return True
    if "ли" in tokens[1:5]:
        return True
    for ending in TAG_ENDINGS:
        if len(tokens) > len(ending) + 1 and tuple(tokens[-len(ending) :]) == ending:
            return True
    first = next((i for i, t in enumerate(tokens) if t not in LEAD_WORDS), None)
    if first is not None and opens_question(tokens, first):
        return True
    # Mid-clause "а" often starts a new, unpunctuated question: "понятно а сколько у вас машин".
    return any(t == "а" and i > 0 and opens_question(tokens, i + 1) for i, t in enumerate(tokens))


def opens_question(tokens: list[str], i: int) -> bool:
    """Whether the word at position ``i`` opens a question (wh-word, "во сколько", "а вы"/"а у вас")."""
    if i >= len(tokens):
        return False
    word = tokens[i]
    if word in INTERROGATIVES:
        return not (word == "что" and tokens[i + 1 : i + 2] and tokens[i + 1] in _NOT_AFTER_WHAT)
    if word == "во" and tokens[i + 1 : i + 2] == ["сколько"]:
        return True
    if (
        i > 0
        and tokens[i - 1] == "а"
        and (word in YES_NO_OPENERS or (word == "если" and "бы" in tokens[i + 1 : i + 4]))
    ):
        return True
    return (
        i > 0
        and tokens[i - 1] == "а"
        and (word in _YOU or (word == "у" and tokens[i + 1 : i + 2] == ["вас"]))
    )


def split_clauses(sentence: str, words: list[str]) -> list[tuple[int, int]]:
    """Cut an unpunctuated sentence before "а" + question cue; return token spans (start, stop)."""
    if any(ch in sentence for ch in "?.!,;"):
        return [(0, len(words))]
    cuts = [0]
    for i, token in enumerate(words):
        if token == "а" and i - cuts[-1] >= 3 and opens_question(words, i + 1):
            cuts.append(i)
    cuts.append(len(words))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
