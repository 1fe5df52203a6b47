"""Checklist versions: drafts, publishing (validated, immutable afterwards), import/export of YAML files.

Parsing goes through ``scoring.checklist.parse_checklist`` so the web app and the CLI accept exactly the
same files. A checklist has at most one draft; publishing it archives the version in force, which stays
attached to the scorecards it produced. Services flush; callers commit.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User, utcnow
from app.core.domain import DomainError
from app.extensions import db
from app.quality.checklist_doc import DocError, load_data, locate, render
from app.quality.models import Checklist, ChecklistVersion, VersionStatus
from scoring.checklist import ChecklistError, parse_checklist

CHECKLISTS_DIR = Path(__file__).resolve().parents[2] / "checklists"
NEW_CHECKLIST = """id: {key}
title: {title}
version: 1
description: ''
sections:
  - id: main
    title: Основной раздел
    items:
      - id: greeting
        title: Поздоровался
        weight: 1
        skill: opening
        detect:
          phrases: {{speaker: manager, within: {{turns: 2}}, any: [добрый день, здравствуйте]}}
"""


class PublishRefused(DomainError):
    """A draft would not load in the engine; ``errors`` lists every problem (file, item, field, line)."""

    def __init__(self, message: str, errors: list[dict[str, Any]]) -> None:
        super().__init__(message, "yaml_text")
        self.errors = errors


def validate_yaml(yaml_text: str, source: str):  # type: ignore[no-untyped-def]
    """Parse a checklist or raise ``DomainError`` listing every problem (file, item, field)."""
    try:
        return parse_checklist(yaml_text, source=source)
    except ChecklistError as error:
        raise DomainError(str(error), field="yaml_text") from error


def check_yaml(yaml_text: str, source: str = "draft") -> list[dict[str, Any]]:
    """Every problem of a checklist text as ``{file, item, field, message, line}`` (empty when it loads)."""
    try:
        parse_checklist(yaml_text, source=source)
    except ChecklistError as error:
        return [{**e, "line": locate(yaml_text, e.get("item"), e.get("field"))} for e in error.errors]
    return []


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


def all_checklists() -> list[Checklist]:
    """Every checklist, by title."""
    return list(db.session.scalars(select(Checklist).order_by(Checklist.title)))


def published_checklists() -> list[Checklist]:
    """Checklists that have a published version, by title."""
    return [c for c in all_checklists() if c.published is not None]


def _next_number(checklist: Checklist) -> int:
    return max((v.number for v in checklist.versions), default=0) + 1


def _content(yaml_text: str) -> Any:
    """The data of a checklist without its informational ``version`` key (what import compares)."""
    try:
        data = load_data(yaml_text)
    except DocError:
        return yaml_text.strip()
    data.pop("version", None)
    return data


def _with_number(yaml_text: str, number: int) -> str:
    """The text with its ``version:`` set to the stored number (kept verbatim otherwise)."""
    try:
        data = load_data(yaml_text)
    except DocError:
        return yaml_text
    if data.get("version") == number:
        return yaml_text
    keys = list(data)
    data["version"] = number
    if "version" not in keys:  # put it after the title, where the shipped files have it
        at = keys.index("title") + 1 if "title" in keys else len(keys)
        data = {k: data[k] for k in [*keys[:at], "version", *keys[at:]]}
    return render(yaml_text, data)


def _make_published(version: ChecklistVersion) -> None:
    for other in version.checklist.versions:
        if other is not version and other.status == VersionStatus.PUBLISHED:
            other.status = VersionStatus.ARCHIVED
    version.status, version.published_at = VersionStatus.PUBLISHED, utcnow()


def publish_yaml(yaml_text: str, source: str, user: User | None = None, note: str | None = None) -> ChecklistVersion:
    """Validate YAML and publish it as the next version of its checklist.

    No-op when the content (ignoring ``version:``) equals a version the checklist already has, so that
    importing the shipped files again never undoes what trainers published since.
    """
    parsed = validate_yaml(yaml_text, source)
    checklist = get_checklist(parsed.id)
    if checklist is None:
        checklist = Checklist(key=parsed.id, title=parsed.title)
        db.session.add(checklist)
        db.session.flush()
    current = checklist.published
    content = _content(yaml_text)
    if current is not None and any(
        _content(v.yaml_text) == content for v in checklist.versions if v.status != VersionStatus.DRAFT
    ):
        return current
    number = _next_number(checklist)
    version = ChecklistVersion(
        checklist=checklist,
        number=number,
        yaml_text=_with_number(yaml_text, number),
        note=note,
        created_by_id=user.id if user else None,
    )
    db.session.add(version)
    _make_published(version)
    checklist.title = parsed.title
    db.session.flush()
    return version


def is_checklist_text(text: str) -> bool:
    """Whether a YAML file is a checklist (a mapping with ``sections``) rather than other data in the folder."""
    try:
        data = load_data(text)
    except DocError:
        return True  # let the parser say what is wrong with it
    return "sections" in data or "items" in data


def import_directory(directory: Path = CHECKLISTS_DIR, user: User | None = None) -> list[ChecklistVersion]:
    """Publish every checklist ``*.yaml`` in a directory whose content is new; returns the versions in force.

    Other YAML files in the folder (the objection library) are left alone.
    """
    versions = []
    for path in sorted(directory.glob("*.yaml")):
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if text and is_checklist_text(text):
            versions.append(publish_yaml(text, source=path.name, user=user))
    return versions


def export_directory(directory: Path) -> list[Path]:
    """Write the published version of every checklist to ``<directory>/<key>.yaml``; returns the files."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for checklist in published_checklists():
        path = directory / f"{checklist.key}.yaml"  # the key is a validated identifier, never a path
        text = checklist.published.yaml_text  # type: ignore[union-attr]
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        written.append(path)
    return written


