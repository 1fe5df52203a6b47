"""GIFT (Moodle) parser: text -> questions + refused blocks with line numbers. No Flask, no database.

Follows Moodle's ``qformat_gift``: questions are separated by blank lines, ``//`` lines are comments (Moodle 4
reads ``[id:…]`` and ``[tag:…]`` from them), ``$CATEGORY:`` starts a category, general feedback ``####`` is
taken off before the type is decided (so ``{####…}`` is an essay). A bad question is reported, never fatal.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

from app.exams.gift.escapes import protect, restore
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

_FORMAT_RE = re.compile(r"^\[(" + "|".join(FORMATS) + r")\]", re.IGNORECASE)
_WEIGHT_RE = re.compile(r"^%(-?\d+(?:[.,]\d+)?)%")
_ID_RE = re.compile(r"\[id:((?:\\\]|[^\]])+)\]")
_TAG_RE = re.compile(r"\[tag:((?:\\\]|[^\]])+)\]")
_CATEGORY_PREFIX_RE = re.compile(r"^\$[a-z0-9]+\$/?", re.IGNORECASE)
_TRUEFALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_MAX_NAME = 255


class _Refused(Exception):
    """A question cannot be read; ``offset`` is where in the block text the trouble is."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclass
class _Block:
    """The content lines of one question (escapes protected) joined by newlines, and where each line starts."""

    text: str
    starts: list[int]
    linenos: list[int]
    comments: str

    def line_at(self, offset: int) -> int:
        index = bisect.bisect_right(self.starts, max(offset, 0)) - 1
        return self.linenos[max(index, 0)]


def _split_blocks(text: str) -> list[list[tuple[int, str]]]:
    """Group lines into blank-line separated blocks, keeping 1-based line numbers."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            current.append((number, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _make_block(lines: list[tuple[int, str]]) -> _Block:
    comments, parts, starts, linenos = [], [], [], []
    offset = 0
    for number, line in lines:
        if line.strip().startswith("//"):
            comments.append(line.strip())
            continue
        protected = protect(line)
        starts.append(offset)
        linenos.append(number)
        parts.append(protected)
        offset += len(protected) + 1
    if not linenos:
        linenos, starts = [lines[0][0]], [0]
    return _Block("\n".join(parts), starts, linenos, "\n".join(comments))


def normalize_category(path: str) -> str:
    """``$course$/top/Sales/spin`` -> ``Sales/spin``; segments trimmed, empty ones dropped."""
    path = _CATEGORY_PREFIX_RE.sub("", path.strip())
    parts = [p.strip() for p in path.split("/") if p.strip()]
    if parts and parts[0].lower() == "top":
        parts = parts[1:]
    return "/".join(parts)


def _unescape_id(value: str) -> str:
    return value.replace("\\]", "]").strip()


def _weight(segment: str, offset: int, default: float) -> tuple[float, str]:
    """Take a leading ``%N%`` off an answer; returns the weight and the rest."""
    stripped = segment.lstrip()
    if not stripped.startswith("%"):
        return default, segment
    match = _WEIGHT_RE.match(stripped)
    if match is None:
        raise _Refused(offset, "неверный вес ответа: ожидается %N%, например %50% или %-33.33333%")
    weight = float(match.group(1).replace(",", "."))
    if not -100 <= weight <= 100:
        raise _Refused(offset, f"вес {weight:g}% вне диапазона от -100% до 100%")
    return weight, stripped[match.end() :]


def _text(raw: str) -> str:
    """An answer or feedback text. They are plain here; Moodle may prefix them with a format (``[html]<p>…</p>``)."""
    text = restore(raw.strip())
    match = _FORMAT_RE.match(text)
    if match:
        text = text[match.end() :].strip()
        if match.group(1).lower() == "html":
            text = html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
    return text


def _feedback(segment: str) -> tuple[str, str]:
    """Split ``answer#feedback``."""
    text, sep, feedback = segment.partition("#")
    return _text(text), _text(feedback) if sep else ""


def _segments(answer: str, base: int, markers: str) -> list[tuple[str, str, int]]:
    """Split an answer block at unescaped markers: (marker, text, absolute offset of the marker)."""
    positions = [i for i, ch in enumerate(answer) if ch in markers]
    if not positions:
        return []
    head = answer[: positions[0]]
    if head.strip():
        raise _Refused(base, f"текст «{restore(head.strip())[:40]}» перед первым ответом: каждый ответ начинается с =")
    segments = []
    for k, pos in enumerate(positions):
        end = positions[k + 1] if k + 1 < len(positions) else len(answer)
        segments.append((answer[pos], answer[pos + 1 : end], base + pos))
    return segments


