"""Plain data for GIFT questions: what the parser produces, the writer consumes and the bank stores as JSON."""

from __future__ import annotations

import enum
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any


class QType(enum.StrEnum):
    """Question types of the bank (Moodle names in comments)."""

    SINGLE = "single"  # multichoice, one answer
    MULTIPLE = "multiple"  # multichoice, several answers
    TRUEFALSE = "truefalse"
    SHORT = "short"  # shortanswer
    NUMERICAL = "numerical"
    MATCHING = "matching"  # match
    ESSAY = "essay"


FORMATS = ("moodle", "markdown", "html", "plain")
DEFAULT_FORMAT = "moodle"  # Moodle's default when a GIFT question names no format


@dataclass(frozen=True)
class Answer:
    """A choice (single/multiple) or an accepted short answer; ``weight`` is a percentage, -100..100."""

    text: str
    weight: float
    feedback: str = ""


@dataclass(frozen=True)
class NumberAnswer:
    """An accepted number: ``value`` ± ``tolerance``, or the closed range ``low..high`` when ``is_range``."""

    value: float = 0.0
    tolerance: float = 0.0
    low: float = 0.0
    high: float = 0.0
    is_range: bool = False
    weight: float = 100.0
    feedback: str = ""

    def accepts(self, number: float) -> bool:
        """True when ``number`` lies inside this answer's interval (ends included)."""
        if self.is_range:
            return self.low <= number <= self.high
        return abs(number - self.value) <= self.tolerance + 1e-9


@dataclass(frozen=True)
class MatchPair:
    """One row of a matching question; an empty ``left`` is an extra (distractor) right-hand option."""

    left: str
    right: str


@dataclass
class Question:
    """One GIFT question. ``text_after`` non-empty means a missing-word question (answers inside the text)."""

    qtype: QType
    text: str
    name: str = ""
    text_format: str = DEFAULT_FORMAT
    text_after: str = ""
    general_feedback: str = ""
    answers: tuple[Answer, ...] = ()
    numbers: tuple[NumberAnswer, ...] = ()
    wrong_feedback: str = ""  # numerical: shown for any number outside every answer
    pairs: tuple[MatchPair, ...] = ()
    truth: bool | None = None  # true/false: the correct value
    feedback_wrong: str = ""  # true/false: shown after the wrong choice
    feedback_right: str = ""  # true/false: shown after the right choice
    idnumber: str = ""
    tags: tuple[str, ...] = ()
    category: str = ""
    line: int = field(default=0, compare=False)

    @property
    def missing_word(self) -> bool:
        """The answer block sits in the middle of the sentence."""
        return bool(self.text_after)

    def content(self) -> dict[str, Any]:
        """What the question says and accepts (no id, category or line): the part that is versioned."""
        data = self.to_dict()
        for key in ("idnumber", "category", "line"):
            data.pop(key)
        return data

    def content_hash(self) -> str:
        """A stable hash of :meth:`content`; a new question version is made only when it changes."""
        raw = json.dumps(self.content(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (lists instead of tuples)."""
        data = asdict(self)
        data["qtype"] = self.qtype.value
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        """Inverse of :meth:`to_dict`; unknown keys are ignored so old versions stay readable."""
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["qtype"] = QType(values["qtype"])
        values["answers"] = tuple(Answer(**a) for a in values.get("answers", ()))
        values["numbers"] = tuple(NumberAnswer(**n) for n in values.get("numbers", ()))
        values["pairs"] = tuple(MatchPair(**p) for p in values.get("pairs", ()))
        values["tags"] = tuple(values.get("tags", ()))
        return cls(**values)


@dataclass(frozen=True)
class GiftError:
    """A refused question: the line it starts on (or the offending line inside it) and why."""

    line: int
    message: str
    idnumber: str = ""
    name: str = ""

    def __str__(self) -> str:
        label = f" [{self.idnumber}]" if self.idnumber else (f" «{self.name}»" if self.name else "")
        return f"строка {self.line}{label}: {self.message}"


@dataclass
class ParseResult:
    """Everything a GIFT text yielded: good questions, refused ones, and the categories it named."""

    questions: list[Question] = field(default_factory=list)
    errors: list[GiftError] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
