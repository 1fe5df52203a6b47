"""Demo: import the shipped courses and onboarding program, give the new hires a plan half-way done, some reading."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.core.demo import DemoContext
from app.extensions import db
from app.learning import onboarding as plans
from app.learning.importer import default_courses_dir, import_courses
from app.learning.models import Course, LessonProgress, OnboardingTask
from app.learning.schedule import working_day
from app.learning.services import complete_lesson, open_lesson

# person key -> [(course key, lessons completed, lessons opened after them)]
READING = {
    "kirill": [("product", 7, 0), ("gatekeeper", 2, 1)],
    "sofia": [("product", 7, 0), ("gatekeeper", 6, 0), ("spin", 4, 1)],
    "anna": [("product", 7, 0), ("objections", 7, 0), ("spin", 9, 0)],
    "dmitry": [("product", 7, 0), ("spin", 3, 1)],
    "elena": [("product", 7, 0), ("value", 6, 0), ("objections", 2, 1)],
    "pavel": [("product", 5, 1)],
}
# new hire -> step keys the supervisor has already ticked (signatures are given first where required)
TICKED = {
    "kirill": ["intro_briefing", "company_story"],
    "sofia": ["intro_briefing", "company_story", "standards_study", "first_calls"],
}

# new hire -> (step key, text) handed in and waiting for the supervisor's attestation
SUBMITTED = {
    "sofia": (
        "book_summary",
        "Книга: Нил Рекхэм, «СПИН-продажи». Главная мысль: в крупной сделке клиент покупает, когда сам увидел цену "
        "своей проблемы, поэтому вопросы важнее презентации.\n\n"
        "Что я уже применяю:\n"
        "1. Перед звонком пишу 3 проблемных и 2 извлекающих вопроса под отрасль клиента.\n"
        "2. Не рассказываю о тарифах, пока клиент сам не назвал, во что ему обходятся возвраты.\n"
        "3. В конце встречи прошу клиента сформулировать пользу своими словами — это и есть следующий шаг.",
    ),
}


def _moment(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def _read(user: User, plan: list[tuple[str, int, int]], start: date, today: date) -> None:
    """Mark lessons as read day by day from ``start`` (never in the future)."""
    day_index = 0
    for course_key, completed, opened in plan:
        course = db.session.scalar(select(Course).where(Course.key == course_key))
        if course is None:
            continue
        for position, lesson in enumerate(course.lessons[: completed + opened]):
            moment = _moment(min(start + timedelta(days=day_index // 3), today), 9 + day_index % 3 * 2)
            day_index += 1
            open_lesson(user, lesson, now=moment)
            if position < completed:
                complete_lesson(user, lesson, now=moment + timedelta(minutes=25))


def _tick(task: OnboardingTask, supervisor: User | None, today: date) -> None:
    when = _moment(min(task.due_date, today), 15)
    if task.step.requires_signature:
        plans.sign_task(task, task.plan.user)
        task.signed_at = when - timedelta(hours=2)
    if supervisor is not None:
        plans.tick_task(task, supervisor, None)
        task.completed_at = when


def seed(ctx: DemoContext) -> None:
    """Import courses (idempotent), assign onboarding to the demo new hires and add some learning history."""
    report = import_courses(default_courses_dir())
    for error in report.errors:
        ctx.echo(f"Courses: {error}")
    if report.changed:
        ctx.created_any = True
        ctx.echo("Courses: " + ", ".join(f"{r.key} ({r.status})" for r in report.courses))
    for key, course_plan in READING.items():
        user = ctx.users.get(key)
        if user is None or db.session.scalar(select(LessonProgress.id).where(LessonProgress.user_id == user.id)):
            continue
        start = max(user.hire_date or ctx.today - timedelta(days=60), ctx.today - timedelta(days=60))
        _read(user, course_plan, working_day(start, 2), ctx.today)
        ctx.created_any = True
    if plans.current_template() is None:
        return
    for key, ticked in TICKED.items():
        user = ctx.users.get(key)
        if user is None:
            continue
        plan, created = plans.assign_onboarding(user)
        if not created:
            continue
        supervisor = user.team.supervisor if user.team else None
        for task in plan.tasks:
            if task.step.key in ticked:
                _tick(task, supervisor, ctx.today)
            if key in SUBMITTED and task.step.key == SUBMITTED[key][0]:
                plans.submit_task(task, user, SUBMITTED[key][1])
        ctx.created_any = True
        ctx.echo(f"Onboarding: {user.full_name} — {sum(t.done for t in plan.tasks)} of {len(plan.tasks)} steps done")
    db.session.flush()