def _choices(answer: str, base: int) -> tuple[QType, tuple[Answer, ...]]:
    items = []
    for marker, body, offset in _segments(answer, base, "=~"):
        weight, rest = _weight(body, offset, 100.0 if marker == "=" else 0.0)
        text, feedback = _feedback(rest)
        if not text:
            raise _Refused(offset, "пустой вариант ответа")
        items.append(Answer(text, weight, feedback))
    if len(items) < 2:
        raise _Refused(base, "в вопросе с выбором нужно хотя бы два варианта")
    if "=" in answer:
        if max(a.weight for a in items) < 100:
            raise _Refused(base, "нет варианта с весом 100%: верный ответ отмечают знаком =")
        return QType.SINGLE, tuple(items)
    positive = sum(a.weight for a in items if a.weight > 0)
    if abs(positive - 100) > 1:
        raise _Refused(base, f"сумма положительных весов {positive:g}% вместо 100% (несколько верных ответов)")
    return QType.MULTIPLE, tuple(items)


def _short(answer: str, base: int) -> tuple[Answer, ...]:
    items = []
    for _marker, body, offset in _segments(answer, base, "="):
        weight, rest = _weight(body, offset, 100.0)
        text, feedback = _feedback(rest)
        if not text:
            raise _Refused(offset, "пустой ответ")
        items.append(Answer(text, weight, feedback))
    if not items or max(a.weight for a in items) < 100:
        raise _Refused(base, "нужен хотя бы один ответ с весом 100%")
    return tuple(items)


def _matching(answer: str, base: int) -> tuple[MatchPair, ...]:
    pairs = []
    for _marker, body, offset in _segments(answer, base, "="):
        if "->" not in body:
            raise _Refused(offset, "в паре сопоставления нет «->»")
        if "#" in body:
            raise _Refused(offset, "у пар сопоставления не бывает обратной связи; символ # экранируйте как \\#")
        left, _sep, right = body.partition("->")
        left, right = _text(left), _text(right)
        if not right:
            raise _Refused(offset, "пустая правая часть пары")
        pairs.append(MatchPair(left, right))
    if sum(1 for p in pairs if p.left) < 2:
        raise _Refused(base, "в сопоставлении нужно хотя бы две пары «вопрос -> ответ»")
    return tuple(pairs)


def _number(raw: str, offset: int) -> float:
    try:
        return float(raw.strip().replace(",", "."))
    except ValueError:
        raise _Refused(offset, f"«{restore(raw.strip())}» — не число") from None


def _numerical(answer: str, base: int) -> tuple[tuple[NumberAnswer, ...], str]:
    body = answer[answer.index("#") + 1 :]
    body_base = base + answer.index("#") + 1
    wrong = ""
    if "~" in body:
        cut = body.index("~")
        wrong = _text(body[cut + 1 :].strip().removeprefix("#"))
        body = body[:cut]
    if "=" in body:
        if body[: body.index("=")].strip():
            raise _Refused(body_base, "перед первым ответом с = стоит лишний текст")
        segments = _segments(body, body_base, "=")
    else:
        segments = [("=", body, body_base)]
    items = []
    for _marker, seg, offset in segments:
        weight, rest = _weight(seg, offset, 100.0)
        value_text, _sep, feedback = rest.partition("#")
        value_text, feedback = value_text.strip(), _text(feedback)
        if not value_text:
            raise _Refused(offset, "пустой числовой ответ")
        if ".." in value_text:
            low_text, _sep, high_text = value_text.partition("..")
            low, high = _number(low_text, offset), _number(high_text, offset)
            if low > high:
                raise _Refused(offset, f"диапазон {low:g}..{high:g}: начало больше конца")
            items.append(NumberAnswer(low=low, high=high, is_range=True, weight=weight, feedback=feedback))
        else:
            value_raw, _sep, tol_raw = value_text.partition(":")
            tolerance = abs(_number(tol_raw, offset)) if tol_raw.strip() else 0.0
            items.append(NumberAnswer(_number(value_raw, offset), tolerance, weight=weight, feedback=feedback))
    if max(n.weight for n in items) < 100:
        raise _Refused(body_base, "нужен хотя бы один числовой ответ с весом 100%")
    return tuple(items), wrong


def _fill_answers(question: Question, answer: str, base: int) -> None:
    """Decide the type the way Moodle does and read the answers into ``question``."""
    flat = answer.replace("\n", " ")
    stripped = flat.strip()
    if not stripped:
        question.qtype = QType.ESSAY
    elif stripped.startswith("#"):
        question.qtype = QType.NUMERICAL
        question.numbers, question.wrong_feedback = _numerical(flat, base)
    elif "~" in stripped:
        question.qtype, question.answers = _choices(flat, base)
    elif "=" in stripped and "->" in stripped:
        question.qtype = QType.MATCHING
        question.pairs = _matching(flat, base)
    elif stripped.split("#", 1)[0].strip() in _TRUEFALSE:
        token, *feedback = stripped.split("#")
        question.qtype = QType.TRUEFALSE
        question.truth = _TRUEFALSE[token.strip()]
        question.feedback_wrong = _text(feedback[0]) if feedback else ""
        question.feedback_right = _text("#".join(feedback[1:])) if len(feedback) > 1 else ""
    elif stripped.startswith("="):
        question.qtype = QType.SHORT
        question.answers = _short(flat, base)
    else:
        raise _Refused(base, "не удалось понять ответы: ожидаются =верный ~неверный, T/F, #число, пары «->» или {}")


