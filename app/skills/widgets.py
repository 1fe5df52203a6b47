"""Home-page card for learners: the weakest skill and the development-sheet actions due soon."""

from __future__ import annotations

from datetime import date

from flask import render_template
from markupsafe import Markup

from app.accounts.models import User
from app.accounts.permissions import LEARNERS
from app.core.navigation import home_widget
from app.skills import services
from app.skills import sheets as rules
from app.skills.links import template_helpers


@home_widget(25)
def my_development(user: User) -> Markup | None:
    """Weakest skill with its level, open sheet actions due within two weeks, sheets waiting for acknowledgement."""
    if user.role not in LEARNERS:
        return None
    rows = services.profile(user.id, with_history=False)
    weakest = services.weakest(rows)
    today = date.today()
    actions = rules.due_actions(user.id, today)
    waiting = rules.awaiting_acknowledgement(user.id)
    if not rows:
        return None  # no framework yet: nothing to say
    return Markup(
        render_template(
            "skills/_widget.html",
            weakest=weakest,
            actions=actions,
            waiting=waiting,
            today=today,
            **template_helpers(),
        )
    )
