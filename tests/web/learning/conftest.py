"""Web fixtures for learning: two teams, every role, the small test courses imported."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.integration.learning.course_tree import write_tree


@pytest.fixture(autouse=True)
def no_exams_feature(monkeypatch):
    from app.learning import importer

    monkeypatch.setattr(importer, "_exams_module", lambda name: None)


@pytest.fixture
def world(app, make_user, make_team, tmp_path):
    """Team A (supervisor, new hire, manager), team B (supervisor, manager), a trainer and an admin."""
    from app.extensions import db
    from app.learning.importer import import_courses

    with app.app_context():
        report = import_courses(write_tree(tmp_path / "courses"))
        assert not report.errors
        db.session.commit()
    sup_a = make_user(role="supervisor", full_name="РОП Альфа")
    sup_b = make_user(role="supervisor", full_name="РОП Бета")
    team_a, team_b = make_team("Команда А", sup_a), make_team("Команда Б", sup_b)
    hired = date.today() - timedelta(days=21)
    return {
        "sup_a": sup_a,
        "sup_b": sup_b,
        "hire": make_user(role="new_hire", team=team_a, hire_date=hired, full_name="Стажёр Новиков"),
        "manager": make_user(role="sales_manager", team=team_a),
        "other_manager": make_user(role="sales_manager", team=team_b),
        "trainer": make_user(role="trainer"),
        "admin": make_user(role="admin"),
    }


@pytest.fixture
def lesson_ids(app, world):
    """Lesson ids by slug."""
    from app.extensions import db
    from app.learning.models import Lesson

    with app.app_context():
        return {lesson.slug: lesson.id for lesson in db.session.scalars(db.select(Lesson))}


@pytest.fixture
def hire_tasks(app, world):
    """The new hire's onboarding task ids by step key."""
    from app.learning.onboarding import plan_for

    with app.app_context():
        return {task.step.key: task.id for task in plan_for(world["hire"].id).tasks}
