"""Checklist schema and loader: YAML → validated, compiled ``Checklist`` objects.

Every problem is reported with the file, the item id and the field (a dotted path such as
``detect.phrases.speaker``); all problems of a file are collected before ``ChecklistError`` is raised,
so the web editor can show them next to the right inputs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scoring.conditions import Condition, build_condition
from scoring.detectors import BuildEnv, build_detector
from scoring.detectors.base import Detector, SpecError

SKILLS = (
    "gatekeeper",
    "opening",
    "needs_discovery",
    "value_presentation",
    "positioning",
    "objection_handling",
    "closing",
    "negotiation",
    "product_knowledge",
)
_ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_TOP_KEYS = {"id", "title", "version", "description", "lexicon", "sections"}
_SECTION_KEYS = {"id", "title", "items"}
_ITEM_KEYS = {"id", "title", "description", "weight", "critical", "skill", "applies_when", "detect"}


class ChecklistError(ValueError):
    """A checklist was refused; ``errors`` lists ``{"file", "item", "field", "message"}`` dicts."""

    def __init__(self, errors: list[dict[str, str | None]]) -> None:
        self.errors = errors
        super().__init__("\n".join(_format(e) for e in errors))


def _format(error: Mapping[str, str | None]) -> str:
    where = [str(error.get("file") or "<checklist>")]
    if error.get("item"):
        where.append(f"item {error['item']!r}")
    if error.get("field"):
        where.append(f"field {error['field']!r}")
    return f"{', '.join(where)}: {error['message']}"


@dataclass(slots=True)
class Item:
    """One checklist item, compiled."""

    id: str
    title: str
    description: str
    section: str
    weight: float
    critical: bool
    skill: str
    detector: Detector
    condition: Condition | None
    spec: dict[str, Any]
    references: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        """The item as it would be written in YAML (normalized)."""
        return dict(self.spec)


@dataclass(slots=True)
class Section:
    """A titled group of items."""

    id: str
    title: str
    items: list[Item]

    def to_dict(self) -> dict[str, Any]:
        """The section as it would be written in YAML."""
        return {"id": self.id, "title": self.title, "items": [i.to_dict() for i in self.items]}


@dataclass(slots=True)
class Checklist:
    """A validated checklist: id, title, version, sections of items (and the flat item list)."""

    id: str
    title: str
    version: int
    description: str
    sections: list[Section]
    lexicon: dict[str, list[str]]
    source: str = "<checklist>"

    @property
    def items(self) -> list[Item]:
        """All items in checklist order."""
        return [item for section in self.sections for item in section.items]

    def item(self, item_id: str) -> Item:
        """Look an item up by id (KeyError when absent)."""
        for candidate in self.items:
            if candidate.id == item_id:
                return candidate
        raise KeyError(item_id)

    def to_dict(self) -> dict[str, Any]:
        """The checklist as plain data (round-trips through ``parse_checklist``)."""
        out: dict[str, Any] = {"id": self.id, "title": self.title, "version": self.version}
        if self.description:
            out["description"] = self.description
        if self.lexicon:
            out["lexicon"] = {k: list(v) for k, v in self.lexicon.items()}
        out["sections"] = [s.to_dict() for s in self.sections]
        return out


class _Collector:
    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[dict[str, str | None]] = []

    def add(self, item: str | None, field_name: str | None, message: str) -> None:
        self.errors.append({"file": self.source, "item": item, "field": field_name, "message": message})


def load_checklist(path: str | Path) -> Checklist:
    """Read and validate a checklist YAML file."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ChecklistError(
            [
                {
                    "file": str(file),
                    "item": None,
                    "field": None,
                    "message": f"cannot read: {exc.strerror or exc}",
                }
            ]
        ) from exc
    return parse_checklist(text, source=str(file))


def parse_checklist(data: str | Mapping[str, Any], source: str = "<checklist>") -> Checklist:
    """Validate a checklist given as YAML text or decoded data; raise ChecklistError listing every problem."""
    errors = _Collector(source)
    if isinstance(data, str):
        try:
            data = yaml.safe_load(data)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
            errors.add(None, "yaml", f"invalid YAML{where}: {getattr(exc, 'problem', None) or exc}")
            raise ChecklistError(errors.errors) from exc
    if not isinstance(data, Mapping):
        errors.add(None, None, "a checklist must be a mapping with id, title and sections")
        raise ChecklistError(errors.errors)
    for key in sorted(set(data) - _TOP_KEYS):
        errors.add(None, str(key), f"unknown key (allowed: {', '.join(sorted(_TOP_KEYS))})")
    checklist_id = _slug(data.get("id"), errors, None, "id")
    title = _text(data.get("title"), errors, None, "title", required=True)
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        errors.add(None, "version", f"must be a whole number ≥ 1, got {version!r}")
        version = 1
    description = _text(data.get("description", ""), errors, None, "description")
    lexicon = _lexicon(data.get("lexicon", {}), errors)
    env = BuildEnv(lexicon=lexicon)
    sections: list[Section] = []
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        errors.add(None, "sections", "must be a non-empty list of sections")
        raw_sections = []
    seen: set[str] = set()
    for s_index, raw in enumerate(raw_sections):
        section = _section(raw, s_index, env, errors, seen)
        if section is not None:
            sections.append(section)
    _check_references(sections, errors)
    if errors.errors:
        raise ChecklistError(errors.errors)
    return Checklist(checklist_id, title, version, description, sections, lexicon, source)


