"""Classifier learning loop: training sets from the shipped corpus plus labelled examples, retraining in the
background, before/after metrics on the same held-out examples, activation and rollback.

Fair comparison: every example (corpus, objection library variants, database labels) falls into one of
``k`` folds by a hash of its normalized text, so the split never changes between runs. For each fold both
*recipes* — the training set of the model in use and the new one — are trained without that fold's texts
and predict its examples; a model never sees the text it is tested on. Services flush; jobs commit.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User, utcnow
from app.core.domain import DomainError
from app.extensions import db
from app.quality.learning_models import ClassifierModel, TrainingExample
from app.quality.models import RunStatus
from scoring import classifiers as clf_lib
from scoring.text import normalize

log = logging.getLogger(__name__)
RETRAIN_JOB = "app.quality.jobs.retrain_classifier"
TASKS = tuple(clf_lib.TASK_LABELS)
_LOADED: dict[tuple[str, str], clf_lib.UtteranceClassifier] = {}
_LOCK = threading.Lock()

Example = tuple[str, str]


def text_key(text: str) -> str:
    """Identity of an utterance: hash of its normalized text (case, ё and punctuation do not matter)."""
    return hashlib.sha1(normalize(text).encode("utf-8")).hexdigest()


def fold_of(key: str, folds: int) -> int:
    """The fixed fold of an example."""
    return int(key[:8], 16) % folds


def models_dir() -> Path:
    """Where model files live: ``QUALITY_MODELS_DIR`` or ``<instance>/classifiers``."""
    return Path(current_app.config.get("QUALITY_MODELS_DIR") or Path(current_app.instance_path) / "classifiers")


def check_task(task: str) -> str:
    """A known classifier task, else ``DomainError``."""
    if task not in clf_lib.TASK_LABELS:
        raise DomainError(_("Неизвестный классификатор: %(t)s", t=task), "task")
    return task


# -- training sets ---------------------------------------------------------------------------------------
def corpus_examples(task: str) -> list[Example]:
    """The shipped corpus of a task (``checklists/data/<task>.csv`` or ``$SALESDOJO_CORPUS_DIR``)."""
    return clf_lib.read_corpus(clf_lib.corpus_path(task), task)


def library_examples(task: str) -> list[Example]:
    """Objection wording variants from the shared library (when that module is present)."""
    if task != "objection":
        return []
    try:
        from app.quality.objections import wording_examples  # type: ignore[attr-defined]
    except ImportError:
        return []
    allowed = set(clf_lib.TASK_LABELS[task])
    try:
        return [(str(t), str(label)) for t, label in wording_examples() if label in allowed and str(t).strip()]
    except Exception:  # the library must never stop training
        log.exception("objection library examples unavailable")
        return []


def db_examples(task: str, ids: list[int] | None = None) -> list[TrainingExample]:
    """Labelled examples stored for a task (only ``ids`` when given)."""
    query = select(TrainingExample).where(TrainingExample.task == task).order_by(TrainingExample.id)
    if ids is not None:
        query = query.where(TrainingExample.id.in_(ids or [-1]))
    return list(db.session.scalars(query))


def merge(*groups: list[Example]) -> list[Example]:
    """Examples deduplicated by normalized text; a later group's label wins (database over corpus)."""
    merged: dict[str, Example] = {}
    for group in groups:
        for text, label in group:
            merged[text_key(text)] = (text, label)
    return list(merged.values())


def active_model(task: str) -> ClassifierModel | None:
    """The model row in use for a task (None: the shipped corpus model)."""
    return db.session.scalar(
        select(ClassifierModel).where(ClassifierModel.task == task, ClassifierModel.active.is_(True))
    )


def _recipe(model: ClassifierModel | None, task: str) -> list[Example]:
    """The training set a model was built from (the shipped corpus for none or the baseline)."""
    if model is None or model.baseline:
        return merge(corpus_examples(task))
    stored = [(e.text, e.label) for e in db_examples(task, list(model.example_ids or []))]
    library = library_examples(task) if (model.metrics or {}).get("library", 0) else []
    return merge(corpus_examples(task), library, stored)


