"""Home-page cards: my onboarding steps, the team's overdue onboarding steps, where to continue learning."""

from __future__ import annotations

from datetime import date

from flask import render_template
from markupsafe import Markup

from app.accounts.models import Role, User
from app.core.navigation import home_widget
from app.learning import onboarding as plans
from app.learning import services
from app.learning.labels import template_helpers

NEXT_STEPS = 4


@home_widget(3)  # a new hire starts the day with the programme, before pay and calls
def my_onboarding(user: User) -> Markup | None:
    """For a person with an unfinished plan: overdue steps first, then the next ones."""
    plan = plans.plan_for(user.id)
    if plan is None or plan.completed_at is not None:
        return None
    today = date.today()
    rows = [row for row in plans.plan_rows(plan, today) if not row.task.done]
    overdue = [row for row in rows if row.overdue]
    upcoming = [row for row in rows if not row.overdue][:NEXT_STEPS]
    html = render_template(
        "learning/_widget_onboarding.html",
        overdue=overdue,
        upcoming=upcoming,
        summary=plans.plan_summary(plan, today),
        **template_helpers(),
    )
    return Markup(html)


@home_widget(15)
def team_onboarding(user: User) -> Markup | None:
    """For a supervisor (or admin): people whose onboarding is running, the overdue ones first."""
    if user.role not in (Role.SUPERVISOR, Role.ADMIN):
        return None
    running = [(plan, summary) for plan, summary in plans.visible_plans(user, date.today()) if not summary.finished]
    if not running:
        return None
    return Markup(render_template("learning/_widget_team_onboarding.html", plans=running))


@home_widget(30)
def continue_learning(user: User) -> Markup | None:
    """For learners: the lesson to continue and how far each started course is."""
    if user.role not in (Role.NEW_HIRE, Role.SALES_MANAGER):
        return None
    courses = services.visible_courses(user)
    if not courses:
        return None
    statuses = services.course_statuses(user, courses)
    return Markup(
        render_template(
            "learning/_widget_learning.html",
            resume=services.continue_lesson(user),
            courses=courses,
            statuses=statuses,
        )
    )
