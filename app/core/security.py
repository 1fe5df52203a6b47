"""Password hashing (argon2) and the Flask-Login user loader."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app
from flask_babel import lazy_gettext as _l

from app.extensions import db, login_manager


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(time_cost=cfg["ARGON2_TIME_COST"], memory_cost=cfg["ARGON2_MEMORY_COST"])


def hash_password(password: str) -> str:
    """Return an argon2id hash of the password."""
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password against its hash without leaking why it failed."""
    if not password_hash:
        return False
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def init_security(app: Flask) -> None:
    """Configure Flask-Login."""
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Войдите, чтобы открыть эту страницу.")
    login_manager.login_message_category = "warning"

    @login_manager.user_loader
    def load_user(user_id: str):  # type: ignore[no-untyped-def]
        from app.accounts.models import User

        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        return user if user is not None and user.is_active else None
