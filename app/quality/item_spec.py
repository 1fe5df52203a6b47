"""An item's ``detect`` spec as form rows and back; engine errors mapped onto those rows. Pure functions.

A spec is shown as detectors combined with ``all`` / ``any``. Phrases, classifier, metric and order
detectors get their own fields; options without a field stay in the row's "extra options" YAML, and any
other node (regex, response, call, nested combinators, ``not``) is edited as YAML in a row of its own,
so every checklist the engine accepts can be edited without losing anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from app.quality.checklist_doc import dump_block

KINDS = ("phrases", "classifier", "metric", "order", "yaml")
WINDOW_FIELDS = {
    "within_seconds": ("within", "seconds"),
    "within_turns": ("within", "turns"),
    "from_end_seconds": ("from_end", "seconds"),
    "from_end_turns": ("from_end", "turns"),
}
_FIELDS_BY_KEY = {
    "phrases": {
        "any": "phrases",
        "speaker": "speaker",
        "part": "part",
        "must_not": "must_not",
        "min_count": "min_count",
    },
    "classifier": {
        "task": "task",
        "label": "labels",
        "exclude": "labels",
        "min_prob": "min_prob",
        "min_count": "min_count",
        "must_not": "must_not",
        "speaker": "speaker",
        "part": "part",
    },
    "metric": {"name": "metric", "part": "part", "speaker": "speaker", "min": "minimum", "max": "maximum"},
    "order": {"sequence": "sequence", "min_present": "min_present"},
}
_PHRASE_KEYS = {"any", "speaker", "part", "within", "from_end", "must_not", "min_count"}
_CLASSIFIER_KEYS = {
    "task",
    "label",
    "exclude",
    "min_prob",
    "min_count",
    "must_not",
    "speaker",
    "part",
    "within",
    "from_end",
}
_METRIC_KEYS = {"name", "part", "speaker", "min", "max"}


class RowError(ValueError):
    """A row cannot become a spec; ``field`` names the row's field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass(slots=True)
class Row:
    """One detector as flat form values (strings, numbers, flags)."""

    kind: str = "phrases"
    phrases: str = ""
    speaker: str = ""
    part: str = ""
    within_seconds: float | None = None
    within_turns: int | None = None
    from_end_seconds: float | None = None
    from_end_turns: int | None = None
    must_not: bool = False
    min_count: int | None = None
    task: str = ""
    labels: str = ""
    exclude: bool = False
    min_prob: float | None = None
    metric: str = ""
    minimum: float | None = None
    maximum: float | None = None
    sequence: str = ""
    min_present: int | None = None
    extra: str = ""
    raw: str = ""

    def as_dict(self) -> dict[str, Any]:
        """Form data."""
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]


@dataclass(slots=True)
class DetectForm:
    """All rows of an item plus how they combine."""

    combine: str = "all"
    rows: list[Row] = field(default_factory=list)


def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _windows(spec: dict[str, Any], row: Row) -> bool:
    for key in ("within", "from_end"):
        window = spec.get(key)
        if window is None:
            continue
        if not isinstance(window, dict) or set(window) - {"seconds", "turns"}:
            return False
        setattr(row, f"{key}_seconds", window.get("seconds"))
        setattr(row, f"{key}_turns", window.get("turns"))
    return True


def _extra(spec: dict[str, Any], known: set[str]) -> str:
    rest = {k: v for k, v in spec.items() if k not in known}
    return dump_block(rest) if rest else ""


def row_from_node(node: Any) -> Row:
    """The row for one detector node (a YAML row when it has no form of its own)."""
    fallback = Row(kind="yaml", raw=dump_block(node) if node is not None else "")
    if not isinstance(node, dict) or len(node) != 1:
        return fallback
    ((name, spec),) = node.items()
    if not isinstance(spec, dict):
        return fallback
    row = Row(kind=str(name))
    if name == "phrases":
        phrases = spec.get("any")
        phrases = [phrases] if isinstance(phrases, str) else phrases
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases) or not _windows(spec, row):
            return fallback
        row.phrases = "\n".join(phrases)
        row.extra = _extra(spec, _PHRASE_KEYS)
    elif name == "classifier":
        key = "exclude" if "exclude" in spec and "label" not in spec else "label"
        labels = spec.get(key)
        labels = [labels] if isinstance(labels, str) else labels
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels) or not _windows(spec, row):
            return fallback
        row.task, row.labels, row.exclude = str(spec.get("task", "")), ", ".join(labels), key == "exclude"
        row.min_prob = spec.get("min_prob")
        row.extra = _extra(spec, _CLASSIFIER_KEYS)
    elif name == "metric":
        if set(spec) - _METRIC_KEYS:
            return fallback
        row.metric, row.minimum, row.maximum = str(spec.get("name", "")), spec.get("min"), spec.get("max")
    elif name == "order":
        sequence = spec.get("sequence")
        if set(spec) - {"sequence", "min_present"} or not isinstance(sequence, list):
            return fallback
        if not all(isinstance(s, str) for s in sequence):
            return fallback
        row.sequence, row.min_present = ", ".join(sequence), spec.get("min_present")
        return row
    else:
        return fallback
    row.speaker = str(spec.get("speaker", "")) if spec.get("speaker") is not None else ""
    row.part = str(spec.get("part", "")) if spec.get("part") is not None else ""
    row.must_not = spec.get("must_not") is True
    row.min_count = spec.get("min_count")
    for attr in ("min_prob", "min_count", "minimum", "maximum"):
        value = getattr(row, attr)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            return fallback
    if spec.get("must_not") not in (None, True, False):
        return fallback
    return row


