"""Case-insensitive SQL in every alphabet: on SQLite the app replaces lower() with Python's str.lower, so
``func.lower(column)`` and ``ilike`` find «Анна» for «анна» as PostgreSQL does."""

from __future__ import annotations


def test_lower_and_ilike_fold_cyrillic_on_sqlite(app, make_user):
    from sqlalchemy import func, select, text

    from app.accounts.models import User
    from app.extensions import db

    make_user(full_name="Анна Петрова")
    make_user(full_name="Ёлкин Пётр")
    with app.app_context():
        assert db.session.scalar(text("SELECT lower('АННА ЁЛКИНА Straße')")) == "анна ёлкина straße"
        by_lower = select(User.full_name).where(func.lower(User.full_name).contains("анна петрова"))
        assert db.session.scalars(by_lower).all() == ["Анна Петрова"]
        by_ilike = select(User.full_name).where(User.full_name.ilike("%ЁЛКИН%"))
        assert db.session.scalars(by_ilike).all() == ["Ёлкин Пётр"]
        assert db.session.scalar(text("SELECT lower(NULL)")) is None
