"""The objection library: validation, edits with revisions, restore, import of ``checklists/objections.yaml``.

Edit once, used everywhere: scripts link entries from their objection branches, the objection page lists
lessons and exam questions by tag (``objection_study``), call analytics map classified client objections to
entries (``objection_stats``), and ``wording_examples()`` gives the objection classifier's learning loop the
wording variants as labelled training examples. Services flush; callers commit.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.models import User, utcnow
from app.core.domain import DomainError
from app.extensions import db
from app.quality.objection_models import Objection, ObjectionCategory, ObjectionRevision

LIBRARY_FILE = Path(__file__).resolve().parents[2] / "checklists" / "objections.yaml"
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{1,79}$")
RESERVED_KEYS = frozenset({"new", "analytics"})  # page addresses under /objections/ and /scripts/
STEPS = ("acknowledge", "clarify", "answer", "check")
CONTENT_FIELDS = ("title", "category", "summary", "variants", "answers", "dont_say", "tags")

CATEGORY_LABELS = {
    ObjectionCategory.PRICE: _l("Цена"),
    ObjectionCategory.HAVE_SUPPLIER: _l("Есть поставщик"),
    ObjectionCategory.NO_NEED: _l("Не нужно"),
    ObjectionCategory.SEND_PROPOSAL: _l("Пришлите КП"),
    ObjectionCategory.NO_TIME: _l("Нет времени"),
    ObjectionCategory.THINK_IT_OVER: _l("Подумаю"),
    ObjectionCategory.OTHER: _l("Другое"),
}
STEP_LABELS = {
    "acknowledge": _l("Присоединиться"),
    "clarify": _l("Уточнить вопросом"),
    "answer": _l("Ответить с выгодой"),
    "check": _l("Проверить и двигаться дальше"),
}
# The project's shared skill ids (checklist items, GIFT tags, course skills).
SKILLS = {
    "gatekeeper": _l("Прохождение секретаря"),
    "opening": _l("Установление контакта"),
    "needs_discovery": _l("Выявление потребностей"),
    "value_presentation": _l("Презентация, язык пользы"),
    "positioning": _l("Позиционирование"),
    "objection_handling": _l("Работа с возражениями"),
    "closing": _l("Закрытие, следующий шаг"),
    "negotiation": _l("Переговоры"),
    "product_knowledge": _l("Знание продукта"),
}
FIELD_LABELS = {
    "title": _l("название"),
    "category": _l("категория"),
    "summary": _l("что стоит за возражением"),
    "variants": _l("формулировки"),
    "answers": _l("одобренные ответы"),
    "dont_say": _l("чего не говорить"),
    "tags": _l("теги"),
}


# -- content: plain data, validated --------------------------------------------------------------------------
def _lines(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DomainError(_("Поле «%(f)s»: нужен список строк.", f=FIELD_LABELS[name]), name)
    seen: set[str] = set()
    out = []
    for text in (" ".join(v.split()) for v in value):
        folded = text.casefold().replace("ё", "е")
        if text and folded not in seen:
            seen.add(folded)
            out.append(text)
    return out


def _answers(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list):
        raise DomainError(_("Одобренные ответы: нужен список ответов из четырёх шагов."), "answers")
    out = []
    for n, raw in enumerate(value, start=1):
        if not isinstance(raw, dict):
            raise DomainError(_("Ответ %(n)s: нужны поля acknowledge, clarify, answer, check.", n=n), "answers")
        unknown = sorted(set(raw) - set(STEPS))
        if unknown:
            raise DomainError(_("Ответ %(n)s: неизвестные поля %(f)s.", n=n, f=", ".join(map(str, unknown))), "answers")
        answer = {step: str(raw.get(step) or "").strip() for step in STEPS}
        if not any(answer.values()):
            continue  # an empty slot of the form
        missing = [str(STEP_LABELS[s]) for s in STEPS if not answer[s]]
        if missing:
            raise DomainError(_("Ответ %(n)s: заполните шаги — %(s)s.", n=n, s=", ".join(missing)), "answers")
        if "?" not in answer["clarify"]:
            raise DomainError(_("Ответ %(n)s: уточнение должно быть вопросом (со знаком «?»).", n=n), "answers")
        out.append(answer)
    if not out:
        raise DomainError(_("Нужен хотя бы один одобренный ответ."), "answers")
    return out


def clean_content(raw: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalize a library entry's content; ``DomainError`` names the field at fault."""
    title = " ".join(str(raw.get("title") or "").split())
    if not title or len(title) > 200:
        raise DomainError(_("Название: от 1 до 200 символов."), "title")
    try:
        category = ObjectionCategory(str(raw.get("category") or ""))
    except ValueError:
        known = ", ".join(c.value for c in ObjectionCategory)
        raise DomainError(_("Категория: одна из %(k)s.", k=known), "category") from None
    variants = _lines(raw.get("variants"), "variants")
    if not variants:
        raise DomainError(_("Добавьте хотя бы одну формулировку: как клиенты это говорят."), "variants")
    tags = _lines(raw.get("tags"), "tags")
    unknown = [t for t in tags if t not in SKILLS]
    if unknown:
        raise DomainError(_("Неизвестные теги: %(t)s (допустимы id навыков).", t=", ".join(unknown)), "tags")
    return {
        "title": title,
        "category": category.value,
        "summary": str(raw.get("summary") or "").strip(),
        "variants": variants,
        "answers": _answers(raw.get("answers") or []),
        "dont_say": _lines(raw.get("dont_say"), "dont_say"),
        "tags": tags,
    }


