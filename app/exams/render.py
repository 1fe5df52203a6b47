"""Presentation helpers for exam templates: question text by format, labels, readable answers."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup, escape

from app.core.markdown import render_markdown
from app.exams.gift import QType, format_number
from app.exams.gift import Question as GiftQuestion
from app.exams.grading import answer_feedback, matching_lefts
from app.learning.labels import skill_label


def question_html(text: str, text_format: str = "moodle") -> Markup:
    """Question text as safe HTML: Markdown and HTML through the sanitizer, plain/Moodle text escaped."""
    if text_format in ("markdown", "html"):
        return render_markdown(text)
    return Markup("<br>").join(escape(line) for line in text.split("\n"))


def inline_html(text: str, text_format: str = "moodle") -> Markup:
    """Text around a missing-word blank, kept inline (no paragraphs)."""
    html = question_html(text, text_format)
    if text_format in ("markdown", "html"):
        html = Markup(str(html).removeprefix("<p>").removesuffix("</p>"))
    return html


def qtype_label(qtype: str, missing_word: bool = False) -> str:
    """Human name of a question type."""
    if missing_word:
        return _("Пропущенное слово")
    labels = {
        QType.SINGLE: _("Один ответ"),
        QType.MULTIPLE: _("Несколько ответов"),
        QType.TRUEFALSE: _("Верно / неверно"),
        QType.SHORT: _("Короткий ответ"),
        QType.NUMERICAL: _("Числовой"),
        QType.MATCHING: _("Сопоставление"),
        QType.ESSAY: _("Эссе"),
    }
    return labels[QType(qtype)]


def _number(answer: Any) -> str:
    if answer.is_range:
        return f"{format_number(answer.low)}–{format_number(answer.high)}"
    if answer.tolerance:
        return f"{format_number(answer.value)} ± {format_number(answer.tolerance)}"
    return format_number(answer.value)


def correct_answers(question: GiftQuestion) -> list[str]:
    """The accepted answers in words (weights shown where they are partial)."""
    kind = question.qtype
    if kind in (QType.SINGLE, QType.MULTIPLE, QType.SHORT):
        return [
            a.text if a.weight == 100 else f"{a.text} ({format_number(a.weight)} %)"
            for a in question.answers
            if a.weight > 0
        ]
    if kind == QType.NUMERICAL:
        return [
            _number(n) if n.weight == 100 else f"{_number(n)} ({format_number(n.weight)} %)" for n in question.numbers
        ]
    if kind == QType.TRUEFALSE:
        return [_("Верно") if question.truth else _("Неверно")]
    if kind == QType.MATCHING:
        return [f"{question.pairs[i].left} → {question.pairs[i].right}" for i in matching_lefts(question)]
    return []


def response_text(question: GiftQuestion, response: Any) -> list[str]:
    """The learner's answer in words."""
    if response is None or response == "" or response == [] or response == {}:
        return []
    kind = question.qtype
    if kind == QType.SINGLE and isinstance(response, int) and 0 <= response < len(question.answers):
        return [question.answers[response].text]
    if kind == QType.MULTIPLE:
        return [question.answers[i].text for i in response if 0 <= i < len(question.answers)]
    if kind == QType.TRUEFALSE:
        return [_("Верно") if response else _("Неверно")]
    if kind == QType.MATCHING:
        return [f"{question.pairs[i].left} → {response.get(str(i), '—')}" for i in matching_lefts(question)]
    return [str(response)]


def choice_order(question: GiftQuestion, layout: dict[str, Any]) -> list[int]:
    """The order the choices were shown in (the attempt's shuffle, else the bank's order)."""
    order = layout.get("order") if layout else None
    if order and sorted(order) == list(range(len(question.answers))):
        return list(order)
    return list(range(len(question.answers)))


def matching_options(question: GiftQuestion, layout: dict[str, Any]) -> list[str]:
    """Right-hand options of a matching question in the attempt's order."""
    options = layout.get("options") if layout else None
    wanted = sorted({p.right for p in question.pairs})
    return list(options) if options and sorted(options) == wanted else wanted


def percent_class(percent: float | None, pass_mark: float = 70) -> str:
    """CSS class of a score badge."""
    if percent is None:
        return "text-bg-light border"
    if percent >= pass_mark:
        return "score-good"
    return "score-mid" if percent >= pass_mark * 0.7 else "score-bad"


def template_helpers() -> dict[str, Any]:
    """Helpers every exams template may use."""
    return {
        "exam_question_html": question_html,
        "exam_inline_html": inline_html,
        "exam_qtype_label": qtype_label,
        "exam_skill_label": skill_label,
        "exam_correct_answers": correct_answers,
        "exam_response_text": response_text,
        "exam_choice_order": choice_order,
        "exam_matching_options": matching_options,
        "exam_percent_class": percent_class,
        "exam_matching_lefts": matching_lefts,
        "exam_feedback": answer_feedback,
        "QType": QType,
    }
