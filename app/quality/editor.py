"""Editing a draft through forms: header, sections and items (with their detectors) as data.

Each change is applied to the draft's data and written back with ``checklist_doc.render``; an item is saved
only when the engine accepts it (its problems come back mapped onto the form's fields). Problems elsewhere
in the draft do not block editing; publishing refuses them. Services flush; the view commits.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from app.core.domain import DomainError
from app.quality.checklist_doc import dump_block, render
from app.quality.checklists import _require_draft, check_yaml, draft_data, save_data
from app.quality.item_spec import DetectForm, form_field_for, form_from_detect
from app.quality.models import ChecklistVersion

ITEM_ORDER = ("id", "title", "description", "weight", "critical", "skill", "applies_when", "detect")
NA_PRESETS: dict[str, dict[str, Any] | None] = {
    "always": None,
    "dm": {"dm_reached": True},
    "gatekeeper": {"has_gatekeeper": True},
}


class ItemRefused(DomainError):
    """The engine would not load the item; ``errors`` maps form fields to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(_("Пункт не сохранён: исправьте отмеченные поля."))
        self.errors = errors


@dataclass(slots=True)
class ItemData:
    """What the item form edits."""

    id: str
    title: str
    description: str
    weight: float
    critical: bool
    skill: str
    section: str
    applies_when: Any
    detect: Any

    def as_spec(self) -> dict[str, Any]:
        """The item mapping in the house key order (empty optional keys left out)."""
        weight: Any = int(self.weight) if float(self.weight).is_integer() else self.weight
        spec: dict[str, Any] = {"id": self.id, "title": self.title}
        if self.description:
            spec["description"] = self.description
        spec["weight"] = weight
        if self.critical:
            spec["critical"] = True
        spec["skill"] = self.skill
        if self.applies_when is not None:
            spec["applies_when"] = self.applies_when
        spec["detect"] = self.detect
        return spec


@dataclass(slots=True)
class ItemView:
    """An item as the overview lists it."""

    id: str
    title: str
    skill: str
    weight: Any
    critical: bool
    na_rule: str
    detectors: list[str]
    errors: list[dict[str, Any]] = field(default_factory=list)


def _sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    sections = data.get("sections")
    if not isinstance(sections, list) or not all(
        isinstance(s, dict) and isinstance(s.get("items", []), list) for s in sections
    ):
        raise DomainError(_("Разделы черновика записаны не списком: поправьте их в режиме YAML."), "yaml_text")
    return sections


def na_preset(rule: Any) -> str:
    """Which preset an ``applies_when`` rule is (``custom`` when none)."""
    for key, value in NA_PRESETS.items():
        if value == rule:
            return key
    return "custom"


def _na_text(rule: Any) -> str:
    names = {
        "always": _("всегда"),
        "dm": _("если дозвонился до ЛПР"),
        "gatekeeper": _("если трубку взял секретарь"),
    }
    preset = na_preset(rule)
    return names.get(preset) or _("условие: %(c)s", c=dump_block(rule).strip().replace("\n", "; "))


def describe_detect(detect: Any) -> list[str]:
    """Short human lines for an item's detectors."""
    form = form_from_detect(detect)
    lines = []
    for row in form.rows:
        neg = _(" (не должно быть)") if row.must_not else ""
        if row.kind == "phrases":
            phrases = [p for p in row.phrases.split("\n") if p]
            shown = ", ".join(phrases[:3]) + ("…" if len(phrases) > 3 else "")
            lines.append(_("фразы: %(p)s", p=shown) + neg)
        elif row.kind == "classifier":
            lines.append(_("классификатор %(t)s: %(l)s", t=row.task, l=row.labels) + neg)
        elif row.kind == "metric":
            lines.append(_("метрика %(m)s", m=row.metric))
        elif row.kind == "order":
            lines.append(_("порядок: %(s)s", s=row.sequence))
        else:
            lines.append(_("YAML: %(k)s", k=row.raw.split(":")[0]))
    if len(lines) > 1:
        lines.insert(0, _("все условия:") if form.combine == "all" else _("любое из условий:"))
    return lines


def overview(version: ChecklistVersion) -> tuple[dict[str, Any], list[tuple[dict[str, Any], list[ItemView]]], list]:
    """Header data, sections with item views, and the problems not tied to an item."""
    data = draft_data(version)
    errors = check_yaml(version.yaml_text, f"{version.checklist.key}.yaml")
    by_item: dict[str, list[dict[str, Any]]] = {}
    general = []
    for error in errors:
        if error.get("item") and not str(error["item"]).startswith("#"):
            by_item.setdefault(str(error["item"]), []).append(error)
        else:
            general.append(error)
    sections = []
    for section in _sections(data):
        views = []
        for item in section.get("items") or []:
            if not isinstance(item, dict):
                continue
            item_id = str(item.get("id", ""))
            views.append(
                ItemView(
                    item_id,
                    str(item.get("title", "")),
                    str(item.get("skill", "")),
                    item.get("weight", 1),
                    item.get("critical") is True,
                    _na_text(item.get("applies_when")),
                    describe_detect(item.get("detect")),
                    by_item.get(item_id, []),
                )
            )
        sections.append((section, views))
    return data, sections, general


def find_item(data: dict[str, Any], item_id: str) -> tuple[dict[str, Any], int, dict[str, Any]] | None:
    """The section, position and mapping of an item."""
    for section in _sections(data):
        for index, item in enumerate(section.get("items") or []):
            if isinstance(item, dict) and item.get("id") == item_id:
                return section, index, item
    return None


