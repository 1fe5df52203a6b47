"""Onboarding rules: import the template, assign personal plans, complete steps by events or by people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User, utcnow
from app.accounts.permissions import visible_user_ids
from app.core.domain import DomainError
from app.extensions import db
from app.learning.course_files import OnboardingFile, StepFile, read_onboarding, write_onboarding
from app.learning.models import (
    Course,
    OnboardingPlan,
    OnboardingStep,
    OnboardingTask,
    OnboardingTemplate,
    StepKind,
    TaskStatus,
)
from app.learning.schedule import PlanProgress, TaskState, days_overdue, plan_progress, working_day
from app.learning.services import course_completed_at

MAX_SUBMISSION = 20_000


@dataclass
class TemplateReport:
    """What importing the onboarding template did."""

    key: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    plans_synced: int = 0

    def line(self) -> str:
        status = "updated" if self.created or self.updated or self.retired else "unchanged"
        return (
            f"onboarding '{self.key}': steps {self.created} created, {self.updated} updated, {self.unchanged} "
            f"unchanged, {self.retired} retired; {self.plans_synced} plans synced; {status}"
        )


def _apply_step(step: OnboardingStep, data: StepFile, position: int) -> bool:
    values = {
        "title": data.title,
        "description": data.description,
        "kind": StepKind(data.kind),
        "course_key": data.course_key,
        "due_day": data.due_day,
        "requires_signature": data.requires_signature,
        "position": position,
        "retired": False,
    }
    changed = False
    for name, value in values.items():
        if getattr(step, name) != value:
            setattr(step, name, value)
            changed = True
    return changed


def import_template(path: Path) -> TemplateReport:
    """Create or update the template and its steps by key (steps gone from the file are retired, not deleted)."""
    data = read_onboarding(path)
    known = set(db.session.scalars(select(Course.key)))
    for step in data.steps:
        if step.course_key and step.course_key not in known:
            raise DomainError(f"{path}: step '{step.key}': unknown course '{step.course_key}'", "steps")
    template = db.session.scalar(select(OnboardingTemplate).where(OnboardingTemplate.key == data.key))
    report = TemplateReport(data.key)
    if template is None:
        template = OnboardingTemplate(key=data.key, title=data.title, description=data.description)
        db.session.add(template)
    template.title, template.description = data.title, data.description
    existing = {step.key: step for step in template.steps}
    for position, step_data in enumerate(data.steps, start=1):
        step = existing.get(step_data.key)
        if step is None:
            step = OnboardingStep(key=step_data.key, template=template)
            db.session.add(step)
            report.created += 1
            _apply_step(step, step_data, position)
        elif _apply_step(step, step_data, position):
            report.updated += 1
        else:
            report.unchanged += 1
    wanted = {step.key for step in data.steps}
    for step in existing.values():
        if step.key not in wanted and not step.retired:
            step.retired = True
            report.retired += 1
    db.session.flush()
    if report.created or report.updated or report.retired:
        for plan in db.session.scalars(select(OnboardingPlan).where(OnboardingPlan.template_id == template.id)):
            sync_plan(plan)
            report.plans_synced += 1
    return report


def export_template(path: Path) -> Path | None:
    """Write the onboarding template back to YAML (None when there is none)."""
    template = current_template()
    if template is None:
        return None
    steps = [
        StepFile(s.key, s.title, s.kind.value, s.due_day, s.description, s.course_key, s.requires_signature)
        for s in template.active_steps
    ]
    write_onboarding(path, OnboardingFile(template.key, template.title, template.description, steps))
    return path


def current_template() -> OnboardingTemplate | None:
    """The onboarding program new hires get (``onboarding``, or the only one there is)."""
    templates = list(db.session.scalars(select(OnboardingTemplate).order_by(OnboardingTemplate.id)))
    preferred = [t for t in templates if t.key == "onboarding"]
    return (preferred or templates or [None])[0]


def plan_for(user_id: int) -> OnboardingPlan | None:
    """The person's onboarding plan, if they have one."""
    return db.session.scalar(select(OnboardingPlan).where(OnboardingPlan.user_id == user_id))


def _finish(task: OnboardingTask, actor: User | None, comment: str | None = None, when: datetime | None = None) -> None:
    task.status = TaskStatus.DONE
    task.completed_at = when or utcnow()
    task.completed_by_id = actor.id if actor is not None else None
    if comment:
        task.comment = comment[:1000]
    plan = task.plan
    if all(t.done for t in plan.tasks):
        plan.completed_at = plan.completed_at or utcnow()


def sync_plan(plan: OnboardingPlan) -> None:
    """Add tasks for new template steps, move due dates of open ones, drop open tasks of retired steps."""
    by_step = {task.step_id: task for task in plan.tasks}
    for step in plan.template.steps:
        task = by_step.get(step.id)
        due = working_day(plan.start_date, step.due_day)
        if step.retired:
            if task is not None and not task.done:
                plan.tasks.remove(task)
            continue
        if task is None:
            task = OnboardingTask(plan=plan, step=step, due_date=due, status=TaskStatus.OPEN)
            db.session.add(task)
        elif not task.done:
            task.due_date = due
        if not task.done and step.kind == StepKind.COURSE and step.course_key:
            course = db.session.scalar(select(Course).where(Course.key == step.course_key))
            finished = course_completed_at(plan.user_id, course) if course is not None else None
            if finished is not None:
                _finish(task, None, _("Курс пройден до назначения программы"), finished)
    plan.completed_at = plan.completed_at if plan.tasks and all(t.done for t in plan.tasks) else None
    db.session.flush()


