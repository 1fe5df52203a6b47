"""The scoring library stays framework-free, and the code base stays lint-clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_scoring_loads_no_web_or_database_framework():
    code = (
        "import importlib, pkgutil, sys, scoring\n"
        "for m in pkgutil.walk_packages(scoring.__path__, 'scoring.'):\n"
        "    if m.name != 'scoring.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "banned = {'flask', 'sqlalchemy', 'wtforms', 'rq', 'app', 'flask_sqlalchemy'}\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in banned)\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