def _section(data: dict[str, Any], section_id: str) -> dict[str, Any]:
    for section in _sections(data):
        if section.get("id") == section_id:
            return section
    raise DomainError(_("Раздела «%(s)s» нет в черновике.", s=section_id), "section")


def save_item(version: ChecklistVersion, old_id: str | None, item: ItemData, combined: bool) -> None:
    """Replace (or add) an item; refused with per-field messages when the engine would not load it."""
    _require_draft(version)
    data = copy.deepcopy(draft_data(version))
    target = _section(data, item.section)
    if old_id is not None:
        found = find_item(data, old_id)
        if found is None:
            raise DomainError(_("Пункта «%(i)s» уже нет в черновике.", i=old_id))
        section, index, _old = found
        if section is target:
            section["items"][index] = item.as_spec()
        else:
            del section["items"][index]
            target.setdefault("items", []).append(item.as_spec())
    else:
        if find_item(data, item.id) is not None:
            raise ItemRefused({"id": [_("Пункт с таким id уже есть.")]})
        target.setdefault("items", []).append(item.as_spec())
    text = render(version.yaml_text, data)
    problems: dict[str, list[str]] = {}
    for error in check_yaml(text):
        if error.get("item") in (item.id, old_id):
            key = form_field_for(error.get("field"), combined) or "detectors"
            problems.setdefault(key, []).append(f"{error.get('field') or ''}: {error['message']}".lstrip(": "))
    if problems:
        raise ItemRefused(problems)
    save_data(version, data)


def item_data(section: dict[str, Any], item: dict[str, Any]) -> tuple[ItemData, DetectForm]:
    """The form's view of a stored item."""
    return (
        ItemData(
            str(item.get("id", "")),
            str(item.get("title", "")),
            str(item.get("description", "") or ""),
            float(item.get("weight", 1) or 1),
            item.get("critical") is True,
            str(item.get("skill", "")),
            str(section.get("id", "")),
            item.get("applies_when"),
            item.get("detect"),
        ),
        form_from_detect(item.get("detect")),
    )


def delete_item(version: ChecklistVersion, item_id: str) -> None:
    """Remove an item (a section keeps at least one)."""
    _require_draft(version)
    data = copy.deepcopy(draft_data(version))
    found = find_item(data, item_id)
    if found is None:
        raise DomainError(_("Пункта «%(i)s» уже нет в черновике.", i=item_id))
    section, index, _item = found
    if len(section["items"]) == 1:
        raise DomainError(_("Это последний пункт раздела: удалите раздел целиком или добавьте другой пункт."))
    del section["items"][index]
    save_data(version, data)


def move_item(version: ChecklistVersion, item_id: str, delta: int) -> None:
    """Move an item up (-1) or down (+1) inside its section."""
    _require_draft(version)
    data = copy.deepcopy(draft_data(version))
    found = find_item(data, item_id)
    if found is None:
        raise DomainError(_("Пункта «%(i)s» уже нет в черновике.", i=item_id))
    section, index, _item = found
    items = section["items"]
    other = index + delta
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        save_data(version, data)


def add_section(version: ChecklistVersion, section_id: str, title: str) -> None:
    """Append a section with a placeholder item to edit (a section cannot be empty)."""
    _require_draft(version)
    data = copy.deepcopy(draft_data(version))
    sections = _sections(data)
    section_id, title = section_id.strip(), title.strip()
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", section_id):
        raise DomainError(_("id раздела: латиница в нижнем регистре, цифры и «_», начинается с буквы."), "section_id")
    if any(s.get("id") == section_id for s in sections):
        raise DomainError(_("Раздел с таким id уже есть."), "section_id")
    placeholder = f"{section_id}_item"[:64]
    while find_item(data, placeholder) is not None:
        placeholder = f"{placeholder[:60]}_x"
    sections.append(
        {
            "id": section_id,
            "title": title,
            "items": [
                {
                    "id": placeholder,
                    "title": _("Новый пункт"),
                    "weight": 1,
                    "skill": "opening",
                    "detect": {"phrases": {"speaker": "manager", "any": [_("замените эту фразу")]}},
                }
            ],
        }
    )
    save_data(version, data)


def update_section(version: ChecklistVersion, section_id: str, title: str) -> None:
    """Rename a section."""
    _require_draft(version)
    data = copy.deepcopy(draft_data(version))
    if not title.strip():
        raise DomainError(_("Название раздела не может быть пустым."), "title")
    _section(data, section_id)["title"] = title.strip()
    save_data(version, data)


def move_section(version: ChecklistVersion, section_id: str, delta: int) -> None:
    """Move a section up (-1) or down (+1)."""
    _require_draft(version)
    data = copy.deepcopy(draft_data(version))
    sections = _sections(data)
    index = sections.index(_section(data, section_id))
    other = index + delta
    if 0 <= other < len(sections):
        sections[index], sections[other] = sections[other], sections[index]
        save_data(version, data)


def delete_section(version: ChecklistVersion, section_id: str) -> None:
    """Remove a section with its items (a checklist keeps at least one section)."""
    _require_draft(version)
    data = copy.deepcopy(draft_data(version))
    sections = _sections(data)
    if len(sections) == 1:
        raise DomainError(_("Это единственный раздел чек-листа: его нельзя удалить."))
    sections.remove(_section(data, section_id))
    save_data(version, data)


def update_header(version: ChecklistVersion, title: str, description: str) -> None:
    """Change the checklist's title and description."""
    _require_draft(version)
    if not title.strip():
        raise DomainError(_("Название чек-листа не может быть пустым."), "title")
    data = copy.deepcopy(draft_data(version))
    data["title"] = title.strip()
    if description.strip():
        data["description"] = description.strip()
    else:
        data.pop("description", None)
    save_data(version, data)