def assign_onboarding(user: User, start: date | None = None) -> tuple[OnboardingPlan, bool]:
    """Give the person the onboarding plan (due dates from the hire date); idempotent. True when newly created."""
    template = current_template()
    if template is None:
        raise DomainError(_("Программа адаптации ещё не загружена: выполните «flask courses import courses/»."))
    plan = plan_for(user.id)
    created = plan is None
    if plan is None:
        start = start or user.hire_date or date.today()
        plan = OnboardingPlan(user_id=user.id, template=template, start_date=start)
        db.session.add(plan)
        db.session.flush()
    sync_plan(plan)
    return plan, created


def complete_steps(user_id: int, kind: StepKind, course_key: str) -> int:
    """Close the person's open course or exam steps for this course; returns how many."""
    plan = plan_for(user_id)
    if plan is None:
        return 0
    closed = 0
    for task in plan.tasks:
        if task.step.kind == kind and task.step.course_key == course_key and not task.done:
            _finish(task, None)
            closed += 1
    db.session.flush()
    return closed


def _require_kind(task: OnboardingTask, *kinds: StepKind) -> None:
    if task.step.kind not in kinds:
        raise DomainError(_("Этот шаг закрывается по-другому."))


def _require_owner(task: OnboardingTask, actor: User) -> None:
    if task.plan.user_id != actor.id:
        raise DomainError(_("Это может сделать только сам сотрудник."))


def tick_task(task: OnboardingTask, actor: User, comment: str | None = None) -> None:
    """The supervisor marks a manual step done, or attests a submitted text."""
    _require_kind(task, StepKind.MANUAL, StepKind.SUBMISSION)
    if task.step.kind == StepKind.SUBMISSION and task.status != TaskStatus.SUBMITTED:
        raise DomainError(_("Сотрудник ещё не сдал текст — засчитать нечего."))
    if task.step.requires_signature and task.signed_at is None:
        raise DomainError(_("Сначала сотрудник должен подтвердить «Ознакомлен(а)»."))
    if task.done:
        return
    _finish(task, actor, comment)
    db.session.flush()


def reopen_task(task: OnboardingTask, actor: User, comment: str | None = None) -> None:
    """The supervisor takes a step back (a submission returns for rework)."""
    _require_kind(task, StepKind.MANUAL, StepKind.SUBMISSION)
    task.status = TaskStatus.OPEN
    task.completed_at = task.completed_by_id = None
    task.comment = (comment or "").strip()[:1000] or None
    task.plan.completed_at = None
    db.session.flush()


def submit_task(task: OnboardingTask, actor: User, text: str) -> None:
    """The new hire hands in a text (e.g. a book summary) for the supervisor to attest."""
    _require_kind(task, StepKind.SUBMISSION)
    _require_owner(task, actor)
    text = (text or "").strip()
    if len(text) < 20:
        raise DomainError(_("Текст слишком короткий: опишите главное хотя бы в паре предложений."), "text")
    if len(text) > MAX_SUBMISSION:
        raise DomainError(_("Текст длиннее %(n)s символов.", n=MAX_SUBMISSION), "text")
    if task.done:
        raise DomainError(_("Шаг уже засчитан."))
    task.submission_text, task.submitted_at, task.status = text, utcnow(), TaskStatus.SUBMITTED
    db.session.flush()


def sign_task(task: OnboardingTask, actor: User) -> None:
    """The new hire confirms «Ознакомлен(а)» (the time is recorded); the supervisor then ticks the step."""
    if not task.step.requires_signature:
        raise DomainError(_("Этот шаг не требует подписи."))
    _require_owner(task, actor)
    if task.signed_at is None:
        task.signed_at = utcnow()
        db.session.flush()


@dataclass(frozen=True)
class TaskRow:
    """A plan step as the pages show it."""

    task: OnboardingTask
    overdue_days: int

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def plan_rows(plan: OnboardingPlan, today: date) -> list[TaskRow]:
    """The plan's steps in due order with how late each open one is."""
    tasks = sorted(plan.tasks, key=lambda t: (t.due_date, t.step.position))
    return [TaskRow(task, days_overdue(task.due_date, task.done, today)) for task in tasks]


def plan_summary(plan: OnboardingPlan, today: date) -> PlanProgress:
    """Done / total / overdue counts of a plan."""
    return plan_progress((TaskState(t.due_date, t.done) for t in plan.tasks), today)


def visible_plans(user: User, today: date) -> list[tuple[OnboardingPlan, PlanProgress]]:
    """Plans of the people the user may see (a supervisor: their team), most overdue first."""
    query = select(OnboardingPlan).join(User, OnboardingPlan.user_id == User.id).where(User.active.is_(True))
    ids = visible_user_ids(user)
    if ids is not None:
        query = query.where(OnboardingPlan.user_id.in_([i for i in ids if i != user.id]))
    plans = [(plan, plan_summary(plan, today)) for plan in db.session.scalars(query)]
    plans.sort(key=lambda pair: (-pair[1].overdue, pair[1].finished, pair[0].user.full_name))
    return plans
