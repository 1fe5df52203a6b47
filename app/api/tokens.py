"""API tokens: create (shown once), authenticate a bearer token, list, deactivate. Services flush."""

from __future__ import annotations

import hashlib
import re
import secrets

from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User, utcnow
from app.api.models import ApiToken
from app.core.domain import DomainError
from app.extensions import db

TOKEN_PREFIX = "sd_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,79}$")


def hash_token(token: str) -> str:
    """SHA-256 of a token (tokens are 256-bit random, so a fast hash is enough)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(name: str, integration: str | None = None, created_by: User | None = None) -> tuple[ApiToken, str]:
    """A new token for an integration; returns the row and the secret, which is never stored or shown again."""
    name = (name or "").strip()
    if not _NAME.match(name):
        raise DomainError(_("Имя: латиница, цифры, точка, дефис или подчёркивание, от 2 до 80 символов."), "name")
    if db.session.scalar(select(ApiToken.id).where(ApiToken.name == name)) is not None:
        raise DomainError(_("Токен с таким именем уже есть."), "name")
    integration = (integration or "").strip() or name
    if not _NAME.match(integration):
        raise DomainError(_("Интеграция: латиница, цифры, точка, дефис или подчёркивание."), "integration")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        name=name,
        integration=integration,
        token_hash=hash_token(secret),
        prefix=secret[:10],
        active=True,
        created_by_id=created_by.id if created_by else None,
    )
    db.session.add(token)
    db.session.flush()
    return token, secret


def authenticate(header: str | None) -> ApiToken | None:
    """The active token named by an ``Authorization: Bearer …`` header, or None; records its last use."""
    if not header:
        return None
    scheme, _sep, secret = header.strip().partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret.startswith(TOKEN_PREFIX):
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
    if token is None or not token.active:
        return None
    token.last_used_at = utcnow()
    return token


def list_tokens() -> list[ApiToken]:
    """Every token, newest first."""
    return list(db.session.scalars(select(ApiToken).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def set_active(token: ApiToken, active: bool) -> None:
    """Revoke or restore a token."""
    token.active = active
    db.session.flush()
