"""KPI fact sources: one small adapter per source, from another feature's data to a calculator ``Fact``.

Each adapter takes a person, a date range (a month for statements, any range for contests) and the KPI's
options, and returns the value with the evidence behind it. Other features' models are imported inside the
adapters, so a change there touches one function here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.motivation.calculator import Evidence, Fact
from app.motivation.explain import fmt_money, fmt_num, fmt_percent
from app.motivation.models import ManualValue, SalesRow
from app.motivation.periods import add_months, month_start

SALES, CALL_QUALITY, PRODUCT, ONBOARDING, MANUAL, CERTIFICATION = (
    "sales", "call_quality", "product_knowledge", "onboarding", "manual", "certification",
)
KPI_SOURCES = (SALES, CALL_QUALITY, PRODUCT, ONBOARDING, MANUAL)
GATE_SOURCES = (CERTIFICATION, CALL_QUALITY, PRODUCT, MANUAL)
CONTEST_SOURCES = (SALES, CALL_QUALITY, PRODUCT, ONBOARDING)
HUNDREDTH = Decimal("0.01")

Adapter = Callable[[int, date, date, dict[str, Any], str], Fact]


def _day(moment: datetime | None) -> date | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).date()


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def _months(start: date, end: date) -> list[date]:
    months, month = [], month_start(start)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def sales_figures(user_id: int, period: date) -> tuple[Decimal | None, Decimal | None, list[SalesRow]]:
    """Plan and fact of a month (the newest non-empty value of each) and the rows that supplied them."""
    rows = db.session.scalars(
        select(SalesRow).where(SalesRow.user_id == user_id, SalesRow.period == period).order_by(SalesRow.id)
    ).all()
    plan_row = next((r for r in reversed(rows) if r.plan is not None), None)
    fact_row = next((r for r in reversed(rows) if r.fact is not None), None)
    used = sorted({r.id: r for r in (plan_row, fact_row) if r is not None}.values(), key=lambda r: r.id)
    return (plan_row.plan if plan_row else None), (fact_row.fact if fact_row else None), used


def sales_row_label(row: SalesRow) -> str:
    """«sales-2026-05.csv, строка 3» or «введено вручную»."""
    if row.sales_import is not None:
        return _("%(file)s, строка %(n)s", file=row.sales_import.filename, n=row.row_number)
    return _("введено вручную") + (f": {row.comment}" if row.comment else "")


def _sales_evidence(row: SalesRow) -> Evidence:
    parts = []
    if row.plan is not None:
        parts.append(_("план %(v)s", v=fmt_money(row.plan)))
    if row.fact is not None:
        parts.append(_("факт %(v)s", v=fmt_money(row.fact)))
    return Evidence("sales_row", row.id, sales_row_label(row), ", ".join(parts), row.period.isoformat())


def sales_fact(user_id: int, start: date, end: date, options: dict[str, Any], key: str = "") -> Fact:
    """Sales fact against plan, summed over the months of the range (one month for a statement)."""
    plans, facts, evidence = [], [], []
    for month in _months(start, end):
        plan, fact, rows = sales_figures(user_id, month)
        if plan is not None:
            plans.append(plan)
        if fact is not None:
            facts.append(fact)
        evidence += [_sales_evidence(r) for r in rows]
    return Fact(
        sum(facts, Decimal(0)) if facts else None, sum(plans, Decimal(0)) if plans else None, tuple(evidence)
    )


def call_quality_fact(user_id: int, start: date, end: date, options: dict[str, Any], key: str = "") -> Fact:
    """Average final score (0-100) of the person's scored calls dated in the range."""
    from app.calls.models import Call, CallStatus

    calls = db.session.scalars(
        select(Call)
        .where(Call.manager_id == user_id, Call.status == CallStatus.SCORED, Call.final_score.is_not(None))
        .where(Call.call_date >= start, Call.call_date <= end)
        .order_by(Call.call_date, Call.id)
    ).all()
    scores = [Decimal(str(c.final_score)) for c in calls]
    evidence = tuple(
        Evidence("call", c.id, c.client_company or _("Звонок №%(id)s", id=c.id), fmt_num(score, 1),
                 c.call_date.isoformat())
        for c, score in zip(calls, scores, strict=True)
    )
    return Fact(_mean(scores), evidence=evidence)


def _graded_attempts(user_id: int, course_key: str | None, start: date | None, end: date) -> list[Any]:
    from app.exams.models import AttemptStatus, Exam, ExamAttempt

    query = (
        select(ExamAttempt)
        .join(Exam, Exam.id == ExamAttempt.exam_id)
        .where(ExamAttempt.user_id == user_id, ExamAttempt.status == AttemptStatus.GRADED)
        .where(ExamAttempt.percent.is_not(None))
        .order_by(ExamAttempt.graded_at, ExamAttempt.id)
    )
    if course_key:
        query = query.where(Exam.course_key == course_key)
    attempts = db.session.scalars(query).all()
    return [a for a in attempts if (d := _day(a.graded_at)) is not None and d <= end and (start is None or d >= start)]


