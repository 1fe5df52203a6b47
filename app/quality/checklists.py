"""Checklist versions: import from YAML files, look up the published version, parse for the engine.

Parsing goes through ``scoring.checklist.parse_checklist`` so the web app and the CLI accept exactly the
same files. Services flush; callers commit.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select

from app.accounts.models import User, utcnow
from app.core.domain import DomainError
from app.extensions import db
from app.quality.models import Checklist, ChecklistVersion, VersionStatus
from scoring.checklist import ChecklistError, parse_checklist

CHECKLISTS_DIR = Path(__file__).resolve().parents[2] / "checklists"


def validate_yaml(yaml_text: str, source: str):  # type: ignore[no-untyped-def]
    """Parse a checklist or raise ``DomainError`` listing every problem (file, item, field)."""
    try:
        return parse_checklist(yaml_text, source=source)
    except ChecklistError as error:
        raise DomainError(str(error), field="yaml_text") from error


@lru_cache(maxsize=64)
def _parse_cached(version_id: int, number: int, yaml_text: str):  # type: ignore[no-untyped-def]
    parsed = parse_checklist(yaml_text, source=f"version {version_id}")
    if dataclasses.is_dataclass(parsed):
        try:
            return dataclasses.replace(parsed, version=number)
        except TypeError:
            pass
    parsed.version = number
    return parsed


def parsed_checklist(version: ChecklistVersion):  # type: ignore[no-untyped-def]
    """The engine's checklist object for a stored version (its ``version`` is the stored number)."""
    return _parse_cached(version.id, version.number, version.yaml_text)


def get_checklist(key: str) -> Checklist | None:
    """A checklist by key."""
    return db.session.scalar(select(Checklist).where(Checklist.key == key))


def published_checklists() -> list[Checklist]:
    """Checklists that have a published version, by title."""
    rows = db.session.scalars(select(Checklist).order_by(Checklist.title)).all()
    return [c for c in rows if c.published is not None]


def _next_number(checklist: Checklist) -> int:
    return max((v.number for v in checklist.versions), default=0) + 1


def publish_yaml(yaml_text: str, source: str, user: User | None = None, note: str | None = None) -> ChecklistVersion:
    """Validate YAML and publish it as the next version of its checklist (no-op when unchanged)."""
    parsed = validate_yaml(yaml_text, source)
    checklist = get_checklist(parsed.id)
    if checklist is None:
        checklist = Checklist(key=parsed.id, title=parsed.title)
        db.session.add(checklist)
        db.session.flush()
    current = checklist.published
    if current is not None and current.yaml_text.strip() == yaml_text.strip():
        return current
    version = ChecklistVersion(
        checklist=checklist,
        number=_next_number(checklist),
        status=VersionStatus.PUBLISHED,
        yaml_text=yaml_text,
        note=note,
        created_by_id=user.id if user else None,
        published_at=utcnow(),
    )
    checklist.title = parsed.title
    db.session.add(version)
    db.session.flush()
    return version


def import_directory(directory: Path = CHECKLISTS_DIR, user: User | None = None) -> list[ChecklistVersion]:
    """Publish every ``*.yaml`` in a directory whose content changed; returns the versions in force."""
    return [
        publish_yaml(path.read_text(encoding="utf-8"), source=path.name, user=user)
        for path in sorted(directory.glob("*.yaml"))
    ]