def _slug(value: Any, errors: _Collector, item: str | None, field_name: str) -> str:
    if value is None or value == "":
        errors.add(item, field_name, "is required")
        return ""
    if not isinstance(value, str) or not _ID_RE.match(value):
        errors.add(item, field_name, f"must be a lower-case identifier (a-z, 0-9, _), got {value!r}")
        return str(value)
    return value


def _text(value: Any, errors: _Collector, item: str | None, field_name: str, required: bool = False) -> str:
    if value is None or (required and value == ""):
        if required:
            errors.add(item, field_name, "is required")
        return ""
    if not isinstance(value, str):
        errors.add(item, field_name, f"must be text, got {value!r}")
        return str(value)
    return value.strip()


def _lexicon(raw: Any, errors: _Collector) -> dict[str, list[str]]:
    if not isinstance(raw, Mapping):
        errors.add(None, "lexicon", "must map names to lists of phrases")
        return {}
    out: dict[str, list[str]] = {}
    for name, phrases in raw.items():
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            errors.add(None, f"lexicon.{name}", "must be a list of phrases")
            continue
        out[str(name)] = list(phrases)
    return out


def _section(raw: Any, index: int, env: BuildEnv, errors: _Collector, seen: set[str]) -> Section | None:
    path = f"sections[{index}]"
    if not isinstance(raw, Mapping):
        errors.add(None, path, "must be a mapping with title and items")
        return None
    for key in sorted(set(raw) - _SECTION_KEYS):
        errors.add(None, f"{path}.{key}", f"unknown key (allowed: {', '.join(sorted(_SECTION_KEYS))})")
    section_id = _slug(raw.get("id", f"section_{index + 1}"), errors, None, f"{path}.id")
    title = _text(raw.get("title"), errors, None, f"{path}.title", required=True)
    raw_items = raw.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        errors.add(None, f"{path}.items", "must be a non-empty list of items")
        return Section(section_id, title, [])
    items = []
    for i, raw_item in enumerate(raw_items):
        item = _item(raw_item, f"{path}.items[{i}]", section_id, env, errors, seen)
        if item is not None:
            items.append(item)
    return Section(section_id, title, items)


def _item(
    raw: Any, path: str, section: str, env: BuildEnv, errors: _Collector, seen: set[str]
) -> Item | None:
    if not isinstance(raw, Mapping):
        errors.add(None, path, "an item must be a mapping")
        return None
    raw_id = raw.get("id")
    label = raw_id if isinstance(raw_id, str) and raw_id else f"#{path}"
    before = len(errors.errors)
    for key in sorted(set(raw) - _ITEM_KEYS):
        errors.add(label, str(key), f"unknown key (allowed: {', '.join(sorted(_ITEM_KEYS))})")
    item_id = _slug(raw_id, errors, label, "id")
    if item_id in seen:
        errors.add(label, "id", "duplicate item id")
    seen.add(item_id)
    title = _text(raw.get("title"), errors, label, "title", required=True)
    description = _text(raw.get("description", ""), errors, label, "description")
    weight = raw.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
        errors.add(label, "weight", f"must be a positive number, got {weight!r}")
        weight = 1
    critical = raw.get("critical", False)
    if not isinstance(critical, bool):
        errors.add(label, "critical", f"must be true or false, got {critical!r}")
    skill = raw.get("skill")
    if skill not in SKILLS:
        errors.add(label, "skill", f"must be one of {', '.join(SKILLS)}, got {skill!r}")
    env.references = set()
    detector = None
    if "detect" not in raw:
        errors.add(label, "detect", "is required")
    else:
        try:
            detector = build_detector(raw["detect"], "detect", env)
        except SpecError as exc:
            errors.add(label, exc.field, exc.message)
    references = set(env.references)
    condition = None
    if raw.get("applies_when") is not None:
        try:
            condition = build_condition(raw["applies_when"], "applies_when", env)
            references |= condition.references
        except SpecError as exc:
            errors.add(label, exc.field, exc.message)
    if len(errors.errors) > before or detector is None:
        return None
    spec = {
        k: raw[k]
        for k in ("id", "title", "description", "weight", "critical", "skill", "applies_when", "detect")
        if k in raw
    }
    return Item(
        item_id,
        title,
        description,
        section,
        float(weight),
        bool(critical),
        str(skill),
        detector,
        condition,
        spec,
        references,
    )


def _check_references(sections: list[Section], errors: _Collector) -> None:
    items = {item.id: item for s in sections for item in s.items}
    for item in items.values():
        for ref in sorted(item.references):
            if ref not in items:
                errors.add(item.id, "detect" if ref else "applies_when", f"refers to unknown item {ref!r}")
    state: dict[str, int] = {}

    def visit(item_id: str, trail: list[str]) -> None:
        if state.get(item_id) == 2 or item_id not in items:
            return
        if state.get(item_id) == 1:
            errors.add(item_id, "detect", f"circular reference: {' → '.join([*trail, item_id])}")
            return
        state[item_id] = 1
        for ref in sorted(items[item_id].references):
            visit(ref, [*trail, item_id])
        state[item_id] = 2

    for item_id in items:
        visit(item_id, [])


def evaluation_order(checklist: Checklist) -> list[Item]:
    """Items ordered so that every item comes after the items it refers to."""
    by_id = {item.id: item for item in checklist.items}
    done: set[str] = set()
    order: list[Item] = []

    def add(item: Item) -> None:
        if item.id in done:
            return
        done.add(item.id)
        for ref in sorted(item.references):
            if ref in by_id:
                add(by_id[ref])
        order.append(item)

    for item in checklist.items:
        add(item)
    return order
