"""Flask extensions, created unbound and initialised in ``create_app``."""

from __future__ import annotations

import sqlite3
from typing import Any

from flask_babel import Babel
from flask_bootstrap import Bootstrap5
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a constraint naming convention (stable Alembic diffs)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
bootstrap = Bootstrap5()


def unicode_lower(value: Any) -> Any:
    """Python's ``str.lower``: every alphabet, «Анна» → «анна» (SQLite's own ``lower()`` folds ASCII only)."""
    return value.lower() if isinstance(value, str) else value


@event.listens_for(Engine, "connect")
def _sqlite_unicode_lower(dbapi_connection: Any, _connection_record: Any) -> None:
    """On SQLite connections, replace ``lower()`` with ``unicode_lower``, so ``func.lower(col)`` and ``ilike``
    (which SQLite runs as ``lower(x) LIKE lower(y)``) are case-insensitive for Cyrillic too, as they are on
    PostgreSQL. Other databases are left alone. Searches compare ``func.lower(column)`` with ``term.lower()``."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function("lower", 1, unicode_lower, deterministic=True)
