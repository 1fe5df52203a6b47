"""Checklist YAML as a document: read it as data, change the data, write it back keeping what did not change.

The editor's forms change plain data (dicts and lists); ``render`` turns the new data into YAML text that reuses
the original text of every unchanged top-level key, section and item (comments, flow style and line breaks
kept), so that the unified diff between versions shows only what the trainer changed. The result is always
checked by parsing it back; when the original layout cannot be reused the whole document is written anew.
Pure functions: no Flask, no database.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

ITEM_KEYS = ("id", "title", "description", "weight", "critical", "skill", "applies_when", "detect")


class DocError(ValueError):
    """The text is not YAML, or not a mapping; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def load_data(text: str) -> dict[str, Any]:
    """Parse checklist YAML into plain data; raise ``DocError`` with the line of a syntax error."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DocError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", line) from exc
    if not isinstance(data, dict):
        raise DocError("a checklist must be a mapping with id, title and sections", 1)
    return data


def dump_yaml(value: Any) -> str:
    """YAML in the house style: Unicode as is, keys in their order, short lists and mappings inline."""
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=None, width=110)


def dump_block(value: Any) -> str:
    """Like ``dump_yaml`` but a mapping at the top is always written in block style (one key per line)."""
    if not isinstance(value, dict) or not value:
        return dump_yaml(value)
    return "".join(_key_block(key, item) for key, item in value.items())


def _key_block(key: Any, value: Any) -> str:
    if not isinstance(value, (dict, list)) or not value:
        return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=110)
    dumped = dump_yaml(value).rstrip("\n").split("\n")
    name = yaml.safe_dump(key, allow_unicode=True).split("\n")[0]
    if dumped[0][:1] in "[{":
        return f"{name}: {dumped[0]}\n" + "".join(f"  {line}\n" for line in dumped[1:])
    return f"{name}:\n" + "".join(f"  {line}\n" if line else "\n" for line in dumped)


def render(old_text: str, new_data: dict[str, Any]) -> str:
    """YAML for ``new_data`` that keeps ``old_text`` verbatim wherever the data did not change."""
    try:
        text = _render_preserving(old_text, new_data)
    except (yaml.YAMLError, ValueError, IndexError, KeyError, TypeError):
        text = None
    if text is not None:
        try:
            if yaml.safe_load(text) == new_data:
                return text
        except yaml.YAMLError:
            pass
    return _leading_comments(old_text) + dump_block(new_data)


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#") or (lines and not line.strip()):
            lines.append(line)
            continue
        break
    return "".join(lines)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _strip_blank_tail(block: str) -> tuple[str, str]:
    """Split a block into its content (ending with one newline) and the blank lines after it."""
    body = block.rstrip()
    tail = block[len(body) :]
    return body + "\n", "\n" * max(0, tail.count("\n") - 1)


def _value_of(mapping: MappingNode, key: str) -> Node | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return value_node
    return None


def _dash_column(text: str, node: Node) -> int:
    """Column of the ``-`` that introduces a block sequence entry."""
    start = _line_start(text, node.start_mark.index)
    prefix = text[start : node.start_mark.index]
    if prefix.strip() != "-":
        raise ValueError("sequence entry not in block style")
    return len(prefix) - len(prefix.lstrip())


def _as_entry(value: Any, dash: int) -> str:
    """A sequence entry ``- …`` at column ``dash`` holding ``value`` in block style."""
    lines = dump_block(value).rstrip("\n").split("\n")
    pad = " " * (dash + 2)
    return " " * dash + "- " + lines[0] + "\n" + "".join(pad + line + "\n" if line else "\n" for line in lines[1:])


def _entries(text: str, seq: SequenceNode, end: int) -> list[tuple[Node, str]]:
    """Each block sequence entry with its text, from its dash line to the next entry (or ``end``)."""
    starts = [_line_start(text, child.start_mark.index) for child in seq.value]
    return [
        (child, text[s : (starts[i + 1] if i + 1 < len(starts) else end)])
        for i, (child, s) in enumerate(zip(seq.value, starts, strict=True))
    ]


def _render_preserving(old_text: str, new_data: dict[str, Any]) -> str | None:
    if not old_text.endswith("\n"):
        old_text += "\n"
    root = yaml.compose(old_text)
    old_data = yaml.safe_load(old_text)
    if not isinstance(root, MappingNode) or root.flow_style or not isinstance(old_data, dict):
        return None
    keys = [k for k, _ in root.value]
    starts = [_line_start(old_text, k.start_mark.index) for k in keys]
    blocks: dict[str, tuple[str, Node, int, int]] = {}
    for i, (key_node, value_node) in enumerate(root.value):
        end = starts[i + 1] if i + 1 < len(starts) else len(old_text)
        blocks[str(key_node.value)] = (old_text[starts[i] : end], value_node, starts[i], end)
    out = [old_text[: starts[0]] if starts else ""]
    for key, value in new_data.items():
        old = blocks.get(key)
        if old is not None and key in old_data and old_data[key] == value:
            out.append(old[0])
        elif key == "sections" and old is not None and isinstance(old[1], SequenceNode):
            out.append(_render_sections(old_text, old, old_data.get("sections") or [], value))
        else:
            _body, gap = _strip_blank_tail(old[0]) if old is not None else ("", "")
            out.append(_key_block(key, value) + gap)
    return "".join(out)


def _render_sections(text: str, block: tuple[str, Node, int, int], old: list[Any], new: Any) -> str:
    _block_text, seq, start, end = block
    if not isinstance(seq, SequenceNode) or seq.flow_style or not seq.value or not isinstance(new, list):
        raise ValueError("sections not in block style")
    entries = _entries(text, seq, end)
    head = text[start : _line_start(text, seq.value[0].start_mark.index)]
    dash = _dash_column(text, seq.value[0])
    old_items = _old_items(text, entries, old)
    by_id = {
        s.get("id"): (node, chunk, s) for (node, chunk), s in zip(entries, old, strict=True) if isinstance(s, dict)
    }
    pieces: list[str] = []
    separator = _strip_blank_tail(entries[0][1])[1] if len(entries) > 1 else ""
    trailing = _strip_blank_tail(entries[-1][1])[1]
    for section in new:
        match = by_id.get(section.get("id")) if isinstance(section, dict) else None
        if match is not None and match[2] == section:
            pieces.append(_strip_blank_tail(match[1])[0])
        elif match is not None and isinstance(match[0], MappingNode):
            pieces.append(_render_section(text, match, section, old_items, dash))
        else:
            pieces.append(_as_entry(section, dash))
    return head + separator.join(pieces) + trailing


def _old_items(
    text: str, sections: list[tuple[Node, str]], old: list[Any]
) -> dict[str, tuple[str, dict[str, Any], int]]:
    """Every old item's entry text, data and dash column, by item id."""
    found: dict[str, tuple[str, dict[str, Any], int]] = {}
    for (node, chunk), data in zip(sections, old, strict=True):
        if not isinstance(node, MappingNode) or not isinstance(data, dict):
            continue
        seq = _value_of(node, "items")
        if not isinstance(seq, SequenceNode) or seq.flow_style or not seq.value:
            continue
        end = _line_start(text, node.start_mark.index) + len(chunk)
        for (item_node, item_chunk), item in zip(_entries(text, seq, end), data.get("items") or [], strict=True):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found[item["id"]] = (_strip_blank_tail(item_chunk)[0], item, _dash_column(text, item_node))
    return found


