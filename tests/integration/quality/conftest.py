"""Fixtures of the trainer tools tests: the mini checklist published, a scored call, a tiny classifier corpus."""

from __future__ import annotations

import pytest

from tests.factories import engine_call, publish, write_tiny_corpus


@pytest.fixture
def tiny_corpus(tmp_path, monkeypatch, app):
    """Classifiers train on a tiny corpus (fast) and store models and caches under tmp_path."""
    from scoring import classifiers

    write_tiny_corpus(tmp_path / "corpus")
    monkeypatch.setenv("SALESDOJO_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.setenv("SALESDOJO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setitem(app.config, "QUALITY_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setitem(app.config, "QUALITY_CV_FOLDS", 3)
    classifiers.clear_memory_cache()
    from app.quality import learning_loop

    learning_loop._LOADED.clear()
    yield tmp_path
    classifiers.clear_memory_cache()


@pytest.fixture
def mini(ctx):
    """The mini checklist, published (v1)."""
    from app.extensions import db

    version = publish()
    db.session.commit()
    return version


@pytest.fixture
def call(ctx, mini, make_user):
    """A call of a sales manager scored with the mini checklist."""
    from app.extensions import db

    manager = make_user(role="sales_manager")
    item = engine_call(manager.id, mini)
    db.session.commit()
    return item
