"""The objection library: idempotent import, edits as revisions, restore, archive, wording examples."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.core.domain import DomainError
from app.extensions import db
from app.quality import objections
from app.quality.objection_models import Objection, ObjectionRevision
from app.quality.objections import LIBRARY_FILE
from scoring.classifiers import TASK_LABELS


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "objections.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_import_creates_every_entry_once_and_is_idempotent(library, trainer):
    shipped = yaml.safe_load(LIBRARY_FILE.read_text(encoding="utf-8"))["objections"]
    assert sorted(library.created) == sorted(e["key"] for e in shipped)
    revisions = _count(ObjectionRevision)
    assert revisions == len(shipped)

    again = objections.import_library(user=trainer)
    db.session.commit()
    assert (again.created, again.updated, again.kept) == ([], [], [])
    assert sorted(again.unchanged) == sorted(library.created)
    assert _count(Objection) == len(shipped) and _count(ObjectionRevision) == revisions


def test_reimport_updates_untouched_entries_and_keeps_trainers_edits(library, trainer, tmp_path):
    data = yaml.safe_load(LIBRARY_FILE.read_text(encoding="utf-8"))
    edited = objections.get_objection("think_it_over")
    raw = objections.content_of(edited)
    objections.save_objection(edited, {**raw, "variants": [*raw["variants"], "Надо всё обмозговать."]}, trainer)
    db.session.commit()

    for entry in data["objections"]:
        if entry["key"] in ("price_expensive", "think_it_over"):
            entry["variants"].append("Новая формулировка из файла.")
    data["objections"].append({**data["objections"][0], "key": "brand_new", "title": "Новое"})
    report = objections.import_library(_write(tmp_path, data), trainer)
    db.session.commit()

    assert report.created == ["brand_new"]
    assert report.updated == ["price_expensive"]
    assert report.kept == ["think_it_over"]
    assert "Новая формулировка из файла." in objections.get_objection("price_expensive").variants
    kept = objections.get_objection("think_it_over")
    assert "Надо всё обмозговать." in kept.variants and "Новая формулировка из файла." not in kept.variants
    # Importing the same file again changes nothing.
    again = objections.import_library(_write(tmp_path, data), trainer)
    assert (again.created, again.updated) == ([], [])


def test_a_broken_file_imports_nothing(ctx, trainer, tmp_path):
    data = yaml.safe_load(LIBRARY_FILE.read_text(encoding="utf-8"))
    data["objections"][3]["answers"][0]["clarify"] = "Без вопроса."
    with pytest.raises(DomainError, match="entry 4"):
        objections.import_library(_write(tmp_path, data), trainer)
    db.session.rollback()
    assert _count(Objection) == 0


def test_edits_are_revisions_with_author_note_and_restore(library, trainer):
    objection = objections.get_objection("price_expensive")
    original = objections.content_of(objection)
    changed = {**original, "title": "«Дорого» (для e-commerce)", "dont_say": ["Не спорить"]}
    assert objections.save_objection(objection, changed, trainer, "Уточнил для магазинов") is True
    assert objections.save_objection(objection, changed, trainer, "ничего") is False  # no empty revision
    db.session.commit()

    revisions = objection.revisions
    assert [r.number for r in revisions] == [1, 2] and objection.revision == 2
    assert revisions[-1].author_id == trainer.id and revisions[-1].note == "Уточнил для магазинов"
    assert objections.changed_fields(revisions[0].content, revisions[1].content) == ["title", "dont_say"]

    objections.restore_revision(objection, 1, trainer)
    db.session.commit()
    assert objection.revision == 3 and objections.content_of(objection) == original
    assert "1" in objection.revisions[-1].note
    with pytest.raises(DomainError, match="совпадает"):
        objections.restore_revision(objection, 1, trainer)
    with pytest.raises(DomainError):
        objections.restore_revision(objection, 99, trainer)


def test_create_refuses_bad_and_taken_keys(library, trainer):
    content = objections.content_of(objections.get_objection("price_expensive"))
    for key, field in [("Bad Key", "key"), ("analytics", "key"), ("price_expensive", "key")]:
        with pytest.raises(DomainError) as error:
            objections.create_objection(key, content, trainer)
        assert error.value.field == field
    created = objections.create_objection("price_discount", {**content, "title": "«Дайте скидку»"}, trainer)
    assert created.revision == 1 and created.position > max(
        o.position for o in objections.list_objections() if o is not created
    )


def test_wording_examples_feed_the_classifier_with_every_variant(library, trainer):
    examples = objections.wording_examples()
    entries = objections.list_objections()
    assert len(examples) == sum(len(o.variants) for o in entries)
    assert {label for _t, label in examples} <= set(TASK_LABELS["objection"])
    assert ("Ну это дорого.", "price") in examples
    # An archived entry stops feeding the classifier; a text under two categories is dropped as contradictory.
    supplier = objections.get_objection("supplier_have_courier")
    objections.set_archived(supplier, True)
    time = objections.get_objection("no_time_busy")
    raw = objections.content_of(time)
    objections.save_objection(time, {**raw, "variants": [*raw["variants"], "Ну это дорого."]}, trainer)
    texts = [t for t, _label in objections.wording_examples()]
    assert "У нас уже есть курьерская служба." not in texts
    assert "Ну это дорого." not in texts
    assert "У нас уже есть курьерская служба." in [t for t, _l in objections.wording_examples(include_archived=True)]
