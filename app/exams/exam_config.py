"""The ``exam:`` block of ``course.yaml`` <-> exam settings: validated on the way in, same shape on the way out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from app.core.domain import DomainError
from app.exams.gift import normalize_category
from app.exams.models import Exam, ExamRule, Grading, ShowAnswers

SETTING_KEYS = (
    "title",
    "description",
    "pass_mark",
    "time_limit_minutes",
    "max_attempts",
    "grading",
    "show_answers",
    "per_page",
    "questions",
)
RULE_KEYS = ("random", "question", "category", "tag", "subcategories", "points")


@dataclass
class RuleSpec:
    """A fixed question (``question_key``) or ``count`` random ones from a category subtree and/or a tag."""

    count: int = 1
    question_key: str | None = None
    category: str | None = None
    tag: str | None = None
    subcategories: bool = True
    points: float = 1.0


@dataclass
class ExamSettings:
    """Everything an exam is configured with."""

    title: str
    description: str = ""
    pass_mark: float = 70
    time_limit_minutes: int | None = None
    max_attempts: int | None = None
    grading: str = Grading.HIGHEST.value
    show_answers: str = ShowAnswers.AFTER_SUBMIT.value
    per_page: int = 0
    rules: list[RuleSpec] = field(default_factory=list)


def _fail(where: str, field_name: str, message: str) -> DomainError:
    return DomainError(f"{where}: exam.{field_name}: {message}", field_name)


def _int(value: Any, where: str, name: str, minimum: int, allow_none: bool = True) -> int | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _fail(where, name, _("нужно целое число не меньше %(n)s (или пусто), а не %(v)r", n=minimum, v=value))
    return value


def _number(value: Any, where: str, name: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise _fail(where, name, _("нужно число от %(low)g до %(high)g, а не %(v)r", low=low, high=high, v=value))
    return float(value)


def _rule(raw: Any, where: str, index: int) -> RuleSpec:
    name = f"questions[{index}]"
    if not isinstance(raw, dict):
        raise _fail(where, name, _("каждая строка — словарь вида {random: N, category: путь} или {question: id}"))
    unknown = sorted(set(raw) - set(RULE_KEYS))
    if unknown:
        raise _fail(
            where,
            name,
            _(
                "неизвестные ключи %(keys)s; допустимы %(allowed)s",
                keys=", ".join(unknown),
                allowed=", ".join(RULE_KEYS),
            ),
        )
    points = _number(raw.get("points", 1), where, f"{name}.points", 0.01, 100)
    if "question" in raw:
        if "random" in raw:
            raise _fail(where, name, _("укажите либо question, либо random"))
        key = str(raw["question"]).strip()
        if not key:
            raise _fail(where, name, _("пустой id вопроса"))
        return RuleSpec(1, question_key=key, points=points)
    count = _int(raw.get("random"), where, f"{name}.random", 1, allow_none=False)
    category = normalize_category(str(raw["category"])) if raw.get("category") else None
    tag = str(raw["tag"]).strip() if raw.get("tag") else None
    if not category and not tag:
        raise _fail(where, name, _("для random нужна category и/или tag"))
    subcategories = raw.get("subcategories", True)
    if not isinstance(subcategories, bool):
        raise _fail(where, f"{name}.subcategories", _("нужно true или false"))
    return RuleSpec(count or 1, None, category, tag, subcategories, points)


def parse_exam_config(data: Any, where: str = "course.yaml") -> ExamSettings:
    """Validate an ``exam:`` mapping; errors name the file and the field."""
    if not isinstance(data, dict):
        raise DomainError(f"{where}: exam: " + _("нужен словарь настроек (title, pass_mark, questions …)"), "exam")
    unknown = sorted(set(data) - set(SETTING_KEYS))
    if unknown:
        raise _fail(where, unknown[0], _("неизвестный ключ; допустимы %(allowed)s", allowed=", ".join(SETTING_KEYS)))
    title = str(data.get("title") or "").strip()
    if not title:
        raise _fail(where, "title", _("нужно название экзамена"))
    grading = str(data.get("grading", Grading.HIGHEST.value))
    if grading not in {g.value for g in Grading}:
        raise _fail(where, "grading", _("допустимо highest (лучшая попытка) или last (последняя)"))
    show = str(data.get("show_answers", ShowAnswers.AFTER_SUBMIT.value))
    if show not in {s.value for s in ShowAnswers}:
        raise _fail(where, "show_answers", _("допустимо never, after_submit или after_pass"))
    rules_raw = data.get("questions")
    if not isinstance(rules_raw, list) or not rules_raw:
        raise _fail(where, "questions", _("нужен список правил отбора вопросов"))
    return ExamSettings(
        title=title[:200],
        description=str(data.get("description") or ""),
        pass_mark=_number(data.get("pass_mark", 70), where, "pass_mark", 0, 100),
        time_limit_minutes=_int(data.get("time_limit_minutes"), where, "time_limit_minutes", 1),
        max_attempts=_int(data.get("max_attempts"), where, "max_attempts", 1),
        grading=grading,
        show_answers=show,
        per_page=_int(data.get("per_page", 0), where, "per_page", 0, allow_none=False) or 0,
        rules=[_rule(raw, where, i) for i, raw in enumerate(rules_raw)],
    )


def _plain(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number


def settings_to_config(settings: ExamSettings) -> dict[str, Any]:
    """The ``exam:`` mapping in the order course.yaml uses; optional keys only when they differ from defaults."""
    config: dict[str, Any] = {"title": settings.title}
    if settings.description:
        config["description"] = settings.description
    config |= {
        "pass_mark": _plain(settings.pass_mark),
        "time_limit_minutes": settings.time_limit_minutes,
        "max_attempts": settings.max_attempts,
        "grading": settings.grading,
        "show_answers": settings.show_answers,
    }
    if settings.per_page:
        config["per_page"] = settings.per_page
    rules = []
    for rule in settings.rules:
        if rule.question_key is not None:
            item: dict[str, Any] = {"question": rule.question_key}
        else:
            item = {"random": rule.count}
            if rule.category:
                item["category"] = rule.category
            if rule.tag:
                item["tag"] = rule.tag
            if not rule.subcategories:
                item["subcategories"] = False
        if rule.points != 1:
            item["points"] = _plain(rule.points)
        rules.append(item)
    config["questions"] = rules
    return config


def settings_of(exam: Exam) -> ExamSettings:
    """An exam's current settings."""
    rules = [RuleSpec(r.count, r.question_key, r.category, r.tag, r.subcategories, r.points) for r in exam.rules]
    return ExamSettings(
        exam.title,
        exam.description or "",
        exam.pass_mark,
        exam.time_limit_minutes,
        exam.max_attempts,
        Grading(exam.grading).value,
        ShowAnswers(exam.show_answers).value,
        exam.per_page or 0,
        rules,
    )


def apply_settings(exam: Exam, settings: ExamSettings) -> bool:
    """Write settings onto an exam; returns whether anything changed (attempts keep their own questions)."""
    if exam.id is not None and settings_to_config(settings_of(exam)) == settings_to_config(settings):
        return False
    exam.title, exam.description, exam.pass_mark = settings.title, settings.description, settings.pass_mark
    exam.time_limit_minutes, exam.max_attempts = settings.time_limit_minutes, settings.max_attempts
    exam.grading, exam.show_answers = Grading(settings.grading), ShowAnswers(settings.show_answers)
    exam.per_page = settings.per_page
    exam.rules = [
        ExamRule(
            position=i,
            question_key=r.question_key,
            count=r.count,
            category=r.category,
            tag=r.tag,
            subcategories=r.subcategories,
            points=r.points,
        )
        for i, r in enumerate(settings.rules)
    ]
    return True
