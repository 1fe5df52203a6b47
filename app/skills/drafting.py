"""Automatic drafting of a development sheet from the weakest skills and the most-failed call items.

``draft_sheet(user, period)``:

1. Analysed window: the part of the period up to today; when it holds fewer than ``MIN_CALLS`` scored calls,
   the 60 days before its end (so a sheet drafted on the first of the month looks at recent calls).
2. Most-failed items: the checklist items of the person's scored calls in the window (current scorecards,
   verdicts in force, N/A ignored), by how often they failed, then by fail rate.
3. Focus skills: up to ``FOCUS_SKILLS`` weakest skills with a known level below 3.5 (or, when every known level
   is higher, the single weakest one below 5) as of the window's end, plus the skill of the most-failed item;
   without any evidence, the skills of failed items or the first skills of the framework (a new hire's start).
   Target: one whole level up (:func:`app.skills.levels.target_level`).
4. Actions per focus skill: the course that teaches it and its exam (each course once per sheet), a role-play on
   its most-failed item or library calls tagged with it, and, for the weakest skill, sitting in on the calls of the
   team's strongest colleague in it; at most ``MAX_ACTIONS`` in all, due over what is left of the period.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.accounts.models import User
from app.core.domain import DomainError
from app.core.numbers import format_number
from app.extensions import db
from app.skills import services
from app.skills.framework import list_skills
from app.skills.levels import MAX_LEVEL, STRONG_LEVEL, target_level
from app.skills.models import ActionKind, DevelopmentSheet, SheetAction, SheetSkill, SheetStatus, Skill
from app.skills.sheets import Period, check_period, open_sheet_for

FOCUS_SKILLS = 3
MIN_CALLS = 3
FALLBACK_DAYS = 60
TOP_ITEMS = 5
MAX_ACTIONS = 8


@dataclass(frozen=True)
class FailedItem:
    """A checklist item and how often it failed in the analysed calls."""

    item_id: str
    title: str
    skill: str | None
    failed: int
    applicable: int
    call_ids: tuple[int, ...]

    @property
    def fail_rate(self) -> float:
        return self.failed / self.applicable if self.applicable else 0.0

    def as_dict(self) -> dict:
        return {
            "item_id": self.item_id,
            "title": self.title,
            "skill": self.skill,
            "failed": self.failed,
            "applicable": self.applicable,
            "call_ids": list(self.call_ids),
        }


def _scored_calls(user_id: int, start: date, end: date) -> int:
    from app.calls.models import Call, CallStatus

    return (
        db.session.scalar(
            select(func.count(Call.id)).where(
                Call.manager_id == user_id, Call.status == CallStatus.SCORED, Call.call_date.between(start, end)
            )
        )
        or 0
    )


def analysis_window(user_id: int, period: Period, today: date) -> tuple[date, date]:
    """The calls window a draft looks at (see the module docstring)."""
    end = min(period.end, today)
    start = min(period.start, end)
    if _scored_calls(user_id, start, end) < MIN_CALLS:
        start = end - timedelta(days=FALLBACK_DAYS - 1)
    return start, end


def most_failed_items(user_id: int, start: date, end: date, limit: int = TOP_ITEMS) -> list[FailedItem]:
    """Items the person failed most often on scored calls dated ``start``..``end`` (verdicts in force)."""
    from app.calls.models import Call, CallStatus, ItemResult, ScorecardItem

    query = (
        select(ScorecardItem, Call.id)
        .join(Call, Call.current_scorecard_id == ScorecardItem.scorecard_id)
        .where(Call.manager_id == user_id, Call.status == CallStatus.SCORED, Call.call_date.between(start, end))
    )
    stats: dict[str, dict] = defaultdict(
        lambda: {"failed": 0, "applicable": 0, "calls": [], "title": "", "skill": None}
    )
    for item, call_id in db.session.execute(query):
        result = item.result
        if result == ItemResult.NA:
            continue
        entry = stats[item.item_id]
        entry["title"], entry["skill"] = item.title, item.skill
        entry["applicable"] += 1
        if result == ItemResult.FAIL:
            entry["failed"] += 1
            entry["calls"].append(call_id)
    items = [
        FailedItem(key, v["title"], v["skill"], v["failed"], v["applicable"], tuple(v["calls"][-5:]))
        for key, v in stats.items()
        if v["failed"] > 0
    ]
    items.sort(key=lambda i: (-i.failed, -i.fail_rate, i.item_id))
    return items[:limit]


def pick_focus(rows: list[services.SkillRow], failed: list[FailedItem], count: int = FOCUS_SKILLS) -> list[Skill]:
    """The weakest known skills (below the top level) plus the most-failed item's skill; fallbacks without data."""
    known = [r for r in rows if r.result.level is not None and r.result.level < MAX_LEVEL]
    known.sort(key=lambda r: (r.result.level, r.result.evidence_count))
    weak = [r for r in known if r.result.level < STRONG_LEVEL]  # type: ignore[operator]
    chosen = [r.skill for r in (weak or known[:1])[:count]]
    by_key = {r.skill.key: r.skill for r in rows}
    for item in failed:
        skill = by_key.get(item.skill or "")
        if skill is not None and skill not in chosen and len(chosen) < count + 1:
            chosen.append(skill)
            break
    if not chosen:
        for item in failed:
            skill = by_key.get(item.skill or "")
            if skill is not None and skill not in chosen and len(chosen) < count:
                chosen.append(skill)
    if not chosen:
        chosen = [r.skill for r in rows[:count]]
    return chosen


