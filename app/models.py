"""Import every feature's models so that SQLAlchemy metadata (and Alembic) sees all tables."""

from __future__ import annotations

import importlib

from app import FEATURES

for _name in FEATURES:
    try:
        importlib.import_module(f"app.{_name}.models")
    except ModuleNotFoundError as exc:  # a feature without tables
        if exc.name != f"app.{_name}.models":
            raise
