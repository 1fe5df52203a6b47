"""GIFT writer: questions -> Moodle-readable GIFT text that :func:`parse_gift` reads back to equal questions."""

from __future__ import annotations

from collections.abc import Iterable

from app.exams.gift.escapes import escape
from app.exams.gift.model import DEFAULT_FORMAT, Answer, NumberAnswer, QType, Question


def format_number(value: float) -> str:
    """``1440.0`` -> ``1440``, ``0.5`` -> ``0.5`` (shortest text that reads back to the same float)."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _weight(value: float, default: float) -> str:
    return "" if value == default else f"%{format_number(value)}%"


def _feedback(text: str) -> str:
    return f"#{escape(text)}" if text else ""


def _choice_lines(answers: Iterable[Answer], single: bool) -> list[str]:
    lines = []
    for answer in answers:
        if single and answer.weight == 100:
            marker = "="
        elif not single and answer.weight == 0:
            marker = "~"
        else:
            marker = "~" + _weight(answer.weight, 0.0)
        lines.append(f"{marker}{escape(answer.text)}{_feedback(answer.feedback)}")
    # In a single-choice question the 100 % answer is "=", the rest "~" with an optional weight.
    return lines


def _short_lines(answers: Iterable[Answer]) -> list[str]:
    return [f"={_weight(a.weight, 100.0)}{escape(a.text)}{_feedback(a.feedback)}" for a in answers]


def _number_text(number: NumberAnswer) -> str:
    if number.is_range:
        value = f"{format_number(number.low)}..{format_number(number.high)}"
    elif number.tolerance:
        value = f"{format_number(number.value)}:{format_number(number.tolerance)}"
    else:
        value = format_number(number.value)
    return value + _feedback(number.feedback)


def _numerical(question: Question) -> tuple[str, list[str]]:
    numbers = question.numbers
    if len(numbers) == 1 and numbers[0].weight == 100 and not question.wrong_feedback:
        return "#" + _number_text(numbers[0]), []
    lines = [f"={_weight(n.weight, 100.0)}{_number_text(n)}" for n in numbers]
    if question.wrong_feedback:
        lines.append(f"~#{escape(question.wrong_feedback)}")
    return "#", lines


def _answer_parts(question: Question) -> tuple[str, list[str]]:
    """(inline head of the answer block, answer lines)."""
    kind = question.qtype
    if kind in (QType.SINGLE, QType.MULTIPLE):
        return "", _choice_lines(question.answers, kind == QType.SINGLE)
    if kind == QType.SHORT:
        return "", _short_lines(question.answers)
    if kind == QType.NUMERICAL:
        return _numerical(question)
    if kind == QType.MATCHING:
        return "", [f"={escape(p.left)} -> {escape(p.right)}" for p in question.pairs]
    if kind == QType.TRUEFALSE:
        head = "TRUE" if question.truth else "FALSE"
        if question.feedback_wrong or question.feedback_right:
            head += f"#{escape(question.feedback_wrong)}"
        if question.feedback_right:
            head += f"#{escape(question.feedback_right)}"
        return head, []
    return "", []


def _answer_block(question: Question) -> str:
    head, lines = _answer_parts(question)
    general = f"####{escape(question.general_feedback)}" if question.general_feedback else ""
    if question.missing_word or not lines:
        inner = " ".join([head, *lines]).strip() if lines else head
        return "{" + inner + general + "}"
    body = "".join(f"\t{line}\n" for line in lines)
    tail = f"\t{general}\n" if general else ""
    return "{" + head + "\n" + body + tail + "}"


def _comment(question: Question) -> str:
    parts = []
    if question.idnumber:
        parts.append(f"[id:{question.idnumber.replace(']', chr(92) + ']')}]")
    parts += [f"[tag:{tag.replace(']', chr(92) + ']')}]" for tag in question.tags]
    return f"// {' '.join(parts)}\n" if parts else ""


def write_question(question: Question) -> str:
    """One question as GIFT (its ``// [id:…] [tag:…]`` comment line included), ending with a newline."""
    prefix = f"::{escape(question.name)}::" if question.name else ""
    text = escape(question.text)
    if question.text_format != DEFAULT_FORMAT or text.startswith("["):
        text = f"[{question.text_format}]" + text
    if not prefix and (text.startswith("//") or text.startswith("$")):
        prefix = "::::"
    block = _answer_block(question)
    if question.missing_word:
        body = f"{text}{block}{escape(question.text_after)}"
    else:
        body = f"{text}{block}" if text.endswith((" ", "\n")) else f"{text} {block}" if text else block
    return _comment(question) + prefix + body + "\n"


def write_gift(questions: Iterable[Question], header: str = "") -> str:
    """Questions as a GIFT document; a ``$CATEGORY:`` line is written whenever the category changes."""
    chunks = []
    if header:
        chunks.append("".join(f"// {line}\n" for line in header.splitlines()))
    category: str | None = None
    for question in questions:
        if question.category and question.category != category:
            chunks.append(f"$CATEGORY: {question.category}\n")
            category = question.category
        chunks.append(write_question(question))
    return "\n".join(chunks)
