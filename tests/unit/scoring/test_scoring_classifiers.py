"""Utterance classifiers: deterministic training, disk cache keyed by corpus, save/load, cross-validation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import TINY_CORPORA, write_corpora

from scoring import classifiers
from scoring.classifiers import (
    ClassifierError,
    UtteranceClassifier,
    cross_validate,
    examples_hash,
    get_classifier,
    read_corpus,
    train,
)


def test_training_is_deterministic():
    a, b = train("spin", TINY_CORPORA["spin"]), train("spin", TINY_CORPORA["spin"])
    texts = ["А сколько у вас машин?", "к чему это приводит"]
    assert a.version == b.version
    assert np.array_equal(a.predict_proba(texts), b.predict_proba(texts))
    assert a.labels == ("implication", "need_payoff", "other", "problem", "situation")


def test_predictions_are_vectorised_and_labelled(tiny_classifiers):
    clf = tiny_classifiers["objection"]
    probs = clf.predict_proba(["Это дорого для нас.", "Пришлите предложение на почту.", "Около ста в месяц."])
    assert probs.shape == (3, len(clf.labels)) and np.allclose(probs.sum(axis=1), 1.0)
    assert [label for label, _ in clf.predict(["Это дорого для нас.", "Пришлите предложение на почту."])] == [
        "price",
        "send_proposal",
    ]
    assert clf.predict_proba([]).shape == (0, len(clf.labels))


def test_save_and_load_round_trip(tmp_path: Path, tiny_classifiers):
    clf = tiny_classifiers["value"]
    clf.save(tmp_path / "value.pkl")
    loaded = classifiers.load(tmp_path / "value.pkl")
    assert (loaded.task, loaded.version, loaded.labels) == (clf.task, clf.version, clf.labels)
    assert np.array_equal(
        loaded.predict_proba(["У нас сто курьеров."]), clf.predict_proba(["У нас сто курьеров."])
    )
    (tmp_path / "junk.pkl").write_bytes(b"not a model")
    with pytest.raises(ClassifierError):
        UtteranceClassifier.load(tmp_path / "junk.pkl")


def test_disk_cache_is_keyed_by_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = write_corpora(tmp_path / "corpora")
    monkeypatch.setenv("SALESDOJO_CACHE_DIR", str(tmp_path / "cache"))
    first = get_classifier("gatekeeper", folder)
    cached = list((tmp_path / "cache" / "classifiers").glob("gatekeeper-*.pkl"))
    assert [p.name for p in cached] == [f"gatekeeper-{first.version}.pkl"]
    classifiers.clear_memory_cache()
    monkeypatch.setattr(classifiers, "train", lambda *a, **k: pytest.fail("retrained despite the cache"))
    assert get_classifier("gatekeeper", folder).version == first.version
    monkeypatch.undo()
    monkeypatch.setenv("SALESDOJO_CACHE_DIR", str(tmp_path / "cache"))
    with open(folder / "gatekeeper.csv", "a", encoding="utf-8") as fh:
        fh.write("Секундочку.,connects\n")
    assert get_classifier("gatekeeper", folder).version != first.version
    classifiers.clear_memory_cache()


def test_corpus_reading_skips_rows_with_unknown_labels(tmp_path: Path):
    path = tmp_path / "spin.csv"
    path.write_text(
        'text,label\n"Сколько у вас машин?",situation\nЧто-то,curious\n,problem\n', encoding="utf-8"
    )
    assert read_corpus(path, "spin") == [("Сколько у вас машин?", "situation")]
    (tmp_path / "bad.csv").write_text("phrase;tag\n", encoding="utf-8")
    with pytest.raises(ClassifierError, match="text,label"):
        read_corpus(tmp_path / "bad.csv", "spin")


def test_examples_hash_changes_with_the_examples():
    rows = TINY_CORPORA["value"]
    assert examples_hash("value", rows) == examples_hash("value", list(rows))
    assert examples_hash("value", rows) != examples_hash("value", rows[:-1])


def test_cross_validation_report():
    report = cross_validate("objection", TINY_CORPORA["objection"], folds=3)
    assert report["folds"] == 3 and report["n"] == len(TINY_CORPORA["objection"])
    assert 0.0 <= report["macro_f1"] <= 1.0
    assert set(report["labels"]) == {label for _, label in TINY_CORPORA["objection"]}
    matrix = report["confusion"]["matrix"]
    assert len(matrix) == len(report["labels"]) and sum(map(sum, matrix)) == report["n"]


def test_errors_for_unknown_tasks_and_missing_corpora(tmp_path: Path):
    with pytest.raises(ClassifierError, match="unknown classifier task"):
        get_classifier("mood")
    with pytest.raises(ClassifierError, match="is missing"):
        get_classifier("spin", tmp_path)
    with pytest.raises(ClassifierError, match="at least two labels"):
        train("spin", [("Сколько?", "situation")])
