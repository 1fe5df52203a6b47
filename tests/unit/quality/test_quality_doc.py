"""Checklist text kept verbatim where unchanged; diffs item by item; form rows round-trip every shipped item."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from app.quality.checklist_diff import diff_texts, field_changes
from app.quality.checklist_doc import DocError, load_data, locate, render
from app.quality.item_spec import Row, RowError, detect_from_form, form_field_for, form_from_detect, node_from_row

SHIPPED = [  # the checklists among the shipped YAML files (the objection library lives there too)
    p
    for p in sorted((Path(__file__).resolve().parents[3] / "checklists").glob("*.yaml"))
    if "sections" in (yaml.safe_load(p.read_text(encoding="utf-8")) or {})
]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_render_keeps_the_text_when_nothing_changed(path):
    text = path.read_text(encoding="utf-8")
    assert render(text, yaml.safe_load(text)) == text


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_one_edited_item_changes_only_its_own_lines(path):
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    changed = copy.deepcopy(data)
    item = changed["sections"][-1]["items"][0]
    item["title"] = "Новое название"
    out = render(text, changed)
    assert yaml.safe_load(out) == changed
    diff = diff_texts(text, out)
    removed = [line for kind, line in diff.unified if kind == "del"]
    added = [line for kind, line in diff.unified if kind == "add"]
    assert any("Новое название" in line for line in added)
    # only the edited item's block is rewritten: the number of changed lines stays below its size
    assert len(removed) <= len(yaml.safe_dump(item, allow_unicode=True).splitlines()) + 2
    assert [i.item_id for i in diff.items] == [item["id"]] and diff.items[0].status == "changed"


def test_reorder_add_and_remove_items_and_sections():
    text = SHIPPED[0].read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    new = copy.deepcopy(data)
    new["sections"].reverse()
    moved = new["sections"][0]["items"].pop()
    new["sections"][1]["items"].append(moved)
    new["sections"].append(
        {
            "id": "extra",
            "title": "Ещё",
            "items": [
                {"id": "x1", "title": "Икс", "weight": 1, "skill": "closing", "detect": {"phrases": {"any": ["а"]}}}
            ],
        }
    )
    out = render(text, new)
    assert yaml.safe_load(out) == new
    diff = diff_texts(text, out)
    statuses = {i.item_id: i.status for i in diff.items}
    assert statuses["x1"] == "added" and statuses[moved["id"]] == "moved"


def test_flow_style_documents_fall_back_to_a_full_dump():
    text = (
        "{id: a, title: T, sections: [{id: s, title: S, items: [{id: i, title: I, skill: closing, detect: {x: 1}}]}]}"
    )
    data = yaml.safe_load(text)
    data["title"] = "T2"
    assert yaml.safe_load(render(text, data)) == data


def test_load_data_and_locate_errors():
    with pytest.raises(DocError) as error:
        load_data("id: [a\n")
    assert error.value.line is not None
    with pytest.raises(DocError):
        load_data("- just a list\n")
    text = SHIPPED[0].read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    item = data["sections"][0]["items"][0]
    line = locate(text, item["id"], "detect")
    assert line is not None and text.splitlines()[line - 1].strip().startswith(
        ("detect", "all", "phrases", "classifier", "any", "metric")
    )


def test_field_changes_lists_added_and_removed_phrases():
    old = {"detect": {"phrases": {"any": ["а", "б"], "speaker": "manager"}}, "weight": 2}
    new = {"detect": {"phrases": {"any": ["а", "в"], "speaker": "manager"}}, "weight": 3}
    changes = {c.field: c for c in field_changes(old, new)}
    assert set(changes) == {"detect.phrases.any", "weight"}
    assert changes["detect.phrases.any"].added == ["в"] and changes["detect.phrases.any"].removed == ["б"]
    assert changes["weight"].old_text == "2" and changes["weight"].new_text == "3"


def test_every_shipped_detect_spec_survives_the_form_round_trip():
    for path in SHIPPED:
        for section in yaml.safe_load(path.read_text(encoding="utf-8"))["sections"]:
            for item in section["items"]:
                assert detect_from_form(form_from_detect(item["detect"])) == item["detect"], item["id"]


def test_rows_become_specs_and_errors_map_back_to_fields():
    row = Row(kind="phrases", phrases="добрый день\nздравствуйте", speaker="manager", within_turns=2, must_not=True)
    assert node_from_row(row) == {
        "phrases": {
            "speaker": "manager",
            "within": {"turns": 2},
            "any": ["добрый день", "здравствуйте"],
            "must_not": True,
        }
    }
    classifier = Row(kind="classifier", task="objection", labels="none", exclude=True, min_prob=0.8, extra="part: dm")
    assert node_from_row(classifier) == {
        "classifier": {"task": "objection", "exclude": "none", "min_prob": 0.8, "part": "dm"}
    }
    with pytest.raises(RowError) as error:
        node_from_row(Row(kind="phrases", phrases="  "))
    assert error.value.field == "phrases"
    with pytest.raises(RowError) as error:
        node_from_row(Row(kind="classifier", task="spin", labels="problem", extra="near: [a"))
    assert error.value.field == "extra"
    assert form_field_for("detect.phrases.any[2]", False) == "detectors-0-phrases"
    assert form_field_for("detect.any[1].classifier.label[0]", True) == "detectors-1-labels"
    assert form_field_for("detect.all[0].phrases.within.turns", True) == "detectors-0-within_turns"
    assert form_field_for("detect.all[1].regex.pattern", True) == "detectors-1-raw"
    assert form_field_for("weight", False) == "weight"
    assert form_field_for("applies_when.dm_reached", False) == "na_custom"