def _course_for(key: str):  # type: ignore[no-untyped-def]
    from app.learning.models import Course

    courses = db.session.scalars(select(Course).where(Course.published.is_(True)).order_by(Course.order, Course.id))
    return next((course for course in courses if key in (course.skills or [])), None)


def _exam_for(course_key: str):  # type: ignore[no-untyped-def]
    from app.exams.models import Exam

    return db.session.scalar(select(Exam).where(Exam.course_key == course_key, Exam.active.is_(True)))


def _strongest_colleague(user: User, skill: Skill, as_of: date) -> tuple[User, float] | None:
    if user.team is None:
        return None
    colleagues = [m for m in services.team_people(user.team) if m.id != user.id]
    best = None
    for colleague in colleagues:
        level = services.skill_level(colleague.id, skill.key, as_of).level
        if level is not None and level >= STRONG_LEVEL and (best is None or level > best[1]):
            best = (colleague, level)
    return best


def _due(period: Period, fraction: float) -> date:
    return period.start + timedelta(days=max(0, round((period.days - 1) * min(1.0, fraction))))


def suggest_actions(
    user: User,
    skill: Skill,
    failed: list[FailedItem],
    period: Period,
    as_of: date,
    first: bool,
    taken_courses: set[str],
) -> list[SheetAction]:
    """Planned actions for one focus skill (course and exam, role-play or library calls, sitting in).

    A course (and its exam) already planned for another skill of the sheet (``taken_courses``) is not repeated.
    """
    actions = []
    course = _course_for(skill.key)
    if course is not None and course.key not in taken_courses:
        taken_courses.add(course.key)
        actions.append(
            SheetAction(
                skill=skill,
                kind=ActionKind.COURSE,
                target_ref=course.key,
                title=_("Пройти курс «%(t)s»", t=course.title),
                due_date=_due(period, 0.3),
            )
        )
        exam = _exam_for(course.key)
        if exam is not None:
            actions.append(
                SheetAction(
                    skill=skill,
                    kind=ActionKind.EXAM,
                    target_ref=course.key,
                    title=_("Сдать экзамен «%(t)s»", t=exam.title),
                    due_date=_due(period, 0.5),
                )
            )
    item = next((i for i in failed if i.skill == skill.key), None)
    if item is not None:
        actions.append(
            SheetAction(
                skill=skill,
                kind=ActionKind.ROLE_PLAY,
                target_ref=item.item_id,
                due_date=_due(period, 0.5),
                title=_(
                    "Ролевая игра с руководителем: «%(t)s» (не выполнено в %(f)s из %(n)s звонков)",
                    t=item.title,
                    f=item.failed,
                    n=item.applicable,
                ),
            )
        )
    else:
        actions.append(
            SheetAction(
                skill=skill,
                kind=ActionKind.LIBRARY,
                target_ref=skill.key,
                due_date=_due(period, 0.4),
                title=_("Прослушать 3 звонка из библиотеки с тегом «%(t)s» и выписать удачные фразы", t=skill.title),
            )
        )
    if first:
        colleague = _strongest_colleague(user, skill, as_of)
        if colleague is not None:
            actions.append(
                SheetAction(
                    skill=skill,
                    kind=ActionKind.SIT_IN,
                    target_ref=str(colleague[0].id),
                    due_date=_due(period, 0.7),
                    title=_(
                        "Послушать звонки коллеги: %(name)s (уровень %(l)s)",
                        name=colleague[0].full_name,
                        l=format_number(colleague[1], 1, fixed=True),
                    ),
                )
            )
    return actions