def _split_answer_block(body: str, base: int) -> tuple[str, str, str, int]:
    """Return text before ``{``, the answers, text after ``}`` and the answers' offset."""
    open_at, close_at = body.find("{"), body.find("}")
    if open_at < 0:
        if close_at >= 0:
            raise _Refused(base + close_at, "закрывающая } без открывающей {")
        raise _Refused(base, "нет блока ответов {…}: текст без вопроса (описание) не импортируется")
    if 0 <= close_at < open_at:
        raise _Refused(base + close_at, "закрывающая } стоит раньше открывающей {")
    close_at = body.find("}", open_at)
    if close_at < 0:
        raise _Refused(base + open_at, "нет закрывающей фигурной скобки } (символ } внутри текста экранируйте: \\})")
    nested = body.find("{", open_at + 1)
    if 0 <= nested < close_at:
        raise _Refused(base + nested, "вторая { внутри блока ответов (символ { в тексте экранируйте: \\{)")
    after = body[close_at + 1 :]
    if "{" in after or "}" in after:
        where = close_at + 1 + min(i for i in (after.find("{"), after.find("}")) if i >= 0)
        raise _Refused(base + where, "второй блок ответов в одном вопросе: разделите вопросы пустой строкой")
    return body[:open_at], body[open_at + 1 : close_at], after, base + open_at + 1


def _parse_question(block: _Block, text: str, category: str) -> Question:
    offset = len(text) - len(text.lstrip())
    name = ""
    if text[offset:].startswith("::"):
        end = text.find("::", offset + 2)
        if end < 0:
            raise _Refused(offset, "имя вопроса не закрыто: ожидается ::Имя::")
        name = restore(text[offset + 2 : end]).strip()
        if len(name) > _MAX_NAME:
            raise _Refused(offset, f"имя вопроса длиннее {_MAX_NAME} символов")
        offset = end + 2
    body = text[offset:]
    lead = len(body) - len(body.lstrip())
    body, offset = body[lead:], offset + lead
    text_format = DEFAULT_FORMAT
    match = _FORMAT_RE.match(body)
    if match:
        text_format = match.group(1).lower()
        body, offset = body[match.end() :], offset + match.end()
    before, answer, after, answer_base = _split_answer_block(body, offset)
    general = ""
    cut = answer.rfind("####")
    if cut >= 0:
        general = _text(answer[cut + 4 :])
        answer = answer[:cut]
    if after.strip():
        question_text, text_after = restore(before.lstrip()), restore(after.rstrip())
    else:
        question_text, text_after = restore(before.strip()), ""
    if not question_text.strip() and not text_after.strip():
        raise _Refused(offset, "пустой текст вопроса")
    question = Question(QType.ESSAY, question_text, name, text_format, text_after, general, category=category)
    _fill_answers(question, answer, answer_base)
    return question


def parse_gift(text: str, default_category: str = "") -> ParseResult:
    """Parse a GIFT text. Questions before any ``$CATEGORY:`` get ``default_category``."""
    result = ParseResult()
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    category = normalize_category(default_category)
    seen_ids: dict[str, int] = {}
    for lines in _split_blocks(text):
        block = _make_block(lines)
        body = block.text
        if not body.strip():
            continue
        if body.lstrip().startswith("$CATEGORY:"):
            first, _sep, rest = body.lstrip().partition("\n")
            category = normalize_category(restore(first[len("$CATEGORY:") :]))
            if category not in result.categories:
                result.categories.append(category)
            if not rest.strip():
                continue
            body = " " * (len(body) - len(rest)) + rest  # keep offsets for line numbers
        idnumber = _unescape_id(m.group(1)) if (m := _ID_RE.search(block.comments)) else ""
        tags = tuple(dict.fromkeys(_unescape_id(t) for t in _TAG_RE.findall(block.comments)))
        first_line = block.line_at(len(body) - len(body.lstrip()))
        try:
            question = _parse_question(block, body, category)
        except _Refused as refused:
            result.errors.append(GiftError(block.line_at(refused.offset), refused.message, idnumber))
            continue
        question.idnumber, question.tags, question.line = idnumber, tags, first_line
        if idnumber and idnumber in seen_ids:
            message = f"id {idnumber} уже встречался в строке {seen_ids[idnumber]}"
            result.errors.append(GiftError(first_line, message, idnumber, question.name))
            continue
        if idnumber:
            seen_ids[idnumber] = first_line
        result.questions.append(question)
    return result
