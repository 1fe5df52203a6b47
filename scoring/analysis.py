"""Per-call text analysis shared by all detectors: sentence units, token views, questions, turns."""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.phrases import PatternSet, TokenView, compile_pattern, find_any
from scoring.text import merge_numerals, tokenize
from scoring.transcript import Segment, Transcript, is_question, split_clauses

# Classic Whisper hallucinations on silence ("Субтитры сделал…"): not speech, ignored everywhere.
NOISE_PATTERNS = PatternSet(
    compile_pattern(p)
    for p in (
        "субтитры сделал",
        "субтитры создавал",
        "редактор субтитров",
        "продолжение следует",
        "спасибо за просмотр",
        "подписывайтесь на канал",
        "dimatorzok",
        "субтитры подготовил",
        "субтитры делал",
    )
)
NOISE_WORDS = frozenset({"субтитры", "субтитров", "продолжение", "просмотр", "подписывайтесь", "dimatorzok"})
NO_SPEECH_LIMIT = 0.8


@dataclass(slots=True)
class Unit:
    """A sentence (or, in unpunctuated ASR text, a clause) of one segment."""

    index: int
    segment: int
    speaker: str
    start: float
    end: float
    text: str
    view: TokenView
    is_question: bool


@dataclass(slots=True)
class SegmentView:
    """A whole segment prepared for matching, with the ids of its units."""

    index: int
    segment: Segment
    view: TokenView
    units: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Turn:
    """Consecutive segments of one speaker."""

    speaker: str
    segments: list[int]


class CallText:
    """Text analysis of one transcript: segments, units and turns, computed once per call."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self.segments: list[SegmentView] = []
        self.units: list[Unit] = []
        self.turns: list[Turn] = []
        self.turn_of: list[int] = []
        self.noise: set[int] = set()
        for index, segment in enumerate(transcript.segments):
            self._add_segment(index, segment)

    def speech(self) -> list[int]:
        """Indices of segments that are real speech (not hallucinated filler)."""
        return [i for i in range(len(self.segments)) if i not in self.noise]

    def _add_segment(self, index: int, segment: Segment) -> None:
        all_words = merge_numerals(tokenize(segment.text))
        if self._is_noise(segment, all_words):
            self.noise.add(index)
            self.segments.append(SegmentView(index, segment, TokenView.build([])))
            self.turn_of.append(len(self.turns) - 1)
            return
        unit_ids: list[int] = []
        text = segment.text
        sentences = segment.sentences()
        length = max(1, len(text))
        offset = 0
        for sentence in sentences:
            pos = text.find(sentence, offset)
            pos = offset if pos < 0 else pos
            offset = pos + len(sentence)
            words = merge_numerals(tokenize(sentence))
            if not words:
                continue
            spans = split_clauses(sentence, words)
            question = is_question(sentence, words)
            for a, b in spans:
                piece = words[a:b]
                # Interpolate the unit's time inside the segment from its character position.
                frac0 = (pos + (len(sentence) * a / len(words))) / length
                frac1 = (pos + (len(sentence) * b / len(words))) / length
                start = segment.start + segment.duration * frac0
                end = segment.start + segment.duration * min(1.0, frac1)
                unit_text = sentence if len(spans) == 1 else " ".join(piece)
                unit_question = question if len(spans) == 1 else is_question(unit_text, piece)
                unit_ids.append(len(self.units))
                self.units.append(
                    Unit(
                        len(self.units),
                        index,
                        segment.speaker,
                        round(start, 2),
                        round(end, 2),
                        unit_text,
                        TokenView.build(piece),
                        unit_question,
                    )
                )
        view = TokenView.concat([self.units[u].view for u in unit_ids]) if unit_ids else TokenView.build([])
        self.segments.append(SegmentView(index, segment, view, unit_ids))
        if self.turns and self.turns[-1].speaker == segment.speaker:
            self.turns[-1].segments.append(index)
        else:
            self.turns.append(Turn(segment.speaker, [index]))
        self.turn_of.append(len(self.turns) - 1)

    @staticmethod
    def _is_noise(segment: Segment, words: list[str]) -> bool:
        if segment.no_speech_prob is not None and segment.no_speech_prob >= NO_SPEECH_LIMIT:
            return True
        if not words:
            return True
        if len(words) > 8 or not NOISE_WORDS.intersection(words):
            return False
        return find_any(NOISE_PATTERNS, TokenView.build(words)) is not None

    def question_units(self, speaker: str, first: int = 0, stop: int | None = None) -> list[Unit]:
        """Question units of a speaker inside the segment range [first, stop)."""
        stop = len(self.segments) if stop is None else stop
        return [u for u in self.units if u.speaker == speaker and u.is_question and first <= u.segment < stop]
