"""Human names for skill ids and onboarding step kinds in the current UI language."""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import gettext as _

from app.core.markdown import render_markdown
from app.learning.models import StepKind, TaskStatus


def skill_label(skill: str) -> str:
    """Russian (or English) name of a shared skill id."""
    labels = {
        "gatekeeper": _("Прохождение секретаря"),
        "opening": _("Установление контакта"),
        "needs_discovery": _("Выявление потребностей"),
        "value_presentation": _("Презентация, язык пользы"),
        "positioning": _("Позиционирование"),
        "objection_handling": _("Работа с возражениями"),
        "closing": _("Закрытие, следующий шаг"),
        "negotiation": _("Переговоры"),
        "product_knowledge": _("Знание продукта"),
    }
    return labels.get(skill, skill)


def step_kind_label(kind: StepKind | str) -> str:
    """What kind of onboarding step this is, in words."""
    labels = {
        StepKind.MANUAL: _("с руководителем"),
        StepKind.COURSE: _("курс"),
        StepKind.EXAM: _("экзамен"),
        StepKind.SUBMISSION: _("письменная работа"),
    }
    return labels[StepKind(kind)]


def task_status_label(status: TaskStatus | str) -> str:
    """Where a step stands, in words."""
    labels = {TaskStatus.OPEN: _("в работе"), TaskStatus.SUBMITTED: _("на проверке"), TaskStatus.DONE: _("выполнено")}
    return labels[TaskStatus(status)]


def exam_link(course_key: str | None) -> str | None:
    """URL of a course's exam page when the exams feature provides one."""
    if not course_key or "exams.course_exam" not in current_app.view_functions:
        return None
    return url_for("exams.course_exam", course_key=course_key)


def template_helpers() -> dict[str, object]:
    """What the learning templates (and widgets) use for labels."""
    return {
        "skill_label": skill_label,
        "step_kind_label": step_kind_label,
        "task_status_label": task_status_label,
        "markdown": render_markdown,
        "exam_link": exam_link,
    }
