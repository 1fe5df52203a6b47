"""Audit trail: record who changed which field of what, from what to what; list a page's trail."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.calls.models import AuditEntry
from app.calls.rules import audit_diff
from app.extensions import db


def record_changes(
    actor_id: int | None,
    scope: tuple[str, int],
    obj: tuple[str, int],
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    note: str | None = None,
) -> list[AuditEntry]:
    """Add one entry per changed field (nothing when nothing changed); flushes."""
    entries = [
        AuditEntry(
            actor_id=actor_id,
            scope_type=scope[0],
            scope_id=scope[1],
            object_type=obj[0],
            object_id=obj[1],
            field=field,
            before=old,
            after=new,
            note=note,
        )
        for field, old, new in audit_diff(before, after)
    ]
    db.session.add_all(entries)
    db.session.flush()
    return entries


def trail(scope_type: str, scope_id: int) -> list[AuditEntry]:
    """Every entry of a page-level object, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.scope_type == scope_type, AuditEntry.scope_id == scope_id)
        .options(selectinload(AuditEntry.actor))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    return list(db.session.scalars(query))
