"""Account rules: sign-in with throttling, user and team administration. Services flush; callers commit."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.accounts.models import Role, Team, User, utcnow
from app.core.domain import DomainError
from app.core.events import new_hire_created
from app.core.security import hash_password, verify_password
from app.extensions import db

MIN_PASSWORD_LENGTH = 8


class LoginLocked(DomainError):
    """Too many wrong passwords: sign-in refused until ``until``."""

    def __init__(self, until: datetime) -> None:
        minutes = max(1, int((until - utcnow()).total_seconds() + 59) // 60)
        super().__init__(_("Слишком много неудачных попыток входа. Попробуйте снова через %(n)s мин.", n=minutes))
        self.until = until


@dataclass
class UserData:
    """What an admin enters for a user."""

    email: str
    full_name: str
    role: Role
    team_id: int | None = None
    hire_date: date | None = None


def normalize_email(email: str) -> str:
    """Emails compare case-insensitively and without surrounding spaces."""
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    """The user with this email, if any."""
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:  # SQLite returns naive datetimes
        return moment.replace(tzinfo=UTC)
    return moment


def authenticate(email: str, password: str) -> User:
    """Return the user for valid credentials, counting failures and locking after too many."""
    user = find_user_by_email(email)
    now = utcnow()
    if user is not None:
        locked_until = _aware(user.locked_until)
        if locked_until is not None and locked_until > now:
            raise LoginLocked(locked_until)
    if user is None or not user.is_active or not verify_password(user.password_hash, password):
        if user is not None:
            user.failed_logins = (user.failed_logins or 0) + 1
            if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
                user.locked_until = now + timedelta(seconds=current_app.config["LOGIN_LOCKOUT_SECONDS"])
                user.failed_logins = 0
                db.session.flush()
                raise LoginLocked(user.locked_until)
            db.session.flush()
        raise DomainError(_("Неверный email или пароль."), field="password")
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    db.session.flush()
    return user


def _check_password(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(_("Пароль должен быть не короче %(n)s символов.", n=MIN_PASSWORD_LENGTH), field)


def _check_team(team_id: int | None) -> None:
    if team_id is not None and db.session.get(Team, team_id) is None:
        raise DomainError(_("Такой команды нет."), field="team_id")


def create_user(data: UserData, password: str | None = None) -> tuple[User, str]:
    """Create a user; returns the user and the initial password (generated when not given)."""
    email = normalize_email(data.email)
    if find_user_by_email(email) is not None:
        raise DomainError(_("Пользователь с таким email уже есть."), field="email")
    _check_team(data.team_id)
    password = password or secrets.token_urlsafe(9)
    _check_password(password)
    user = User(
        email=email,
        full_name=data.full_name.strip(),
        role=data.role,
        team_id=data.team_id,
        hire_date=data.hire_date,
        password_hash=hash_password(password),
        active=True,
    )
    db.session.add(user)
    db.session.flush()
    if user.role == Role.NEW_HIRE:
        new_hire_created.send(current_app._get_current_object(), user_id=user.id)
    return user, password


def update_user(user: User, data: UserData) -> User:
    """Change a user's profile fields."""
    email = normalize_email(data.email)
    other = find_user_by_email(email)
    if other is not None and other.id != user.id:
        raise DomainError(_("Пользователь с таким email уже есть."), field="email")
    _check_team(data.team_id)
    if user.role == Role.SUPERVISOR and data.role != Role.SUPERVISOR:
        for team in db.session.scalars(select(Team).where(Team.supervisor_id == user.id)):
            team.supervisor_id = None
    user.email, user.full_name, user.role = email, data.full_name.strip(), data.role
    user.team_id, user.hire_date = data.team_id, data.hire_date
    db.session.flush()
    return user


def reset_password(user: User, password: str | None = None) -> str:
    """Set a new password (generated when not given) and lift any lock-out."""
    password = password or secrets.token_urlsafe(9)
    _check_password(password)
    user.password_hash = hash_password(password)
    user.failed_logins, user.locked_until = 0, None
    db.session.flush()
    return password


def change_own_password(user: User, current: str, new: str) -> None:
    """A user changes their own password, proving the current one."""
    if not verify_password(user.password_hash, current):
        raise DomainError(_("Текущий пароль указан неверно."), field="current_password")
    reset_password(user, new)


def set_active(user: User, active: bool, acting: User) -> None:
    """Deactivate or reactivate an account; an admin cannot lock themselves out."""
    if not active and user.id == acting.id:
        raise DomainError(_("Нельзя отключить собственную учётную запись."))
    if not active and user.role == Role.ADMIN:
        admins = db.session.scalar(
            select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active.is_(True))
        )
        if admins <= 1:
            raise DomainError(_("Нельзя отключить последнего администратора."))
    user.active = active
    db.session.flush()


def save_team(team: Team | None, name: str, supervisor_id: int | None) -> Team:
    """Create or rename a team and set its supervisor (who must have the supervisor role)."""
    name = name.strip()
    clash = db.session.scalar(select(Team).where(func.lower(Team.name) == name.lower()))
    if clash is not None and (team is None or clash.id != team.id):
        raise DomainError(_("Команда с таким названием уже есть."), field="name")
    if supervisor_id is not None:
        supervisor = db.session.get(User, supervisor_id)
        if supervisor is None or supervisor.role != Role.SUPERVISOR:
            raise DomainError(_("Руководителем команды может быть только пользователь с ролью РОП."), "supervisor_id")
    if team is None:
        team = Team(name=name)
        db.session.add(team)
    team.name, team.supervisor_id = name, supervisor_id
    db.session.flush()
    return team


def list_users(include_inactive: bool = True) -> list[User]:
    """All users ordered by name."""
    query = select(User).order_by(User.full_name)
    if not include_inactive:
        query = query.where(User.active.is_(True))
    return list(db.session.scalars(query))


def list_teams() -> list[Team]:
    """All teams ordered by name."""
    return list(db.session.scalars(select(Team).order_by(Team.name)))
