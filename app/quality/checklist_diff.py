"""Differences between two checklist versions: item by item (added, removed, changed fields) and as YAML lines.

Pure functions over YAML text; the versions page renders the result.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import yaml

from app.quality.checklist_doc import DocError, load_data


@dataclass(slots=True)
class FieldChange:
    """One field that differs; for lists of phrases also what was added and removed."""

    field: str
    old: Any
    new: Any
    added: list[Any] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)

    @property
    def old_text(self) -> str:
        """The old value as one line of YAML (empty when the field did not exist)."""
        return inline(self.old)

    @property
    def new_text(self) -> str:
        """The new value as one line of YAML."""
        return inline(self.new)


@dataclass(slots=True)
class ItemDiff:
    """What happened to one item between the versions."""

    item_id: str
    title: str
    status: str  # added | removed | changed | moved
    section_old: str | None = None
    section_new: str | None = None
    changes: list[FieldChange] = field(default_factory=list)


@dataclass(slots=True)
class VersionDiff:
    """Item-level changes, changes outside the items, and the unified YAML diff."""

    items: list[ItemDiff]
    header: list[FieldChange]
    unified: list[tuple[str, str]]  # (kind: add | del | hunk | ctx | file, line)

    @property
    def empty(self) -> bool:
        """Nothing changed at all."""
        return not self.items and not self.header and not self.unified


_MISSING = object()


def inline(value: Any) -> str:
    """A value as a single line of flow YAML (``—`` when absent)."""
    if value is _MISSING or value is None:
        return "—"
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000, sort_keys=False)
    return text.strip().removesuffix("...").strip()


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted paths to leaves; lists of plain values (phrases, labels) count as one leaf."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, child in value.items():
            out.update(flatten(child, f"{prefix}.{key}" if prefix else str(key)))
        return out or {prefix: {}}
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        out = {}
        for i, child in enumerate(value):
            out.update(flatten(child, f"{prefix}[{i}]"))
        return out
    return {prefix: value}


def field_changes(old: Any, new: Any, prefix: str = "") -> list[FieldChange]:
    """Leaves that differ between two values, in a stable order."""
    a, b = flatten(old, prefix), flatten(new, prefix)
    changes = []
    for key in list(dict.fromkeys([*a, *b])):
        va, vb = a.get(key, _MISSING), b.get(key, _MISSING)
        if va == vb:
            continue
        change = FieldChange(key, va, vb)
        if isinstance(va, list) or isinstance(vb, list):
            la = va if isinstance(va, list) else []
            lb = vb if isinstance(vb, list) else []
            change.added = [v for v in lb if v not in la]
            change.removed = [v for v in la if v not in lb]
        changes.append(change)
    return changes


def _items(data: dict[str, Any]) -> dict[str, tuple[int, str, dict[str, Any]]]:
    found: dict[str, tuple[int, str, dict[str, Any]]] = {}
    position = 0
    for section in data.get("sections") or []:
        if not isinstance(section, dict):
            continue
        title = str(section.get("title") or section.get("id") or "")
        for item in section.get("items") or []:
            if isinstance(item, dict) and item.get("id") is not None:
                found[str(item["id"])] = (position, title, item)
                position += 1
    return found


def _header(data: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in data.items() if k not in ("sections", "version")}
    out["sections"] = [
        {k: v for k, v in s.items() if k != "items"} for s in data.get("sections") or [] if isinstance(s, dict)
    ]
    return out


def diff_texts(old_text: str, new_text: str, old_label: str = "old", new_label: str = "new") -> VersionDiff:
    """Compare two checklist texts item by item and line by line."""
    unified = _unified(old_text, new_text, old_label, new_label)
    try:
        old, new = load_data(old_text), load_data(new_text)
    except DocError:
        return VersionDiff([], [], unified)
    a, b = _items(old), _items(new)
    items: list[ItemDiff] = []
    order = sorted(set(a) | set(b), key=lambda k: (b.get(k, a.get(k))[0], k))  # type: ignore[index]
    for item_id in order:
        before, after = a.get(item_id), b.get(item_id)
        if before is None and after is not None:
            items.append(ItemDiff(item_id, str(after[2].get("title", "")), "added", None, after[1]))
        elif after is None and before is not None:
            items.append(ItemDiff(item_id, str(before[2].get("title", "")), "removed", before[1], None))
        elif before is not None and after is not None:
            changes = field_changes(before[2], after[2])
            if changes:
                status = "changed"
            elif before[1] != after[1]:
                status = "moved"
            else:
                continue
            items.append(ItemDiff(item_id, str(after[2].get("title", "")), status, before[1], after[1], changes))
    return VersionDiff(items, field_changes(_header(old), _header(new)), unified)


def _unified(old_text: str, new_text: str, old_label: str, new_label: str) -> list[tuple[str, str]]:
    lines = difflib.unified_diff(
        old_text.splitlines(), new_text.splitlines(), fromfile=old_label, tofile=new_label, lineterm="", n=3
    )
    out = []
    for line in lines:
        if line.startswith(("---", "+++")):
            kind = "file"
        elif line.startswith("@@"):
            kind = "hunk"
        elif line.startswith("+"):
            kind = "add"
        elif line.startswith("-"):
            kind = "del"
        else:
            kind = "ctx"
        out.append((kind, line))
    return out