def _render_section(
    text: str,
    match: tuple[Node, str, dict[str, Any]],
    section: dict[str, Any],
    old_items: dict[str, tuple[str, dict[str, Any], int]],
    dash: int,
) -> str:
    node, chunk, old = match
    seq = _value_of(node, "items")  # type: ignore[arg-type]
    keys = list(section)
    same_head = {k: v for k, v in old.items() if k != "items"} == {k: v for k, v in section.items() if k != "items"}
    if (
        not isinstance(seq, SequenceNode)
        or seq.flow_style
        or not seq.value
        or not same_head
        or not keys
        or keys[-1] != "items"
        or list(old)[-1] != "items"
    ):
        return _as_entry(section, dash)
    head = text[_line_start(text, node.start_mark.index) : _line_start(text, seq.value[0].start_mark.index)]
    item_dash = _dash_column(text, seq.value[0])
    parts = []
    for item in section.get("items") or []:
        reuse = old_items.get(item.get("id")) if isinstance(item, dict) else None
        if reuse is not None and reuse[1] == item and reuse[2] == item_dash:
            parts.append(reuse[0])
        else:
            parts.append(_as_entry(item, item_dash))
    return head + "".join(parts)


def _path_parts(path: str) -> list[str | int]:
    """``detect.any[2].phrases`` -> ``["detect", "any", 2, "phrases"]``."""
    parts: list[str | int] = []
    for piece in path.split("."):
        name, _, rest = piece.partition("[")
        if name:
            parts.append(name)
        for index in rest.split("["):
            index = index.rstrip("]")
            if index.isdigit():
                parts.append(int(index))
    return parts


def _walk(node: Node, parts: list[str | int]) -> Node:
    """The deepest node along ``parts`` (stops where the path leaves the tree)."""
    for part in parts:
        if isinstance(part, int) and isinstance(node, SequenceNode) and part < len(node.value):
            node = node.value[part]
        elif isinstance(part, str) and isinstance(node, MappingNode):
            found = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == part), None)
            if found is None:
                return node
            node = found[1]
        else:
            return node
    return node


def _find_item(root: Node, item_id: str) -> Node | None:
    sections = _value_of(root, "sections") if isinstance(root, MappingNode) else None
    if not isinstance(sections, SequenceNode):
        return None
    for section in sections.value:
        items = _value_of(section, "items") if isinstance(section, MappingNode) else None
        for item in items.value if isinstance(items, SequenceNode) else []:
            if isinstance(item, MappingNode):
                found = _value_of(item, "id")
                if isinstance(found, ScalarNode) and found.value == item_id:
                    return item
    return None


def locate(text: str, item: str | None, field: str | None) -> int | None:
    """1-based line of an error given by item id and dotted field (best effort; None when unknown)."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return mark.line + 1 if mark is not None else None
    if root is None:
        return None
    start: Node | None = root
    if item:
        start = _find_item(root, item) if not item.startswith("#") else None
        if start is None and item.startswith("#"):
            start, field = root, item[1:]
    if start is None:
        return None
    node = _walk(start, _path_parts(field)) if field else start
    return node.start_mark.line + 1
