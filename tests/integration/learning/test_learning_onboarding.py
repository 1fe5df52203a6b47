"""Onboarding: auto-assignment to new hires, due dates, steps closed by events and by people, template re-import."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from flask import current_app
from sqlalchemy import func, select

from app.accounts.models import User
from app.core.domain import DomainError
from app.core.events import exam_attempt_graded
from app.extensions import db
from app.learning import onboarding as plans
from app.learning import services
from app.learning.importer import import_courses
from app.learning.models import Course, OnboardingPlan, OnboardingTask, TaskStatus

MONDAY = date(2026, 11, 16)


def task(plan: OnboardingPlan, key: str) -> OnboardingTask:
    return next(t for t in plan.tasks if t.step.key == key)


@pytest.fixture
def team(make_team, make_user, imported):
    supervisor = make_user(role="supervisor")
    team = make_team("Корпоративные", supervisor)
    hire = make_user(role="new_hire", team=team, hire_date=MONDAY)
    return {
        "supervisor": db.session.get(User, supervisor.id),
        "hire": db.session.get(User, hire.id),
        "other_supervisor": db.session.get(User, make_user(role="supervisor").id),
    }


def test_a_new_hire_gets_the_plan_automatically_with_working_day_due_dates(team):
    plan = plans.plan_for(team["hire"].id)
    assert plan is not None and plan.start_date == MONDAY
    due = {t.step.key: t.due_date for t in plan.tasks}
    assert due == {
        "intro": MONDAY,
        "alpha_course": date(2026, 11, 18),
        "alpha_exam": date(2026, 11, 20),
        "book": date(2026, 11, 27),
        "talk": date(2026, 11, 27),
    }
    assert all(t.status == TaskStatus.OPEN for t in plan.tasks)


def test_people_other_than_new_hires_get_no_plan(ctx, imported, make_user):
    assert plans.plan_for(make_user(role="sales_manager").id) is None


def test_without_a_template_new_hires_are_created_without_a_plan(ctx, make_user):
    hire = make_user(role="new_hire")
    assert plans.plan_for(hire.id) is None
    with pytest.raises(DomainError):
        plans.assign_onboarding(db.session.get(User, hire.id))


def test_assigning_twice_changes_nothing(team):
    plan, created = plans.assign_onboarding(team["hire"])
    assert not created and len(plan.tasks) == 5
    assert db.session.scalar(select(func.count()).select_from(OnboardingPlan)) == 1


def test_course_step_closes_itself_when_the_course_is_completed(team):
    hire = team["hire"]
    alpha = db.session.scalar(select(Course).where(Course.key == "alpha"))
    for lesson in alpha.lessons:
        services.complete_lesson(hire, lesson)
    plan = plans.plan_for(hire.id)
    assert task(plan, "alpha_course").done and task(plan, "alpha_course").completed_by_id is None
    assert not task(plan, "alpha_exam").done


def test_exam_step_closes_only_on_a_passed_attempt_of_that_course(team):
    hire = team["hire"]
    app = current_app._get_current_object()
    payload = {"attempt_id": 1, "user_id": hire.id, "exam_id": 1, "percent": 50.0}
    exam_attempt_graded.send(app, course_key="alpha", passed=False, **payload)
    exam_attempt_graded.send(app, course_key="beta", passed=True, **payload)
    exam_attempt_graded.send(app, course_key=None, passed=True, **payload)
    assert not task(plans.plan_for(hire.id), "alpha_exam").done
    exam_attempt_graded.send(app, course_key="alpha", passed=True, **payload)
    assert task(plans.plan_for(hire.id), "alpha_exam").done


def test_a_course_already_completed_before_assignment_counts(ctx, imported, make_user):
    person = db.session.get(User, make_user(role="sales_manager").id)
    finished = datetime(2026, 10, 5, 12, 30, tzinfo=UTC)
    for number, lesson in enumerate(db.session.scalar(select(Course).where(Course.key == "alpha")).lessons):
        services.complete_lesson(person, lesson, now=finished - timedelta(days=2 - number))
    plan, created = plans.assign_onboarding(person, start=MONDAY)
    course_task = task(plan, "alpha_course")
    assert created and course_task.done and course_task.completed_at.replace(tzinfo=UTC) == finished


def test_signature_then_supervisor_tick(team):
    hire, supervisor = team["hire"], team["supervisor"]
    intro = task(plans.plan_for(hire.id), "intro")
    with pytest.raises(DomainError):
        plans.tick_task(intro, supervisor)  # not signed yet
    with pytest.raises(DomainError):
        plans.sign_task(intro, supervisor)  # only the new hire signs
    plans.sign_task(intro, hire)
    assert intro.signed_at is not None and not intro.done
    plans.tick_task(intro, supervisor, "лист подписан")
    assert intro.done and intro.completed_by_id == supervisor.id and intro.comment == "лист подписан"


def test_submission_is_attested_by_the_supervisor_or_returned(team):
    hire, supervisor = team["hire"], team["supervisor"]
    book = task(plans.plan_for(hire.id), "book")
    with pytest.raises(DomainError):
        plans.tick_task(book, supervisor)  # nothing submitted yet
    with pytest.raises(DomainError) as error:
        plans.submit_task(book, hire, "коротко")
    assert error.value.field == "text"
    with pytest.raises(DomainError):
        plans.submit_task(book, supervisor, "Конспект, написанный руководителем за сотрудника.")
    plans.submit_task(book, hire, "Главные идеи книги: слушать больше, чем говорить.")
    assert book.status == TaskStatus.SUBMITTED and book.submitted_at is not None
    plans.reopen_task(book, supervisor, "добавьте примеры")
    assert book.status == TaskStatus.OPEN and book.comment == "добавьте примеры"
    assert book.submission_text.startswith("Главные идеи")  # kept for the rework
    plans.submit_task(book, hire, "Главные идеи книги и три примера из моих звонков.")
    plans.tick_task(book, supervisor)
    assert book.done


def test_course_and_exam_steps_cannot_be_ticked_by_hand(team):
    plan = plans.plan_for(team["hire"].id)
    with pytest.raises(DomainError):
        plans.tick_task(task(plan, "alpha_course"), team["supervisor"])


def test_plan_completes_when_every_step_is_done(team):
    hire, supervisor = team["hire"], team["supervisor"]
    plan = plans.plan_for(hire.id)
    for lesson in db.session.scalar(select(Course).where(Course.key == "alpha")).lessons:
        services.complete_lesson(hire, lesson)
    plans.complete_steps(hire.id, plans.StepKind.EXAM, "alpha")
    plans.sign_task(task(plan, "intro"), hire)
    plans.tick_task(task(plan, "intro"), supervisor)
    plans.submit_task(task(plan, "book"), hire, "Достаточно длинный конспект книги.")
    plans.tick_task(task(plan, "book"), supervisor)
    assert plan.completed_at is None
    plans.tick_task(task(plan, "talk"), supervisor)
    assert plan.completed_at is not None
    assert plans.plan_summary(plan, date(2027, 1, 1)).finished


def test_overdue_rows_and_team_overview(team, make_user):
    hire, supervisor = team["hire"], team["supervisor"]
    plan = plans.plan_for(hire.id)
    plans.sign_task(task(plan, "intro"), hire)
    plans.tick_task(task(plan, "intro"), supervisor)
    today = date(2026, 11, 23)
    rows = {row.task.step.key: row.overdue_days for row in plans.plan_rows(plan, today)}
    assert rows == {"intro": 0, "alpha_course": 5, "alpha_exam": 3, "book": 0, "talk": 0}
    overview = plans.visible_plans(supervisor, today)
    assert [(p.user_id, s.overdue) for p, s in overview] == [(hire.id, 2)]
    assert plans.visible_plans(team["other_supervisor"], today) == []


def test_template_reimport_adds_new_steps_to_existing_plans_and_retires_removed_ones(team, course_root):
    hire = team["hire"]
    path = course_root / "onboarding.yaml"
    text = path.read_text(encoding="utf-8")
    book = '  - key: book\n    title: "Конспект книги"\n    due_day: 10\n    kind: submission\n'
    mentor = '  - key: mentor\n    title: "Встреча с наставником"\n    due_day: 2\n    kind: manual\n'
    assert book in text
    path.write_text(text.replace(book, mentor), encoding="utf-8")
    report = import_courses(course_root)
    assert not report.errors, report.errors
    assert "steps 1 created" in report.onboarding and "1 retired" in report.onboarding
    plan = plans.plan_for(hire.id)
    assert sorted(t.step.key for t in plan.tasks) == ["alpha_course", "alpha_exam", "intro", "mentor", "talk"]
    assert task(plan, "mentor").due_date == date(2026, 11, 17)
    again = import_courses(course_root)
    assert again.onboarding.endswith("unchanged")
