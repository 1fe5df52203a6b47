"""Browser tests for exams: the shared live server plus the SPIN course exam imported from ``courses/spin``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session", autouse=True)
def spin_exam(live_app):
    """Import the SPIN bank and exam (idempotent, so harmless if the learning seeder imported it already)."""
    from app.exams.importing import import_course_exam
    from app.extensions import db

    folder = ROOT / "courses" / "spin"
    config = yaml.safe_load((folder / "course.yaml").read_text(encoding="utf-8"))["exam"]
    with live_app.app_context():
        import_course_exam("spin", (folder / "questions.gift").read_text(encoding="utf-8"), config, str(folder))
        db.session.commit()
