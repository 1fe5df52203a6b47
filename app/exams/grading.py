"""Pure grading rules: a response to a question -> a fraction of the mark (0..1), or None for manual grading.

Responses are plain JSON values: single choice ``int`` (index into the question's answers), multiple choice
``list[int]``, true/false ``bool``, short answer / numerical / essay ``str``, matching ``{"0": "right text", …}``
(keys are indexes of the pairs with a left side).
"""

from __future__ import annotations

import re
from typing import Any

from app.exams.gift.model import QType, Question

Response = Any


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def normalize_text(text: str) -> str:
    """Short answers compare case-insensitively, with ё = е and runs of spaces collapsed."""
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").casefold().split())


def _pattern(answer: str) -> re.Pattern[str]:
    """``*`` is a wildcard for any text; ``\\*`` is a literal star."""
    parts = re.split(r"(\\\*|\*)", normalize_text(answer))
    regex = "".join(".*" if p == "*" else re.escape("*") if p == "\\*" else re.escape(p) for p in parts)
    return re.compile(regex, re.DOTALL)


def short_answer_match(question: Question, text: str) -> int | None:
    """Index of the first accepted answer the text matches (Moodle order), or None."""
    given = normalize_text(text or "")
    if not given:
        return None
    for index, answer in enumerate(question.answers):
        if _pattern(answer.text).fullmatch(given):
            return index
    return None


def parse_number(text: str) -> float | None:
    """``1 440``, ``1440,5``, ``-3.2`` -> float; anything else -> None."""
    cleaned = re.sub(r"[\s\u00a0\u2009\u202f]", "", text or "").replace(",", ".")
    if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", cleaned):
        return None
    return float(cleaned)


def number_match(question: Question, text: str) -> int | None:
    """Index of the accepted number answer with the best weight that contains the given number, or None."""
    number = parse_number(text)
    if number is None:
        return None
    hits = [i for i, answer in enumerate(question.numbers) if answer.accepts(number)]
    return max(hits, key=lambda i: question.numbers[i].weight) if hits else None


def matching_lefts(question: Question) -> list[int]:
    """Indexes of the pairs that are asked (those with a left side)."""
    return [i for i, pair in enumerate(question.pairs) if pair.left]


def grade_single(question: Question, choice: int | None) -> float:
    """Weight of the chosen option; negative weights count as zero."""
    if choice is None or not 0 <= choice < len(question.answers):
        return 0.0
    return _clamp(question.answers[choice].weight / 100)


def grade_multiple(question: Question, chosen: list[int]) -> float:
    """Sum of the chosen options' weights (negative ones subtract), clamped to 0..1."""
    valid = {c for c in chosen if 0 <= c < len(question.answers)}
    return _clamp(sum(question.answers[c].weight for c in valid) / 100)


def grade_truefalse(question: Question, value: bool | None) -> float:
    """1 for the right value, else 0."""
    return 1.0 if value is not None and value == question.truth else 0.0


def grade_short(question: Question, text: str) -> float:
    """Weight of the first matching accepted answer."""
    index = short_answer_match(question, text)
    return 0.0 if index is None else _clamp(question.answers[index].weight / 100)


def grade_numerical(question: Question, text: str) -> float:
    """Best weight among the accepted numbers (tolerance or range) that contain the answer."""
    index = number_match(question, text)
    return 0.0 if index is None else _clamp(question.numbers[index].weight / 100)


def grade_matching(question: Question, mapping: dict[str, str], partial: bool = True) -> float:
    """Share of pairs matched right (``partial``), or all-or-nothing."""
    lefts = matching_lefts(question)
    if not lefts:
        return 0.0
    right = sum(1 for i in lefts if (mapping or {}).get(str(i)) == question.pairs[i].right)
    if partial:
        return right / len(lefts)
    return 1.0 if right == len(lefts) else 0.0


def grade(question: Question, response: Response) -> float | None:
    """Fraction of the mark for ``response``; None when a person has to grade it (essay)."""
    kind = question.qtype
    if kind == QType.ESSAY:
        return None
    if response is None:
        return 0.0
    if kind == QType.SINGLE:
        return grade_single(question, response if isinstance(response, int) else None)
    if kind == QType.MULTIPLE:
        return grade_multiple(question, [c for c in response if isinstance(c, int)])
    if kind == QType.TRUEFALSE:
        return grade_truefalse(question, response if isinstance(response, bool) else None)
    if kind == QType.SHORT:
        return grade_short(question, str(response))
    if kind == QType.NUMERICAL:
        return grade_numerical(question, str(response))
    return grade_matching(question, response if isinstance(response, dict) else {})


def is_answered(question: Question, response: Response) -> bool:
    """Did the person give any answer at all?"""
    if response is None:
        return False
    if isinstance(response, str):
        return bool(response.strip())
    if isinstance(response, list | dict):
        return bool(response)
    return True


def _index(raw: str, size: int) -> int | None:
    return int(raw) if raw.isdigit() and int(raw) < size else None


def parse_response(question: Question, fields: dict[str, list[str]]) -> Response:
    """Turn submitted form fields of one question (``""`` main field, ``m<i>`` matching rows) into a response."""
    main = [v for v in fields.get("", []) if v is not None]
    kind = question.qtype
    if kind == QType.SINGLE:
        return _index(main[0], len(question.answers)) if main else None
    if kind == QType.MULTIPLE:
        chosen = {_index(v, len(question.answers)) for v in main}
        return sorted(c for c in chosen if c is not None)
    if kind == QType.TRUEFALSE:
        return {"true": True, "false": False}.get(main[0]) if main else None
    if kind == QType.MATCHING:
        allowed = {pair.right for pair in question.pairs}
        mapping = {}
        for i in matching_lefts(question):
            value = (fields.get(f"m{i}") or [""])[0]
            if value in allowed:
                mapping[str(i)] = value
        return mapping
    text = main[0] if main else ""
    return text[:20000]


def answer_feedback(question: Question, response: Response) -> list[str]:
    """The per-answer feedback the response earns (chosen options, matched answer, right/wrong text)."""
    kind = question.qtype
    if response is None:
        return []
    if kind == QType.SINGLE and isinstance(response, int) and 0 <= response < len(question.answers):
        return [f for f in [question.answers[response].feedback] if f]
    if kind == QType.MULTIPLE:
        return [
            question.answers[c].feedback
            for c in response
            if 0 <= c < len(question.answers) and question.answers[c].feedback
        ]
    if kind == QType.TRUEFALSE and isinstance(response, bool):
        text = question.feedback_right if response == question.truth else question.feedback_wrong
        return [text] if text else []
    if kind == QType.SHORT:
        index = short_answer_match(question, str(response))
        return [question.answers[index].feedback] if index is not None and question.answers[index].feedback else []
    if kind == QType.NUMERICAL:
        index = number_match(question, str(response))
        if index is None:
            return [question.wrong_feedback] if question.wrong_feedback else []
        return [question.numbers[index].feedback] if question.numbers[index].feedback else []
    return []
