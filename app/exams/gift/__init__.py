"""Moodle GIFT format: a Flask-free parser and writer over plain dataclasses (see ``docs/gift.md``)."""

from app.exams.gift.model import (
    DEFAULT_FORMAT,
    FORMATS,
    Answer,
    GiftError,
    MatchPair,
    NumberAnswer,
    ParseResult,
    QType,
    Question,
)
from app.exams.gift.parser import normalize_category, parse_gift
from app.exams.gift.writer import format_number, write_gift, write_question

__all__ = [
    "DEFAULT_FORMAT",
    "FORMATS",
    "Answer",
    "GiftError",
    "MatchPair",
    "NumberAnswer",
    "ParseResult",
    "QType",
    "Question",
    "format_number",
    "normalize_category",
    "parse_gift",
    "write_gift",
    "write_question",
]