# -- drafts ------------------------------------------------------------------------------------------------
def _require_draft(version: ChecklistVersion) -> None:
    if not version.is_draft:
        raise DomainError(
            _("Версия %(n)s опубликована и не меняется: создайте из неё новый черновик.", n=version.number)
        )


def create_checklist(key: str, title: str, user: User) -> ChecklistVersion:
    """A new checklist with a one-item draft to start from."""
    key, title = (key or "").strip(), (title or "").strip()
    if get_checklist(key) is not None:
        raise DomainError(_("Чек-лист с ключом «%(k)s» уже есть.", k=key), "key")
    text = NEW_CHECKLIST.format(key=key, title=_quoted(title))
    errors = check_yaml(text)
    if errors:
        raise DomainError(_("Ключ: латиница в нижнем регистре, цифры и «_», начинается с буквы."), "key")
    checklist = Checklist(key=key, title=title)
    db.session.add(checklist)
    version = ChecklistVersion(checklist=checklist, number=1, yaml_text=text, created_by_id=user.id)
    db.session.add(version)
    db.session.flush()
    return version


def _quoted(text: str) -> str:
    import yaml

    return yaml.safe_dump(text, allow_unicode=True, default_style=None).split("\n")[0]


def create_draft(checklist: Checklist, user: User, source: ChecklistVersion | None = None) -> ChecklistVersion:
    """Open a draft copied from ``source`` (default: the version in force); one draft per checklist."""
    if checklist.draft is not None:
        raise DomainError(
            _("У чек-листа уже есть черновик (версия %(n)s): продолжите его или удалите.", n=checklist.draft.number)
        )
    source = source or checklist.published or (checklist.versions[-1] if checklist.versions else None)
    if source is None or source.checklist_id != checklist.id:
        raise DomainError(_("Не из чего создать черновик: у чек-листа нет версий."))
    number = _next_number(checklist)
    version = ChecklistVersion(
        checklist=checklist,
        number=number,
        yaml_text=_with_number(source.yaml_text, number),
        created_by_id=user.id,
        based_on_id=source.id,
        updated_at=utcnow(),
    )
    db.session.add(version)
    db.session.flush()
    return version


def draft_data(version: ChecklistVersion) -> dict[str, Any]:
    """The draft as plain data; ``DomainError`` when its YAML does not parse."""
    try:
        return load_data(version.yaml_text)
    except DocError as error:
        line = _(" (строка %(n)s)", n=error.line) if error.line else ""
        raise DomainError(_("YAML черновика не читается%(w)s: %(e)s", w=line, e=error.message), "yaml_text") from error


def save_text(version: ChecklistVersion, yaml_text: str) -> list[dict[str, Any]]:
    """Store new draft YAML (problems are allowed and returned; publishing refuses them)."""
    _require_draft(version)
    yaml_text = yaml_text.replace("\r\n", "\n")
    try:
        data = load_data(yaml_text)
    except DocError as error:
        where = _("строка %(n)s: ", n=error.line) if error.line else ""
        raise DomainError(
            _("Не сохранено, YAML не читается — %(w)s%(e)s", w=where, e=error.message), "yaml_text"
        ) from error
    if data.get("id") != version.checklist.key:
        raise DomainError(
            _("id чек-листа должен остаться «%(k)s»: это другой чек-лист.", k=version.checklist.key), "yaml_text"
        )
    version.yaml_text = yaml_text if yaml_text.endswith("\n") else yaml_text + "\n"
    version.updated_at = utcnow()
    db.session.flush()
    return check_yaml(version.yaml_text, f"{version.checklist.key}.yaml")


def save_data(version: ChecklistVersion, data: dict[str, Any]) -> None:
    """Store draft data written back as YAML that keeps every untouched part of the text."""
    _require_draft(version)
    version.yaml_text = render(version.yaml_text, data)
    version.updated_at = utcnow()
    db.session.flush()


def discard_draft(version: ChecklistVersion) -> None:
    """Delete a draft (published versions stay forever)."""
    _require_draft(version)
    version.checklist.versions.remove(version)  # delete-orphan: the row goes, the collection stays right
    db.session.flush()


def publish(version: ChecklistVersion, user: User, note: str | None = None) -> ChecklistVersion:
    """Publish a draft: refused, with every problem named, when the engine would not load it."""
    _require_draft(version)
    errors = check_yaml(version.yaml_text, f"{version.checklist.key}.yaml")
    if errors:
        raise PublishRefused(
            _("Черновик не опубликован: %(n)s ошибок. Исправьте их — каждая указана с пунктом и полем.", n=len(errors)),
            errors,
        )
    current = version.checklist.published
    if current is not None and _content(current.yaml_text) == _content(version.yaml_text):
        raise DomainError(
            _("Черновик не отличается от действующей версии %(n)s: публиковать нечего.", n=current.number)
        )
    parsed = parse_checklist(version.yaml_text, source=version.checklist.key)
    version.yaml_text = _with_number(version.yaml_text, version.number)
    version.note = (note or "").strip()[:500] or version.note
    version.created_by_id = version.created_by_id or user.id
    version.checklist.title = parsed.title
    _make_published(version)
    db.session.flush()
    return version
