"""``flask courses import / export / assign-onboarding``."""

from __future__ import annotations

from datetime import date

from app.extensions import db


def test_import_twice_then_export(app, runner, course_root, tmp_path):
    first = runner.invoke(args=["courses", "import", str(course_root)])
    assert first.exit_code == 0, first.output
    assert "alpha: created; lessons: 3 created" in first.output and "Changes imported." in first.output
    second = runner.invoke(args=["courses", "import", str(course_root)])
    assert second.exit_code == 0 and "No changes" in second.output
    out = tmp_path / "out"
    exported = runner.invoke(args=["courses", "export", str(out)])
    assert exported.exit_code == 0, exported.output
    assert (out / "alpha" / "lessons" / "03-think.md").is_file() and (out / "onboarding.yaml").is_file()
    assert "No changes" in runner.invoke(args=["courses", "import", str(out)]).output


def test_import_errors_exit_non_zero_and_name_the_file(app, runner, course_root):
    (course_root / "beta" / "course.yaml").write_text("order: 2\n", encoding="utf-8")
    result = runner.invoke(args=["courses", "import", str(course_root)])
    assert result.exit_code != 0
    assert "beta/course.yaml: title: is required" in result.output
    assert "alpha: created" in result.output  # the good course still went in


def test_assign_onboarding(app, runner, course_root, make_user):
    manager = make_user(role="sales_manager", hire_date=date(2026, 11, 16))
    assert runner.invoke(args=["courses", "assign-onboarding", manager.email]).exit_code != 0  # no template yet
    runner.invoke(args=["courses", "import", str(course_root)])
    result = runner.invoke(args=["courses", "assign-onboarding", manager.email])
    assert (
        result.exit_code == 0 and "Assigned onboarding" in result.output and "5 steps from 2026-11-16" in result.output
    )
    assert "Updated" in runner.invoke(args=["courses", "assign-onboarding", manager.email]).output
    assert runner.invoke(args=["courses", "assign-onboarding", "nobody@example.test"]).exit_code != 0
    with app.app_context():
        from app.learning.onboarding import plan_for

        assert plan_for(manager.id) is not None
        db.session.remove()