# -- metrics ---------------------------------------------------------------------------------------------
def score_predictions(truth: list[str], predicted: list[str]) -> dict[str, Any]:
    """Macro-F1, accuracy, per-label precision/recall/F1 and the confusion matrix (plain function)."""
    labels = sorted(set(truth) | set(predicted))
    per: dict[str, dict[str, float | int]] = {}
    for label in labels:
        tp = sum(t == label and p == label for t, p in zip(truth, predicted, strict=True))
        fp = sum(t != label and p == label for t, p in zip(truth, predicted, strict=True))
        fn = sum(t == label and p != label for t, p in zip(truth, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    present = [label for label in labels if per[label]["support"]]
    matrix = [[sum(t == a and p == b for t, p in zip(truth, predicted, strict=True)) for b in labels] for a in labels]
    return {
        "n": len(truth),
        "accuracy": sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth) if truth else 0.0,
        "macro_f1": sum(float(per[label]["f1"]) for label in present) / len(present) if present else 0.0,
        "labels": per,
        "confusion": {"labels": labels, "matrix": matrix},
    }


def compare_recipes(
    task: str,
    current: list[Example],
    new: list[Example],
    pool: list[Example],
    from_calls: set[str],
    folds: int,
    progress: Any = None,
) -> dict[str, Any]:
    """Cross-validated metrics of two training sets on the same held-out examples (fixed folds)."""
    truth: list[str] = []
    predictions: dict[str, list[str]] = {"current": [], "new": []}
    keys: list[str] = []
    for fold in range(folds):
        held = [(text, label) for text, label in pool if fold_of(text_key(text), folds) == fold]
        if not held:
            continue
        for name, recipe in (("current", current), ("new", new)):
            train_set = [(t, lab) for t, lab in recipe if fold_of(text_key(t), folds) != fold]
            if len({lab for _t, lab in train_set}) < 2:
                predictions[name].extend(["?"] * len(held))
                continue
            model = clf_lib.train(task, train_set)
            predictions[name].extend(label for label, _p in model.predict([t for t, _l in held]))
        truth.extend(label for _t, label in held)
        keys.extend(text_key(t) for t, _l in held)
        if progress is not None:
            progress((fold + 1) / folds)
    subset = [i for i, key in enumerate(keys) if key in from_calls]
    out: dict[str, Any] = {"folds": folds, "n": len(truth), "n_from_calls": len(subset)}
    for name in ("current", "new"):
        out[name] = score_predictions(truth, predictions[name])
        if subset:
            out[name]["from_calls"] = score_predictions(
                [truth[i] for i in subset], [predictions[name][i] for i in subset]
            )
    return out


# -- model rows ------------------------------------------------------------------------------------------
def _save(model_row: ClassifierModel, classifier: clf_lib.UtteranceClassifier) -> None:
    name = f"{model_row.task}-{classifier.version}-{model_row.id}.pkl"
    classifier.save(models_dir() / name)
    model_row.file, model_row.version, model_row.n_examples = name, classifier.version, classifier.n_examples


def ensure_baseline(task: str, user: User | None = None) -> ClassifierModel:
    """The row of the shipped corpus model (created, stored and made active the first time)."""
    row = db.session.scalar(
        select(ClassifierModel).where(ClassifierModel.task == task, ClassifierModel.baseline.is_(True))
    )
    if row is not None:
        return row
    row = ClassifierModel(task=task, baseline=True, status=RunStatus.DONE, created_by_id=user.id if user else None)
    db.session.add(row)
    db.session.flush()
    _save(row, clf_lib.get_classifier(task))
    row.stage, row.progress, row.finished_at = _("Базовая модель из поставляемого корпуса"), 100, utcnow()
    if active_model(task) is None:
        row.active, row.activated_at = True, utcnow()
    db.session.flush()
    return row


def start_retrain(task: str, user: User) -> ClassifierModel:
    """Queue retraining of a task's classifier (one at a time per task)."""
    check_task(task)
    running = db.session.scalar(
        select(ClassifierModel).where(
            ClassifierModel.task == task, ClassifierModel.status.in_((RunStatus.QUEUED, RunStatus.RUNNING))
        )
    )
    if running is not None:
        raise DomainError(_("Этот классификатор уже переобучается: дождитесь результата."))
    row = ClassifierModel(task=task, status=RunStatus.QUEUED, stage=_("В очереди"), created_by_id=user.id)
    db.session.add(row)
    db.session.flush()
    return row


def _progress(row_id: int, stage: str, fraction: float) -> None:
    row = db.session.get(ClassifierModel, row_id)
    row.stage, row.progress = stage, int(round(100 * fraction))
    db.session.commit()


def retrain(model_id: int) -> str:
    """Job body: compare the new training set with the one in use on the same folds, then train and store it."""
    row = db.session.get(ClassifierModel, int(model_id))
    if row is None or row.finished:
        return "missing" if row is None else row.status.value
    task = row.task
    try:
        row.status = RunStatus.RUNNING
        _progress(row.id, _("Собираем примеры"), 0.02)
        ensure_baseline(task, row.created_by)
        db.session.commit()
        current_row = active_model(task)
        stored = db_examples(task)
        library = library_examples(task)
        new = merge(corpus_examples(task), library, [(e.text, e.label) for e in stored])
        current = _recipe(current_row, task)
        folds = int(current_app.config.get("QUALITY_CV_FOLDS", 5))
        metrics = compare_recipes(
            task,
            current,
            new,
            new,
            {text_key(e.text) for e in stored},
            folds,
            lambda f: _progress(model_id, _("Перекрёстная проверка: обе модели на одних примерах"), 0.05 + 0.8 * f),
        )
        _progress(model_id, _("Обучаем новую модель на всех примерах"), 0.9)
        row = db.session.get(ClassifierModel, int(model_id))
        classifier = clf_lib.train(task, new)
        _save(row, classifier)
        row.metrics = {**metrics, "compared_with": current_row.id if current_row else None, "library": len(library)}
        row.example_ids, row.n_db_examples = [e.id for e in stored], len(stored)
        row.status, row.stage, row.progress, row.finished_at = RunStatus.DONE, _("Готово"), 100, utcnow()
        db.session.commit()
    except Exception as error:  # the reason is shown on the models page
        log.exception("retraining %s failed", model_id)
        db.session.rollback()
        row = db.session.get(ClassifierModel, int(model_id))
        row.status, row.finished_at = RunStatus.FAILED, utcnow()
        row.error = (
            str(error)
            if isinstance(error, (clf_lib.ClassifierError, DomainError))
            else f"{type(error).__name__}: {error}"
        )
        db.session.commit()
    return row.status.value


def activate(row: ClassifierModel) -> None:
    """Make a trained model the one the engine uses for its task (rollback = activate an older one)."""
    if not row.usable:
        raise DomainError(_("Эта модель не обучена до конца: её нельзя включить."))
    if not (models_dir() / str(row.file)).is_file():
        raise DomainError(_("Файл модели не найден в папке моделей: переобучите классификатор."))
    for other in db.session.scalars(select(ClassifierModel).where(ClassifierModel.task == row.task)):
        other.active = other.id == row.id
    row.activated_at = utcnow()
    db.session.flush()


def history(task: str) -> list[ClassifierModel]:
    """Every model row of a task, newest first."""
    return list(
        db.session.scalars(
            select(ClassifierModel).where(ClassifierModel.task == task).order_by(ClassifierModel.id.desc())
        )
    )


def active_classifiers() -> dict[str, clf_lib.UtteranceClassifier]:
    """Task -> classifier for every task with an activated model; tasks missing here use the shipped model.

    Calls processing passes this to ``scoring.engine.score(..., classifiers=...)``; the scorecard's ``models``
    then records the versions that produced it. Files are loaded once per process.
    """
    out: dict[str, clf_lib.UtteranceClassifier] = {}
    rows = db.session.scalars(select(ClassifierModel).where(ClassifierModel.active.is_(True))).all()
    for row in rows:
        if not row.file or row.baseline:
            continue  # the baseline is the shipped model the engine loads by itself
        key = (row.file, row.version or "")
        with _LOCK:
            model = _LOADED.get(key)
        if model is None:
            try:
                model = clf_lib.UtteranceClassifier.load(models_dir() / row.file)
            except clf_lib.ClassifierError as error:
                log.warning("active model %s unavailable, using the shipped one: %s", row.id, error)
                continue
            with _LOCK:
                _LOADED[key] = model
        out[row.task] = model
    return out
