"""Utterance classifiers (scikit-learn): SPIN question types, value statements, objections, gatekeeper moves,
remarks about competitors.

One classifier per task, trained deterministically from ``checklists/data/<task>.csv`` (``text,label``)
or from examples handed in by the caller (e.g. rows stored in the database). Features are TF-IDF over
lemma unigrams and bigrams plus character n-grams of the normalized text (robust to ASR misspellings);
the model is a class-balanced logistic regression, so every prediction comes with a probability.
Trained models are cached on disk under ``$SALESDOJO_CACHE_DIR`` (or ``~/.cache/salesdojo``), keyed by a
hash of the examples, the feature code version and the scikit-learn version.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import os
import pickle
import tempfile
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from scoring.text import analyze, merge_numerals, normalize, tokenize

log = logging.getLogger(__name__)

TASK_LABELS: dict[str, tuple[str, ...]] = {
    "spin": ("situation", "problem", "implication", "need_payoff", "other"),
    "value": ("value", "feature", "other"),
    "objection": (
        "price",
        "have_supplier",
        "no_need",
        "send_proposal",
        "no_time",
        "think_it_over",
        "other",
        "none",
    ),
    "gatekeeper": ("asks_purpose", "deflects", "connects", "gives_contact", "none"),
    # Manager statements: criticising, mocking or insinuating about a competitor / the current supplier.
    "competitor": ("disparage", "neutral"),
}
DATA_DIR = Path(__file__).resolve().parent.parent / "checklists" / "data"
FEATURES_VERSION = "f4"
_FORMAT = "salesdojo-utterance-classifier/1"
_MEMORY: dict[tuple[str, str], UtteranceClassifier] = {}
_LOCK = threading.Lock()


class ClassifierError(RuntimeError):
    """Raised when a classifier cannot be trained or loaded (missing corpus, unknown task, bad file)."""


def lemma_features(text: str) -> list[str]:
    """Lemma unigrams and bigrams of a text, numbers folded to ``<num>`` (the word-level analyzer)."""
    lemmas = ["<num>" if w[0].isdigit() else analyze(w).lemma for w in merge_numerals(tokenize(text))]
    return lemmas + [f"{a} {b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]


@lru_cache(maxsize=200_000)
def _word_ngrams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    return tuple(padded[i : i + n] for n in (2, 3, 4) for i in range(max(1, len(padded) - n + 1)))


def char_features(text: str) -> list[str]:
    """Character 2-4-grams inside each normalized word (padded with spaces); cached per word."""
    out: list[str] = []
    for word in normalize(text).split():
        out.extend(_word_ngrams(word))
    return out


def _build_pipeline() -> Pipeline:
    features = FeatureUnion(
        [
            ("lemmas", TfidfVectorizer(analyzer=lemma_features, sublinear_tf=True, lowercase=False)),
            (
                "chars",
                TfidfVectorizer(analyzer=char_features, sublinear_tf=True, min_df=2, max_features=60_000),
            ),
        ]
    )
    model = LogisticRegression(C=8.0, max_iter=3000, class_weight="balanced")
    return Pipeline([("features", features), ("model", model)])


class UtteranceClassifier:
    """A trained classifier for one task; ``predict_proba`` is vectorised over a list of utterances."""

    def __init__(
        self, task: str, labels: Sequence[str], version: str, pipeline: Pipeline, n_examples: int = 0
    ) -> None:
        self.task = task
        self.labels: tuple[str, ...] = tuple(labels)
        self.version = version
        self.n_examples = n_examples
        self._pipeline = pipeline

    def __repr__(self) -> str:
        return f"UtteranceClassifier(task={self.task!r}, version={self.version!r}, labels={self.labels!r})"

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Probabilities, shape (len(texts), len(labels)), columns in ``labels`` order."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        # Same maths as Pipeline.predict_proba without its per-call validation and joblib overhead.
        union = self._pipeline.named_steps["features"]
        parts = [vectorizer.transform(list(texts)) for _, vectorizer in union.transformer_list]
        features = sparse.hstack(parts, format="csr")
        return np.asarray(self._pipeline.named_steps["model"].predict_proba(features))

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """Most likely label and its probability for every text."""
        probs = self.predict_proba(texts)
        best = probs.argmax(axis=1) if len(texts) else np.zeros(0, dtype=int)
        return [(self.labels[int(j)], float(probs[i, j])) for i, j in enumerate(best)]

    def save(self, path: str | Path) -> None:
        """Write the model to ``path`` atomically (pickle; load only files you wrote yourself)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "format": _FORMAT,
            "task": self.task,
            "labels": self.labels,
            "version": self.version,
            "n_examples": self.n_examples,
            "pipeline": self._pipeline,
        }
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pkl")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: str | Path) -> UtteranceClassifier:
        """Read a model written by ``save``."""
        try:
            with open(path, "rb") as fh:
                payload = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
            raise ClassifierError(f"{path}: cannot load classifier: {exc}") from exc
        if not isinstance(payload, dict) or payload.get("format") != _FORMAT:
            raise ClassifierError(f"{path}: not a SalesDojo classifier file")
        return cls(
            payload["task"],
            payload["labels"],
            payload["version"],
            payload["pipeline"],
            payload.get("n_examples", 0),
        )


def load(path: str | Path) -> UtteranceClassifier:
    """Load a classifier saved with ``UtteranceClassifier.save``."""
    return UtteranceClassifier.load(path)


