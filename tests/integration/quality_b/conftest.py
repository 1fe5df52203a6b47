"""Fixtures of the call script and objection library tests: people, the shipped library, scored calls."""

from __future__ import annotations

import pytest

from app.quality import objection_models, script_models  # noqa: F401  (tables registered before create_all)


@pytest.fixture
def trainer(ctx, make_user):
    """A trainer, attached to the current session."""
    from app.accounts.models import User
    from app.extensions import db

    return db.session.get(User, make_user(role="trainer").id)


@pytest.fixture
def library(ctx, trainer):
    """The shipped objection library, imported."""
    from app.extensions import db
    from app.quality.objections import import_library

    report = import_library(user=trainer)
    db.session.commit()
    return report