def draft_sheet(user: User, period: Period, author: User | None = None, today: date | None = None) -> DevelopmentSheet:
    """Draft a development sheet for ``user`` and ``period`` (status ``draft``; the supervisor edits and shares it)."""
    today = today or date.today()
    check_period(period)
    existing = open_sheet_for(user.id, period)
    if existing is not None:
        raise DomainError(
            _(
                "У сотрудника уже есть открытый лист развития на этот период (№%(id)s): откройте его или закройте.",
                id=existing.id,
            ),
            "period_start",
        )
    if not list_skills():
        raise DomainError(_("Модель навыков пуста: сначала загрузите навыки по умолчанию."))
    start, end = analysis_window(user.id, period, today)
    failed = most_failed_items(user.id, start, end)
    rows = services.profile(user.id, end, with_history=False)
    focus = pick_focus(rows, failed)
    levels = {r.skill.key: r.result.level for r in rows}
    sheet = DevelopmentSheet(
        user_id=user.id,
        author_id=author.id if author else None,
        period_start=period.start,
        period_end=period.end,
        status=SheetStatus.DRAFT,
        focus_items=[i.as_dict() for i in failed],
        analysed_from=start,
        analysed_to=end,
        summary=_summary(focus, levels, failed),
    )
    taken_courses: set[str] = set()
    # due dates spread over what is left of the period (all of it when drafted ahead)
    remaining = Period(max(period.start, min(today, period.end)), period.end)
    for position, skill in enumerate(focus):
        sheet.skills.append(
            SheetSkill(
                skill=skill,
                position=position,
                start_level=levels.get(skill.key),
                target_level=target_level(levels.get(skill.key)),
            )
        )
        for action in suggest_actions(user, skill, failed, remaining, end, position == 0, taken_courses):
            if len(sheet.actions) < MAX_ACTIONS:
                sheet.actions.append(action)
    db.session.add(sheet)
    db.session.flush()
    return sheet


def _level_text(level: float | None) -> str:
    return format_number(level, 1, fixed=True)


def _summary(focus: list[Skill], levels: dict[str, float | None], failed: list[FailedItem]) -> str:
    parts = [f"{skill.title} — {_level_text(levels.get(skill.key))}" for skill in focus]
    text = _("Фокус периода: %(skills)s.", skills="; ".join(parts))
    if failed:
        top = failed[0]
        text += " " + _(
            "Чаще всего не выполняется пункт «%(t)s» (%(f)s из %(n)s звонков).",
            t=top.title,
            f=top.failed,
            n=top.applicable,
        )
    return text
