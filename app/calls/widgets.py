"""Home-page cards: the review queue for supervisors and admins, the latest own calls for managers and new hires."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import render_template
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.accounts.models import Role, User
from app.accounts.permissions import LEARNERS, visible_user_ids
from app.calls.models import Call, CallStatus
from app.core.navigation import home_widget
from app.extensions import db

QUEUE_DAYS = 14
SHOWN = 5


@dataclass(frozen=True)
class ReviewQueue:
    """Scored, not yet reviewed calls of the people a reviewer leads since ``since``: the weakest first."""

    since: date
    total: int
    calls: list[Call]
    failed: int


def review_queue(user: User, today: date, days: int = QUEUE_DAYS, limit: int = SHOWN) -> ReviewQueue:
    """Calls waiting for ``user``'s review: critical failures first, then the lowest scores; failed processing."""
    since = today - timedelta(days=days)
    scope = []
    ids = visible_user_ids(user)
    if ids is not None:
        scope.append(Call.manager_id.in_([i for i in ids if i != user.id]))
    waiting = [*scope, Call.status == CallStatus.SCORED, Call.reviewed_at.is_(None), Call.call_date >= since]
    total = db.session.scalar(select(func.count(Call.id)).where(*waiting)) or 0
    calls = db.session.scalars(
        select(Call).options(joinedload(Call.manager)).where(*waiting)
        .order_by(Call.critical_failed.desc(), Call.final_score.asc(), Call.call_date.desc(), Call.id.desc())
        .limit(limit)
    ).all()
    failed = db.session.scalar(
        select(func.count(Call.id)).where(*scope, Call.status == CallStatus.FAILED, Call.call_date >= since)
    ) or 0
    return ReviewQueue(since=since, total=total, calls=list(calls), failed=failed)


def recent_calls(user: User, limit: int = SHOWN) -> list[Call]:
    """The person's latest calls, newest first."""
    return list(db.session.scalars(
        select(Call).where(Call.manager_id == user.id)
        .order_by(Call.call_date.desc(), Call.call_time.desc(), Call.id.desc()).limit(limit)
    ))


@home_widget(12)
def calls_card(user: User) -> Markup | None:
    """Supervisors and admins: calls to review; managers and new hires: their latest calls and how they went."""
    if user.role in (Role.SUPERVISOR, Role.ADMIN):
        ids = visible_user_ids(user)
        if ids is not None and not set(ids) - {user.id}:
            return None  # a supervisor without a team has nobody's calls to review
        queue = review_queue(user, date.today())
        return Markup(render_template("calls/_widget_review.html", queue=queue))
    if user.role in LEARNERS:
        return Markup(render_template("calls/_widget_mine.html", calls=recent_calls(user)))
    return None