def form_from_detect(detect: Any) -> DetectForm:
    """Split a ``detect`` spec into combined rows."""
    if isinstance(detect, dict) and len(detect) == 1:
        ((name, children),) = detect.items()
        if name in ("all", "any") and isinstance(children, list) and children:
            return DetectForm(str(name), [row_from_node(child) for child in children])
    return DetectForm("all", [row_from_node(detect)] if detect is not None else [])


def _split(text: str, separators: str = r"[,\n]") -> list[str]:
    return [part.strip() for part in re.split(separators, text or "") if part.strip()]


def _yaml_mapping(text: str, field_name: str) -> dict[str, Any]:
    if not (text or "").strip():
        return {}
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (строка {mark.line + 1})" if mark is not None else ""
        raise RowError(field_name, f"YAML не читается{where}: {getattr(exc, 'problem', None) or exc}") from exc
    if not isinstance(value, dict):
        raise RowError(field_name, "Ожидается YAML-словарь: ключ: значение на каждой строке.")
    return value


def _scope(row: Row, spec: dict[str, Any]) -> None:
    if row.speaker:
        spec["speaker"] = row.speaker
    if row.part:
        spec["part"] = row.part
    for key in ("within", "from_end"):
        window = {
            unit: _number(getattr(row, f"{key}_{unit}"))
            for unit in ("seconds", "turns")
            if getattr(row, f"{key}_{unit}") is not None
        }
        if window:
            spec[key] = window


def node_from_row(row: Row) -> dict[str, Any]:
    """The detector node a row describes; ``RowError`` names the field that is missing or unreadable."""
    if row.kind == "yaml":
        node = _yaml_mapping(row.raw, "raw")
        if not node:
            raise RowError("raw", "Опишите детектор в YAML, например: regex: {pattern: '...'}")
        return node
    spec: dict[str, Any] = {}
    if row.kind == "phrases":
        phrases = _split(row.phrases, r"\n")
        if not phrases:
            raise RowError("phrases", "Добавьте хотя бы одну фразу (по одной на строку).")
        _scope(row, spec)
        spec["any"] = phrases
    elif row.kind == "classifier":
        labels = _split(row.labels)
        if not labels:
            raise RowError("labels", "Укажите метку классификатора.")
        spec["task"] = row.task
        spec["exclude" if row.exclude else "label"] = labels[0] if len(labels) == 1 else labels
        if row.min_prob is not None:
            spec["min_prob"] = _number(row.min_prob)
        _scope(row, spec)
    elif row.kind == "metric":
        spec["name"] = row.metric
        _scope(row, spec)
        for attr, key in (("minimum", "min"), ("maximum", "max")):
            if getattr(row, attr) is not None:
                spec[key] = _number(getattr(row, attr))
    elif row.kind == "order":
        spec["sequence"] = _split(row.sequence)
        if row.min_present is not None:
            spec["min_present"] = row.min_present
        return {"order": spec}
    else:
        raise RowError("kind", f"Неизвестный вид детектора: {row.kind}")
    if row.kind in ("phrases", "classifier"):
        if row.must_not:
            spec["must_not"] = True
        if row.min_count is not None:
            spec["min_count"] = row.min_count
        for key, value in _yaml_mapping(row.extra, "extra").items():
            spec.setdefault(key, value)
    return {row.kind: spec}


def detect_from_form(form: DetectForm) -> Any:
    """The ``detect`` spec of combined rows (``RowError`` carries ``rows-<i>-<field>``)."""
    if not form.rows:
        raise RowError("detectors", "Добавьте хотя бы один детектор.")
    nodes = []
    for i, row in enumerate(form.rows):
        try:
            nodes.append(node_from_row(row))
        except RowError as error:
            raise RowError(f"detectors-{i}-{error.field}", error.message) from error
    return nodes[0] if len(nodes) == 1 else {form.combine: nodes}


_INDEX = re.compile(r"^detect\.(?:all|any)\[(\d+)\]\.(\w+)(?:\.(.*))?$")
_SINGLE = re.compile(r"^detect\.(\w+)(?:\.(.*))?$")


def form_field_for(error_field: str | None, combined: bool) -> str | None:
    """The form field an engine error path belongs to (``detectors-0-phrases``, ``weight`` …)."""
    if not error_field:
        return None
    head = error_field.split(".")[0].split("[")[0]
    if head in ("id", "title", "description", "weight", "critical", "skill"):
        return head
    if head == "applies_when":
        return "na_custom"
    match = _INDEX.match(error_field) if combined else _SINGLE.match(error_field)
    if match is None:
        return "detectors"
    index, kind, rest = (int(match[1]), match[2], match[3]) if combined else (0, match[1], match[2])
    key = (rest or "").split(".")[0].split("[")[0]
    if kind not in _FIELDS_BY_KEY:
        return f"detectors-{index}-raw"
    if key in ("within", "from_end"):
        unit = (rest or "").split(".")[1] if "." in (rest or "") else "seconds"
        return f"detectors-{index}-{key}_{unit}"
    return f"detectors-{index}-{_FIELDS_BY_KEY[kind].get(key, 'extra')}"