def _attempt_evidence(attempt: Any) -> Evidence:
    on = _day(attempt.graded_at)
    percent = fmt_percent(Decimal(str(attempt.percent)))
    return Evidence("attempt", attempt.id, attempt.exam.title, percent, on.isoformat() if on else "")


def product_knowledge_fact(user_id: int, start: date, end: date, options: dict[str, Any], key: str = "") -> Fact:
    """``best``: best percent in the exam (``course_key``) graded up to the range's end; ``average``: the mean
    percent of attempts graded within the range (of that exam, or of every exam when no course key is set)."""
    course_key = options.get("course_key") or None
    if options.get("mode", "best") == "average":
        attempts = _graded_attempts(user_id, course_key, start, end)
        value = _mean([Decimal(str(a.percent)) for a in attempts])
        return Fact(value, evidence=tuple(_attempt_evidence(a) for a in attempts))
    attempts = _graded_attempts(user_id, course_key, None, end)
    if not attempts:
        return Fact(None)
    best = max(attempts, key=lambda a: (a.percent, a.id))
    return Fact(Decimal(str(best.percent)).quantize(HUNDREDTH), evidence=(_attempt_evidence(best),))


def certification_fact(user_id: int, start: date, end: date, options: dict[str, Any], key: str = "") -> Fact:
    """Passed the exam (``course_key``) in an attempt graded up to the range's end."""
    attempts = _graded_attempts(user_id, options.get("course_key") or None, None, end)
    passed = [a for a in attempts if a.passed]
    shown = passed[-1:] or attempts[-1:]
    return Fact(bool(passed), evidence=tuple(_attempt_evidence(a) for a in shown))


def onboarding_fact(user_id: int, start: date, end: date, options: dict[str, Any], key: str = "") -> Fact:
    """Share (%) of the person's onboarding steps due in the range (up to today) that were done by their due date."""
    from app.learning.models import OnboardingPlan, OnboardingTask, TaskStatus

    until = min(end, date.today())
    tasks = db.session.scalars(
        select(OnboardingTask)
        .join(OnboardingPlan, OnboardingPlan.id == OnboardingTask.plan_id)
        .where(OnboardingPlan.user_id == user_id)
        .where(OnboardingTask.due_date >= start, OnboardingTask.due_date <= until)
        .order_by(OnboardingTask.due_date, OnboardingTask.id)
    ).all()
    if not tasks:
        return Fact(None)
    evidence, on_time = [], 0
    for task in tasks:
        done_on = _day(task.completed_at)
        in_time = task.status == TaskStatus.DONE and done_on is not None and done_on <= task.due_date
        on_time += in_time
        late = _("с опозданием") if task.status == TaskStatus.DONE else _("не выполнен")
        verdict = _("в срок") if in_time else late
        evidence.append(Evidence("onboarding_task", task.id, task.step.title, verdict, task.due_date.isoformat()))
    value = (Decimal(on_time) * 100 / len(tasks)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    return Fact(value, evidence=tuple(evidence))


def manual_fact(user_id: int, start: date, end: date, options: dict[str, Any], key: str = "") -> Fact:
    """The newest value a supervisor entered for this KPI key in the range's month, with their comment."""
    entry = db.session.scalars(
        select(ManualValue)
        .where(ManualValue.user_id == user_id, ManualValue.key == key)
        .where(ManualValue.period >= month_start(start), ManualValue.period <= end)
        .order_by(ManualValue.entered_at.desc(), ManualValue.id.desc())
        .limit(1)
    ).first()
    if entry is None:
        return Fact(None)
    who = entry.entered_by.full_name if entry.entered_by else ""
    entered = _day(entry.entered_at)
    evidence = Evidence("manual", entry.id, who, fmt_num(entry.value), entered.isoformat() if entered else "")
    return Fact(entry.value, evidence=(evidence,), note=entry.comment)


ADAPTERS: dict[str, Adapter] = {
    SALES: sales_fact,
    CALL_QUALITY: call_quality_fact,
    PRODUCT: product_knowledge_fact,
    ONBOARDING: onboarding_fact,
    MANUAL: manual_fact,
    CERTIFICATION: certification_fact,
}


def fact_for(source: str, user_id: int, start: date, end: date, options: dict[str, Any], key: str) -> Fact:
    """Dispatch to the source's adapter."""
    return ADAPTERS[source](user_id, start, end, options or {}, key)
