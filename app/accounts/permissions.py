"""The one place that answers "may this user do X to Y".

Rules: sales managers and new hires see only their own data; a supervisor sees and reviews the data of
their team's members; trainers see everything and edit training content; admins may do everything.
Objects are judged by the person they belong to: a ``User`` is itself, any other object exposes
``owner_id`` (or ``user_id``). Features add actions here, not in views.
"""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user

from app.accounts.models import Role, User
from app.extensions import db

LEARNERS = frozenset({Role.NEW_HIRE, Role.SALES_MANAGER})
STAFF = frozenset({Role.SUPERVISOR, Role.TRAINER, Role.ADMIN})


def owner_of(obj: Any) -> User | None:
    """The person an object belongs to."""
    if obj is None or isinstance(obj, User):
        return obj
    for attr in ("owner", "user", "manager"):
        value = getattr(obj, attr, None)
        if isinstance(value, User):
            return value
    for attr in ("owner_id", "user_id", "manager_id"):
        value = getattr(obj, attr, None)
        if value is not None:
            return db.session.get(User, value)
    return None


def supervises(user: User, person: User | None) -> bool:
    """True when ``user`` is the supervisor of ``person``'s team."""
    return (
        person is not None
        and user.role == Role.SUPERVISOR
        and person.team is not None
        and person.team.supervisor_id == user.id
    )


def _view(user: User, obj: Any) -> bool:
    if user.role in (Role.ADMIN, Role.TRAINER):
        return True
    person = owner_of(obj)
    return person is not None and (person.id == user.id or supervises(user, person))


def _review(user: User, obj: Any) -> bool:
    """Override verdicts, comment, approve: the person's supervisor or an admin."""
    return user.role == Role.ADMIN or supervises(user, owner_of(obj))


def _act_for(user: User, obj: Any) -> bool:
    """Upload or enter data on someone's behalf: oneself, their supervisor, an admin."""
    person = owner_of(obj)
    return user.role == Role.ADMIN or (person is not None and (person.id == user.id or supervises(user, person)))


RULES = {
    "view": _view,
    "review": _review,
    "act_for": _act_for,
    "edit_content": lambda user, obj: user.role in (Role.TRAINER, Role.ADMIN),
    "manage_users": lambda user, obj: user.role == Role.ADMIN,
    "view_team": lambda user, obj: user.role in STAFF,
    "manage_pay": lambda user, obj: user.role in (Role.SUPERVISOR, Role.ADMIN),
    "view_library": lambda user, obj: True,  # the call library is training material for everyone signed in
    "view_pay": _act_for,  # pay is private: the person, their supervisor, an admin (trainers see no pay)
}


def can(user: Any, action: str, obj: Any = None) -> bool:
    """May ``user`` do ``action`` to ``obj``? Unknown actions are refused."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    rule = RULES.get(action)
    if rule is None:
        raise KeyError(f"unknown permission action: {action}")
    return bool(rule(user, obj))


def require(action: str, obj: Any = None) -> None:
    """Abort with 403 unless the current user may do ``action`` to ``obj``."""
    if not can(current_user, action, obj):
        abort(403)


def visible_user_ids(user: User) -> list[int] | None:
    """Ids of people whose data ``user`` may list; ``None`` means everyone."""
    if user.role in (Role.ADMIN, Role.TRAINER):
        return None
    ids = [user.id]
    if user.role == Role.SUPERVISOR:
        from app.accounts.models import Team

        team_ids = db.session.scalars(db.select(Team.id).where(Team.supervisor_id == user.id)).all()
        if team_ids:
            ids += db.session.scalars(db.select(User.id).where(User.team_id.in_(team_ids))).all()
    return sorted(set(ids))
