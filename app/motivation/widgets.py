"""Home-page cards: my pay this month (the 20-second rule) and, for supervisors, the team's pay at a glance."""

from __future__ import annotations

from datetime import date

from flask import render_template
from markupsafe import Markup

from app.accounts.models import Role, User
from app.core.navigation import home_widget
from app.motivation import dashboard, whatif
from app.motivation.periods import add_months, month_start
from app.motivation.statements import PAY_ROLES, statement_for


@home_widget(5)
def my_pay(user: User) -> Markup | None:
    """For managers and new hires with a scheme: earned so far, the next step and the what-if slider."""
    if user.role not in PAY_ROLES:
        return None
    from app.motivation.views import template_helpers

    period = month_start(date.today())
    view = statement_for(user, period)
    if view.statement is None:
        return None
    positions = whatif.positions(view)
    return Markup(render_template(
        "motivation/_widget_pay.html", view=view, person=user, period=period, statement=view.statement,
        positions=positions, sliders=whatif.sliders(view), default_key=positions[0].kpi_key if positions else "",
        **template_helpers(),
    ))


@home_widget(20)
def team_pay(user: User) -> Markup | None:
    """For supervisors and admins: months waiting for approval and running contests."""
    if user.role not in (Role.SUPERVISOR, Role.ADMIN):
        return None
    from app.motivation.views import template_helpers

    today = date.today()
    previous = add_months(month_start(today), -1)
    teams = dashboard.teams_for(user)
    waiting = [t for t in teams if dashboard.period_status(t.id, previous, today) == "closable"
               and any(v.statement for v in dashboard.team_views(t.id, previous))]
    contests = [c for c in dashboard.visible_contests(user, today) if c.starts_on <= today <= c.ends_on]
    if not teams or (not waiting and not contests):
        return None
    return Markup(render_template("motivation/_widget_team_pay.html", waiting=waiting, previous=previous,
                                  contests=contests, **template_helpers()))
