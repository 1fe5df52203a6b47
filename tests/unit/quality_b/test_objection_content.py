"""Library entry rules and the shipped library file, without an app."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.core.domain import DomainError
from app.quality.objection_models import ObjectionCategory
from app.quality.objections import (
    LIBRARY_FILE,
    SKILLS,
    changed_fields,
    clean_content,
    content_hash,
    parse_library,
)
from scoring.classifiers import TASK_LABELS

ANSWER = {
    "acknowledge": "Понимаю вас.",
    "clarify": "С чем сравниваете?",
    "answer": "Давайте посчитаем полную стоимость.",
    "check": "Встретимся в среду?",
}


def entry(**changes):
    base = {"title": "«Дорого»", "category": "price", "variants": ["Дорого."], "answers": [ANSWER], "tags": []}
    return {**base, **changes}


def test_content_is_normalized_duplicates_and_blank_slots_dropped():
    content = clean_content(
        entry(
            title="  «Дорого»   для  нас ",
            variants="Дорого.\n\n  дорого. \nЕщё  дороже!\nДОРОГО.",
            answers=[ANSWER, {"acknowledge": "", "clarify": "", "answer": "", "check": ""}],
            dont_say=["Спорить", "спорить"],
        )
    )
    assert content["title"] == "«Дорого» для нас"
    assert content["variants"] == ["Дорого.", "Ещё дороже!"]
    assert content["answers"] == [ANSWER]
    assert content["dont_say"] == ["Спорить"]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"title": " "}, "title", "Название"),
        ({"category": "expensive"}, "category", "price"),
        ({"variants": []}, "variants", "формулировку"),
        ({"answers": []}, "answers", "хотя бы один"),
        ({"answers": [{**ANSWER, "check": ""}]}, "answers", "Проверить"),
        ({"answers": [{**ANSWER, "clarify": "Расскажите подробнее."}]}, "answers", "вопросом"),
        ({"answers": [{**ANSWER, "extra": "x"}]}, "answers", "extra"),
        ({"tags": ["objection_handling", "haggling"]}, "tags", "haggling"),
        ({"variants": [1, 2]}, "variants", "список строк"),
    ],
)
def test_invalid_content_names_the_field(changes, field, words):
    with pytest.raises(DomainError) as error:
        clean_content(entry(**changes))
    assert error.value.field == field
    assert words in error.value.message


def test_changed_fields_and_hash():
    old = clean_content(entry())
    new = clean_content(entry(variants=["Дорого.", "Дороговато."], tags=["negotiation"]))
    assert changed_fields(old, new) == ["variants", "tags"]
    assert changed_fields(None, new)[0] == "title"
    assert content_hash(old) == content_hash(clean_content(entry()))
    assert content_hash(old) != content_hash(new)


def _yaml_entry(key: str, category: str = "price") -> str:
    return (
        f"  - key: {key}\n    title: A\n    category: {category}\n    variants: [a]\n    answers:\n"
        "      - acknowledge: a\n        clarify: 'b?'\n        answer: c\n        check: d\n"
    )


def test_parse_library_names_file_line_entry_and_field():
    text = "objections:\n" + _yaml_entry("ok_one") + _yaml_entry("bad_one", "nonsense")
    with pytest.raises(DomainError) as error:
        parse_library(text, "lib.yaml")
    assert "lib.yaml:11:" in error.value.message  # the line where entry 2 starts
    assert "entry 2 (bad_one)" in error.value.message
    assert "field category" in error.value.message


def test_parse_library_reads_entries_and_refuses_duplicate_keys_and_bad_yaml():
    assert [key for key, _c in parse_library("objections:\n" + _yaml_entry("one") + _yaml_entry("two"))] == [
        "one",
        "two",
    ]
    with pytest.raises(DomainError, match="used twice"):
        parse_library("objections:\n" + _yaml_entry("same") + _yaml_entry("same"))
    with pytest.raises(DomainError, match="invalid YAML"):
        parse_library("objections: [\n")
    with pytest.raises(DomainError, match="'objections' list"):
        parse_library("title: nothing here\n")


def test_shipped_library_meets_the_brief():
    entries = parse_library(Path(LIBRARY_FILE).read_text(encoding="utf-8"))
    assert len(entries) >= 12
    for key, content in entries:
        assert len(content["variants"]) >= 4, key
        assert len(content["answers"]) >= 2, key
        assert content["dont_say"], key
        assert set(content["tags"]) <= set(SKILLS), key
    # Every objection label of the classifier has at least one entry.
    labels = {c for c in TASK_LABELS["objection"] if c != "none"}
    assert labels == {content["category"] for _key, content in entries} == {c.value for c in ObjectionCategory}


def test_shipped_library_answers_are_the_house_method():
    data = yaml.safe_load(Path(LIBRARY_FILE).read_text(encoding="utf-8"))
    for raw in data["objections"]:
        for answer in raw["answers"]:
            assert list(answer) == ["acknowledge", "clarify", "answer", "check"], raw["key"]
            assert not answer["acknowledge"].lower().startswith("да, но"), raw["key"]
