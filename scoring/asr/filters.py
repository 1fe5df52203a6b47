"""Hallucination filtering for Whisper output: silence credits, low-confidence noise, repetition loops."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from scoring.asr.base import AsrSegment, AsrWord

# Whisper's own "this window was silence" rule (openai/whisper transcribe.py), plus stricter floors.
NO_SPEECH_PROB = 0.6
NO_SPEECH_LOGPROB = -1.0
MIN_AVG_LOGPROB = -1.5
MAX_COMPRESSION_RATIO = 2.4
LOOP_MIN_REPEATS = 3  # a phrase said three times running is a decoder loop ...
LOOP_MIN_REPEATS_WORD = 5  # ... but people do say «да, да, да»; a single word needs more
LOOP_MAX_NGRAM = 6
# A segment made only of vocabulary words that Whisper was barely sure of is the prompt read back: with a
# vocabulary in every window's prompt, Whisper writes it out over the silence at the end of a recording
# (word probabilities 0.0-0.26 on the fixtures; the company name really said: 0.6 or more on average).
ECHO_MAX_PROBABILITY = 0.4

# Captions that Whisper learned from subtitled videos and prints over silence or noise.
CREDIT_PATTERNS = [
    re.compile(p)
    for p in (
        r"субтитр",
        r"редактор\s+субтитров",
        r"продолжение\s+следует",
        r"спасибо\s+за\s+просмотр",
        r"подпис\w*\s+на\s+(наш\s+|мой\s+)?канал",
        r"ставьте\s+лайк",
        r"dimatorzok",
        r"amara\.org",
        r"\bsubtitles?\b",
    )
]
# Sound-event captions Whisper writes in capitals ("СПОКОЙНАЯ МУЗЫКА", "АПЛОДИСМЕНТЫ") over noise.
CAPTION_RE = re.compile(r"музык|аплодисмент|смех|шум|вздох|подпис|субтитр|продолжение|гудк|звонок|стук")
_UPPER_RE = re.compile(r"^[^\w]*[A-ZА-ЯЁ]{2,}[^\w]*$")
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def _norm(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.lower().replace("ё", "е")))


def drop_reason(segment: AsrSegment) -> str | None:
    """Why a segment should be dropped as a hallucination, or None to keep it."""
    text = _norm(segment.text)
    if not text:
        return "empty"
    if segment.no_speech_prob > NO_SPEECH_PROB and segment.avg_logprob < NO_SPEECH_LOGPROB:
        return "silence"
    if segment.avg_logprob < MIN_AVG_LOGPROB:
        return "low_confidence"
    if segment.compression_ratio > MAX_COMPRESSION_RATIO:
        return "repetitive"
    if any(p.search(text) for p in CREDIT_PATTERNS):
        return "credits"
    return None


def is_prompt_echo(segment: AsrSegment, vocabulary: str | None) -> bool:
    """True when the segment only repeats words of the vocabulary, with low confidence."""
    if not vocabulary:
        return False
    allowed = set(_norm(vocabulary).split())
    tokens = _norm(segment.text).split()
    if not tokens or not set(tokens) <= allowed:
        return False
    if segment.words:
        confidence = sum(w.probability for w in segment.words) / len(segment.words)
    else:  # no word timings: the segment's mean token probability
        confidence = math.exp(segment.avg_logprob)
    return confidence < ECHO_MAX_PROBABILITY


def _loop_span(tokens: list[str]) -> tuple[int, int, int] | None:
    """First (start, ngram size, repeats) of an n-gram repeated back to back often enough to be a loop."""
    for start in range(len(tokens)):
        for size in range(1, LOOP_MAX_NGRAM + 1):
            gram = tokens[start : start + size]
            if len(gram) < size:
                break
            repeats = 1
            while tokens[start + repeats * size : start + (repeats + 1) * size] == gram:
                repeats += 1
            if repeats >= (LOOP_MIN_REPEATS_WORD if size == 1 else LOOP_MIN_REPEATS):
                return start, size, repeats
    return None


def collapse_loops(segment: AsrSegment) -> AsrSegment:
    """Keep one copy of any phrase that Whisper repeated three or more times in a row."""
    if segment.words:
        items: list = list(segment.words)
        keys = [_norm(w.text) for w in items]
    else:
        items = segment.text.split()
        keys = [_norm(t) for t in items]
    changed = False
    while (span := _loop_span(keys)) is not None:
        start, size, repeats = span
        cut = slice(start + size, start + size * repeats)
        del items[cut]
        del keys[cut]
        changed = True
    if not changed:
        return segment
    if segment.words:
        words: tuple[AsrWord, ...] = tuple(items)
        return replace(segment, words=words, end=words[-1].end, text="".join(w.text for w in words).strip())
    return replace(segment, text=" ".join(items))


def strip_captions(segment: AsrSegment) -> AsrSegment:
    """Remove runs of capitalised words that name a sound (Whisper's subtitle habit), keep the speech."""
    tokens = [w.text for w in segment.words] if segment.words else segment.text.split()
    drop: set[int] = set()
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and _UPPER_RE.match(tokens[j].strip()):
            j += 1
        if j > i and CAPTION_RE.search(" ".join(tokens[i:j]).lower()):
            drop.update(range(i, j))
        i = max(j, i + 1)
    if not drop:
        return segment
    if segment.words:
        words = tuple(w for k, w in enumerate(segment.words) if k not in drop)
        if not words:
            return replace(segment, text="", words=())
        text = "".join(w.text for w in words).strip()
        return replace(segment, text=text, words=words, start=words[0].start, end=words[-1].end)
    return replace(segment, text=" ".join(t for k, t in enumerate(tokens) if k not in drop))


def filter_segments(
    segments: list[AsrSegment], vocabulary: str | None = None
) -> tuple[list[AsrSegment], list[tuple[AsrSegment, str]]]:
    """Split segments into kept ones (loops collapsed) and dropped ones with the reason.

    ``vocabulary``: the words the recogniser was prompted with; low-confidence read-backs of them go.
    """
    kept: list[AsrSegment] = []
    dropped: list[tuple[AsrSegment, str]] = []
    for segment in segments:
        stripped = strip_captions(segment)
        reason = "caption" if segment.text.strip() and not stripped.text.strip() else drop_reason(stripped)
        if reason is None and is_prompt_echo(stripped, vocabulary):
            reason = "prompt_echo"
        segment = stripped
        if reason is None:
            segment = collapse_loops(segment)
            recent = [_norm(s.text) for s in kept[-2:]]
            if len(recent) == 2 and recent[0] == recent[1] == _norm(segment.text):
                reason = "repeated"
        if reason is None:
            kept.append(segment)
        else:
            dropped.append((segment, reason))
    return kept, dropped


def clean_segments(segments: list[AsrSegment]) -> list[AsrSegment]:
    """Only the segments worth keeping (see ``filter_segments``)."""
    return filter_segments(segments)[0]