def read_corpus(path: str | Path, task: str | None = None) -> list[tuple[str, str]]:
    """Read a ``text,label`` CSV; rows with no text or a label the task does not know are skipped."""
    allowed = TASK_LABELS.get(task or "")
    examples: list[tuple[str, str]] = []
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is None or not {"text", "label"} <= set(reader.fieldnames):
                raise ClassifierError(f"{path}: expected a CSV header 'text,label'")
            for line, row in enumerate(reader, start=2):
                text, label = (row.get("text") or "").strip(), (row.get("label") or "").strip()
                if not text or (allowed is not None and label not in allowed):
                    log.warning("%s:%d: skipped row with label %r", path, line, label)
                    continue
                examples.append((text, label))
    except OSError as exc:
        raise ClassifierError(f"{path}: cannot read corpus: {exc}") from exc
    return examples


def examples_hash(task: str, examples: Iterable[tuple[str, str]]) -> str:
    """Stable id of a training set + feature code + scikit-learn version (12 hex digits)."""
    digest = hashlib.sha256(f"{task}|{FEATURES_VERSION}|{sklearn.__version__}".encode())
    for text, label in examples:
        digest.update(f"\x1e{text}\x1f{label}".encode())
    return digest.hexdigest()[:12]


def _check_examples(task: str, examples: Sequence[tuple[str, str]]) -> list[str]:
    if task not in TASK_LABELS:
        raise ClassifierError(f"unknown classifier task {task!r} (known: {', '.join(TASK_LABELS)})")
    labels = sorted({label for _, label in examples})
    if len(labels) < 2:
        raise ClassifierError(f"task {task!r} needs examples of at least two labels, got {labels}")
    return labels


def train(task: str, examples: Sequence[tuple[str, str]]) -> UtteranceClassifier:
    """Train a classifier for ``task`` from (text, label) pairs; deterministic for the same examples."""
    examples = list(examples)
    labels = _check_examples(task, examples)
    pipeline = _build_pipeline()
    pipeline.fit([t for t, _ in examples], [label for _, label in examples])
    fitted = [str(c) for c in pipeline.named_steps["model"].classes_]
    assert fitted == labels
    return UtteranceClassifier(task, fitted, examples_hash(task, examples), pipeline, len(examples))


def cross_validate(task: str, examples: Sequence[tuple[str, str]], folds: int = 5) -> dict[str, Any]:
    """Stratified k-fold cross-validation: macro-F1, accuracy, per-label P/R/F1 and the confusion matrix."""
    examples = list(examples)
    labels = _check_examples(task, examples)
    texts = np.array([t for t, _ in examples], dtype=object)
    y = np.array([label for _, label in examples], dtype=object)
    smallest = min(int((y == label).sum()) for label in labels)
    k = max(2, min(folds, smallest))
    predicted = np.empty(len(y), dtype=object)
    for train_idx, test_idx in StratifiedKFold(n_splits=k, shuffle=True, random_state=0).split(texts, y):
        pipeline = _build_pipeline()
        pipeline.fit(list(texts[train_idx]), list(y[train_idx]))
        predicted[test_idx] = pipeline.predict(list(texts[test_idx]))
    p, r, f, s = precision_recall_fscore_support(y, predicted, labels=labels, zero_division=0)
    matrix = confusion_matrix(y, predicted, labels=labels)
    return {
        "task": task,
        "folds": k,
        "n": len(y),
        "macro_f1": float(np.mean(f)),
        "accuracy": float(np.mean(predicted == y)),
        "labels": {
            label: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, label in enumerate(labels)
        },
        "confusion": {"labels": labels, "matrix": matrix.tolist()},
    }


def cache_dir() -> Path:
    """Directory of the on-disk model cache."""
    root = os.environ.get("SALESDOJO_CACHE_DIR") or str(Path.home() / ".cache" / "salesdojo")
    return Path(root) / "classifiers"


def corpus_dir() -> Path:
    """Folder of the labelled corpora: ``$SALESDOJO_CORPUS_DIR`` or ``checklists/data``."""
    return Path(os.environ.get("SALESDOJO_CORPUS_DIR") or DATA_DIR)


def corpus_path(task: str, data_dir: str | Path | None = None) -> Path:
    """Path of the labelled corpus for ``task`` (``data_dir`` may be a folder or the CSV itself)."""
    if data_dir is not None and Path(data_dir).is_file():
        return Path(data_dir)
    return Path(data_dir or corpus_dir()) / f"{task}.csv"


def get_classifier(task: str, data_dir: str | Path | None = None) -> UtteranceClassifier:
    """The classifier for ``task`` trained on its corpus: from memory, the disk cache, or trained now."""
    if task not in TASK_LABELS:
        raise ClassifierError(f"unknown classifier task {task!r} (known: {', '.join(TASK_LABELS)})")
    path = corpus_path(task, data_dir)
    if not path.is_file():
        raise ClassifierError(f"no training corpus for {task!r}: {path} is missing")
    stat = path.stat()
    memo_key = (task, f"{path.resolve()}:{stat.st_mtime_ns}:{stat.st_size}")
    with _LOCK:
        cached = _MEMORY.get(memo_key)
        if cached is not None:
            return cached
        examples = read_corpus(path, task)
        version = examples_hash(task, examples)
        cache_file = cache_dir() / f"{task}-{version}.pkl"
        classifier: UtteranceClassifier | None = None
        if cache_file.is_file():
            try:
                classifier = UtteranceClassifier.load(cache_file)
            except ClassifierError as exc:
                log.warning("ignoring broken cache file: %s", exc)
        if classifier is None or classifier.version != version:
            classifier = train(task, examples)
            try:
                classifier.save(cache_file)
            except OSError as exc:
                log.warning("cannot write classifier cache %s: %s", cache_file, exc)
        _MEMORY[memo_key] = classifier
        return classifier


def clear_memory_cache() -> None:
    """Forget classifiers held in memory (the disk cache stays)."""
    with _LOCK:
        _MEMORY.clear()
