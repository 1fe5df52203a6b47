"""The pay rules stay plain Python: formulas, calculator and periods import no web or database framework."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[3] / "app" / "motivation"
BANNED = {"flask", "flask_babel", "flask_login", "flask_wtf", "sqlalchemy", "wtforms", "werkzeug"}


@pytest.mark.parametrize("module", ["formulas.py", "calculator.py", "periods.py"])
def test_pure_modules_import_no_framework(module):
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
            if node.module.startswith("app.") and node.module not in ("app.motivation.formulas",):
                imported.add(node.module)
    assert not imported & BANNED
    assert {name for name in imported if name.startswith("app.")} <= {"app.motivation.formulas"}