def content_of(objection: Objection) -> dict[str, Any]:
    """The entry's current content as plain data (what a revision stores)."""
    return {
        "title": objection.title,
        "category": ObjectionCategory(objection.category).value,
        "summary": objection.summary or "",
        "variants": list(objection.variants or []),
        "answers": [dict(a) for a in objection.answers or []],
        "dont_say": list(objection.dont_say or []),
        "tags": list(objection.tags or []),
    }


def content_hash(content: dict[str, Any]) -> str:
    """Stable hash of a content dict."""
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def changed_fields(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """Names of the content fields that differ (all of them for a first revision)."""
    if old is None:
        return list(CONTENT_FIELDS)
    return [name for name in CONTENT_FIELDS if old.get(name) != new.get(name)]


# -- queries -------------------------------------------------------------------------------------------------
def list_objections(include_archived: bool = False) -> list[Objection]:
    """Library entries in their display order."""
    query = select(Objection).order_by(Objection.position, Objection.title)
    if not include_archived:
        query = query.where(Objection.archived.is_(False))
    return list(db.session.scalars(query))


def get_objection(key: str) -> Objection | None:
    """A library entry by key."""
    return db.session.scalar(select(Objection).where(Objection.key == key))


def wording_examples(include_archived: bool = False) -> list[tuple[str, str]]:
    """Every wording variant of the library as ``(text, label)``: training examples for the objection classifier.

    The label is the entry's category, one of the classifier's labels. A text listed under two categories
    is dropped (it would teach the classifier a contradiction); order is stable (library order).
    """
    labels: dict[str, set[str]] = {}
    texts: dict[str, str] = {}
    for objection in list_objections(include_archived):
        for text in objection.variants or []:
            folded = text.casefold().replace("ё", "е")
            labels.setdefault(folded, set()).add(ObjectionCategory(objection.category).value)
            texts.setdefault(folded, text)
    return [(texts[k], next(iter(v))) for k, v in labels.items() if len(v) == 1]


# -- edits ---------------------------------------------------------------------------------------------------
def _apply(objection: Objection, content: dict[str, Any], user: User | None, note: str) -> ObjectionRevision:
    for name in CONTENT_FIELDS:
        setattr(objection, name, content[name])
    objection.category = ObjectionCategory(content["category"])
    number = max((r.number for r in objection.revisions), default=0) + 1
    revision = ObjectionRevision(
        number=number, content=content, note=note.strip()[:300], author_id=user.id if user else None
    )
    objection.revisions.append(revision)
    objection.revision = number
    objection.updated_at = utcnow()
    objection.updated_by_id = user.id if user else None
    db.session.flush()
    return revision


def create_objection(key: str, raw: dict[str, Any], user: User | None, note: str = "") -> Objection:
    """A new library entry with its first revision."""
    key = (key or "").strip()
    if not KEY_RE.match(key) or key in RESERVED_KEYS:
        raise DomainError(_("Ключ: латиница в нижнем регистре, цифры и «_», начинается с буквы."), "key")
    if get_objection(key) is not None:
        raise DomainError(_("Возражение с ключом «%(k)s» уже есть.", k=key), "key")
    content = clean_content(raw)
    position = max((o.position for o in list_objections(include_archived=True)), default=0) + 10
    objection = Objection(key=key, position=position, title=content["title"], category=content["category"])
    db.session.add(objection)
    _apply(objection, content, user, note or _("Создано"))
    return objection


def save_objection(objection: Objection, raw: dict[str, Any], user: User | None, note: str = "") -> bool:
    """Store edited content as a new revision; False when nothing changed (no revision is added)."""
    content = clean_content(raw)
    if content == content_of(objection):
        return False
    _apply(objection, content, user, note)
    return True


def restore_revision(objection: Objection, number: int, user: User) -> ObjectionRevision:
    """Make an old revision's content current again (as a new revision; history is never rewritten)."""
    old = next((r for r in objection.revisions if r.number == number), None)
    if old is None:
        raise DomainError(_("Нет версии %(n)s.", n=number))
    content = clean_content(old.content)
    if content == content_of(objection):
        raise DomainError(_("Версия %(n)s совпадает с текущей: восстанавливать нечего.", n=number))
    return _apply(objection, content, user, _("Восстановлена версия %(n)s", n=number))


def set_archived(objection: Objection, archived: bool) -> None:
    """Archive (hide from the library and from new branches) or bring back an entry; scripts keep their links."""
    objection.archived = archived
    db.session.flush()


# -- import of the shipped library ---------------------------------------------------------------------------
@dataclass
class ImportReport:
    """What an import did, by key."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited by trainers since the last import: left alone


def _entry_lines(text: str) -> list[int]:
    """1-based line of every entry under ``objections:`` (for error messages)."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []
    for key_node, value_node in getattr(root, "value", []) if isinstance(root, yaml.MappingNode) else []:
        if key_node.value == "objections" and isinstance(value_node, yaml.SequenceNode):
            return [node.start_mark.line + 1 for node in value_node.value]
    return []


def parse_library(text: str, source: str = "objections.yaml") -> list[tuple[str, dict[str, Any]]]:
    """Read a library file into ``(key, content)`` pairs; ``DomainError`` names the file, entry, line and field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise DomainError(f"{source}{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from exc
    entries = data.get("objections") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise DomainError(f"{source}: expected a mapping with an 'objections' list")
    lines = _entry_lines(text)
    out: list[tuple[str, dict[str, Any]]] = []
    for n, entry in enumerate(entries):
        where = f"{source}:{lines[n]}" if n < len(lines) else source
        key = str(entry.get("key") or "") if isinstance(entry, dict) else ""
        if not KEY_RE.match(key):
            raise DomainError(f"{where}: entry {n + 1}: 'key' must be lower-case latin, digits and '_'")
        if key in {k for k, _c in out}:
            raise DomainError(f"{where}: entry {n + 1}: key '{key}' is used twice")
        try:
            out.append((key, clean_content(entry)))
        except DomainError as error:
            raise DomainError(f"{where}: entry {n + 1} ({key}), field {error.field}: {error.message}") from error
    return out


def import_library(path: Path = LIBRARY_FILE, user: User | None = None) -> ImportReport:
    """Import the shipped library idempotently: new keys are created, unchanged ones left, trainers' edits kept.

    An entry the file changed is updated only when nobody edited it since the last import (its content still
    hashes to what was imported); otherwise the trainer's version stays and the key is reported as ``kept``.
    """
    report = ImportReport()
    for position, (key, content) in enumerate(parse_library(path.read_text(encoding="utf-8"), path.name)):
        shipped = content_hash(content)
        objection = get_objection(key)
        if objection is None:
            objection = Objection(key=key, position=(position + 1) * 10, title=content["title"])
            db.session.add(objection)
            _apply(objection, content, user, _("Импорт из %(f)s", f=path.name))
            objection.imported_hash = shipped
            report.created.append(key)
        elif objection.imported_hash == shipped or content_hash(content_of(objection)) == shipped:
            objection.imported_hash = shipped
            report.unchanged.append(key)
        elif content_hash(content_of(objection)) == objection.imported_hash:
            _apply(objection, content, user, _("Импорт из %(f)s", f=path.name))
            objection.imported_hash = shipped
            report.updated.append(key)
        else:
            report.kept.append(key)
    db.session.flush()
    return report
