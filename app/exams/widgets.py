"""Home-page cards: my exams for learners, essays waiting for a grade for staff."""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from app.accounts.models import Role, User
from app.accounts.permissions import can
from app.core.navigation import home_widget
from app.exams import reports
from app.exams.render import percent_class


@home_widget(40)
def my_exams(user: User) -> Markup | None:
    """For learners: exams in progress, to take and passed, with the best score."""
    if user.role not in (Role.NEW_HIRE, Role.SALES_MANAGER):
        return None
    standings = reports.my_standings(user, close_expired=False)  # a read-only page
    if not standings:
        return None
    return Markup(render_template("exams/_widget_mine.html", standings=standings, percent_class=percent_class))


@home_widget(45)
def essays_to_grade(user: User) -> Markup | None:
    """For trainers and supervisors: how many essays wait for them."""
    if not can(user, "view_team"):
        return None
    queue = reports.grading_queue(user)
    if not queue:
        return None
    return Markup(render_template("exams/_widget_grading.html", queue=queue))
