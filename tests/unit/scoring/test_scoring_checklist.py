"""Checklist schema: validation errors name file, item and field; the default checklists load."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scoring.checklist import SKILLS, ChecklistError, load_checklist, parse_checklist

ROOT = Path(__file__).resolve().parents[3]
COLD_CALL_IDS = [
    "gk_intro",
    "gk_asks_for_dm",
    "gk_no_pitch",
    "gk_outcome",
    "open_intro",
    "open_reason",
    "spin_situation",
    "spin_problem",
    "spin_implication",
    "spin_need_payoff",
    "spin_order",
    "value_benefit",
    "value_competitor_respect",
    "obj_acknowledge",
    "obj_clarify",
    "close_next_step",
    "close_farewell",
    "talk_share",
    "questions_count",
    "monologue",
]

MINIMAL = """
id: mini
title: Мини
sections:
  - id: s1
    title: Раздел
    items:
      - id: hello
        title: Поздоровался
        weight: 2
        skill: opening
        detect:
          phrases: {speaker: manager, any: [добрый день]}
"""


def refuse(text: str) -> ChecklistError:
    with pytest.raises(ChecklistError) as info:
        parse_checklist(text, source="mine.yaml")
    return info.value


def test_minimal_checklist_round_trips():
    checklist = parse_checklist(MINIMAL, source="mini.yaml")
    assert (checklist.id, checklist.version, [i.id for i in checklist.items]) == ("mini", 1, ["hello"])
    again = parse_checklist(checklist.to_dict())
    assert again.to_dict() == checklist.to_dict()


def test_unknown_detector_is_refused_with_file_item_and_field():
    error = refuse(MINIMAL.replace("phrases:", "telepathy:"))
    assert error.errors == [
        {
            "file": "mine.yaml",
            "item": "hello",
            "field": "detect.telepathy",
            "message": error.errors[0]["message"],
        }
    ]
    assert "unknown detector 'telepathy'" in str(error)
    assert "mine.yaml" in str(error) and "'hello'" in str(error) and "detect.telepathy" in str(error)


def test_missing_id_is_refused():
    error = refuse(MINIMAL.replace("      - id: hello\n        title:", "      - title:"))
    assert any(e["field"] == "id" and e["message"] == "is required" for e in error.errors)
    assert "field 'id'" in str(error)


def test_non_numeric_weight_is_refused():
    error = refuse(MINIMAL.replace("weight: 2", 'weight: "abc"'))
    assert error.errors[0]["item"] == "hello" and error.errors[0]["field"] == "weight"
    assert "mine.yaml, item 'hello', field 'weight': must be a positive number, got 'abc'" in str(error)


def test_every_problem_is_reported_at_once():
    text = (
        MINIMAL.replace("weight: 2", "weight: -1")
        .replace("skill: opening", "skill: juggling")
        .replace("speaker: manager", "speaker: robot")
    )
    fields = {e["field"] for e in refuse(text).errors}
    assert {"weight", "skill", "detect.phrases.speaker"} <= fields


@pytest.mark.parametrize(
    ("replacement", "field"),
    [
        ("phrases: {speaker: manager, any: [добрый день], unit: word}", "detect.phrases.unit"),
        ('phrases: {speaker: manager, any: ["@weekday"]}', "detect.phrases.any[0]"),
        ("phrases: {speaker: manager, any: [$nothing]}", "detect.phrases.any[0]"),
        ("classifier: {task: mood, label: happy}", "detect.classifier.task"),
        ("classifier: {task: spin, label: curious}", "detect.classifier.label[0]"),
        ("metric: {name: talk_share, max: high}", "detect.metric.max"),
        ("regex: {any: ['(unclosed']}", "detect.regex.any[0]"),
        ("order: {sequence: [hello, ghost]}", "detect"),
        ("all: []", "detect.all"),
    ],
)
def test_detector_spec_errors_name_the_field(replacement, field):
    text = MINIMAL.replace("phrases: {speaker: manager, any: [добрый день]}", replacement)
    assert field in {e["field"] for e in refuse(text).errors}


def test_applies_when_errors_name_the_field():
    text = MINIMAL.replace("        detect:", "        applies_when: {moon_phase: full}\n        detect:")
    error = refuse(text)
    assert error.errors[0]["field"] == "applies_when.moon_phase"


def test_circular_references_are_refused():
    text = MINIMAL.replace(
        "phrases: {speaker: manager, any: [добрый день]}", "order: {sequence: [hello, hello]}"
    )
    assert any("circular" in e["message"] for e in refuse(text).errors)


def test_duplicate_ids_and_yaml_syntax_errors():
    items = MINIMAL.split("    items:\n")[1]
    assert any(e["message"] == "duplicate item id" for e in refuse(MINIMAL + items).errors)
    error = refuse("id: x\ntitle: [unclosed")
    assert error.errors[0]["field"] == "yaml" and "line" in error.errors[0]["message"]


def test_missing_file_is_a_checklist_error(tmp_path: Path):
    with pytest.raises(ChecklistError, match="cannot read"):
        load_checklist(tmp_path / "absent.yaml")


def test_cold_call_checklist_has_exactly_the_required_items():
    checklist = load_checklist(ROOT / "checklists" / "cold_call.yaml")
    assert [i.id for i in checklist.items] == COLD_CALL_IDS
    assert checklist.item("value_competitor_respect").critical
    assert all(i.skill in SKILLS and i.weight > 0 and i.title for i in checklist.items)


def _shipped_checklists() -> list[Path]:
    """YAML files in checklists/ that are checklists (the objection library lives there too)."""
    paths = sorted((ROOT / "checklists").glob("*.yaml"))
    return [p for p in paths if "sections" in (yaml.safe_load(p.read_text(encoding="utf-8")) or {})]


@pytest.mark.parametrize("path", _shipped_checklists(), ids=lambda p: p.name)
def test_every_shipped_checklist_is_valid(path: Path):
    checklist = load_checklist(path)
    assert checklist.items
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["id"] == checklist.id


def _phrases(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _phrases(value)
    elif isinstance(node, list):
        for value in node:
            yield from _phrases(value)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("path", _shipped_checklists(), ids=lambda p: p.name)
def test_no_phrase_uses_a_bare_negation_as_an_alternative(path: Path):
    """'будет|не будет' reads as two positions ('будет|не' then 'будет'); write two phrases instead."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    bad = [p for p in _phrases(data) for token in p.split() if "|" in token and "не" in token.split("|")]
    assert bad == []
