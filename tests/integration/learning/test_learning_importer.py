"""``import_courses`` is idempotent, keeps progress, versions only changed bodies; export round-trips."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import func, select

from app.accounts.models import User
from app.extensions import db
from app.learning.importer import export_courses, import_courses
from app.learning.models import Course, Lesson, LessonProgress, LessonVersion, OnboardingStep
from app.learning.services import complete_lesson


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def lesson(key: str, slug: str) -> Lesson:
    return db.session.scalar(select(Lesson).join(Course).where(Course.key == key, Lesson.slug == slug))


def test_first_import_creates_courses_lessons_versions_and_steps(imported):
    assert [(r.key, r.status, r.lessons["created"]) for r in imported.courses] == [
        ("alpha", "created", 3),
        ("beta", "created", 2),
    ]
    alpha = db.session.scalar(select(Course).where(Course.key == "alpha"))
    assert alpha.title == "Альфа: работа с возражениями" and alpha.skills == ["objection_handling", "closing"]
    assert alpha.exam_config == {"title": "Экзамен Альфа", "pass_mark": 70}
    assert [lesson.title for lesson in alpha.lessons] == ["Метод", "Дорого", "Я подумаю"]
    first = alpha.lessons[0]
    assert [(v.number, v.author_id, v.note) for v in first.versions] == [(1, None, "import: lessons/01-method.md")]
    assert count(OnboardingStep) == 5 and imported.changed


def test_second_import_changes_nothing_and_keeps_progress(imported, course_root, make_user):
    person = db.session.get(User, make_user().id)
    complete_lesson(person, lesson("alpha", "method"))
    db.session.commit()
    versions = count(LessonVersion)
    again = import_courses(course_root)
    db.session.commit()
    assert not again.changed
    assert [r.status for r in again.courses] == ["unchanged", "unchanged"]
    assert [r.lessons for r in again.courses] == [
        {"created": 0, "updated": 0, "unchanged": 3},
        {"created": 0, "updated": 0, "unchanged": 2},
    ]
    assert again.onboarding.endswith("unchanged")
    assert count(LessonVersion) == versions
    assert count(LessonProgress) == 1


def test_a_changed_body_adds_one_version_in_place(imported, course_root, make_user):
    person = db.session.get(User, make_user().id)
    target = lesson("alpha", "price")
    complete_lesson(person, target)
    db.session.commit()
    path = course_root / "alpha" / "lessons" / "02-price.md"
    path.write_text("# Дорого и точка\n\nНовый текст урока.\n", encoding="utf-8")
    (course_root / "beta" / "course.yaml").write_text(
        'title: "Бета: продукт, новое"\norder: 2\nskills: [product_knowledge]\n', encoding="utf-8"
    )
    report = import_courses(course_root)
    db.session.commit()
    alpha, beta = report.courses
    assert alpha.status == "updated" and alpha.lessons == {"created": 0, "updated": 1, "unchanged": 2}
    assert beta.status == "updated" and beta.lessons["unchanged"] == 2
    updated = lesson("alpha", "price")
    assert updated.id == target.id and updated.title == "Дорого и точка"
    assert [v.number for v in updated.versions] == [1, 2]
    assert db.session.scalar(select(LessonProgress.completed_at).where(LessonProgress.lesson_id == updated.id))


def test_a_lesson_missing_from_the_folder_is_kept_and_reported(imported, course_root):
    (course_root / "alpha" / "lessons" / "03-think.md").unlink()
    report = import_courses(course_root)
    assert report.courses[0].kept == ["think"]
    assert lesson("alpha", "think") is not None


def test_a_bad_course_is_reported_and_the_others_still_import(ctx, course_root):
    (course_root / "beta" / "course.yaml").write_text("title: B\nskills: [flying]\n", encoding="utf-8")
    (course_root / "draft").mkdir()  # a folder without course.yaml yet
    report = import_courses(course_root)
    assert [r.key for r in report.courses] == ["alpha"]
    assert len(report.errors) == 1 and "beta/course.yaml: skills:" in report.errors[0] and "flying" in report.errors[0]
    assert any("draft" in notice and "no course.yaml" in notice for notice in report.notices)


def test_onboarding_step_pointing_to_an_unknown_course_is_an_error(ctx, course_root):
    path = course_root / "onboarding.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("course: alpha", "course: gamma"), encoding="utf-8")
    report = import_courses(course_root)
    assert any("unknown course 'gamma'" in error and "onboarding.yaml" in error for error in report.errors)


def test_export_then_import_reports_no_changes(imported, tmp_path, make_user):
    from app.learning.editing import save_lesson

    trainer = db.session.get(User, make_user(role="trainer").id)
    save_lesson(lesson("beta", "tariffs"), "# Тарифы\n\nТарифы 2026: от 350 ₽.", trainer, "цены")
    db.session.commit()
    out = tmp_path / "export"
    lines = export_courses(out)
    assert len(lines) == 3  # two courses and the onboarding template
    assert (
        (out / "beta" / "lessons" / "02-tariffs.md").read_text(encoding="utf-8").startswith("# Тарифы\n\nТарифы 2026")
    )
    report = import_courses(out)
    assert not report.changed, report.lines()


def test_the_exam_bank_goes_to_the_exams_feature_and_comes_back(imported, course_root, tmp_path, monkeypatch):
    from app.learning import importer

    calls = []
    fake = SimpleNamespace(
        import_course_exam=lambda key, gift, config, source: (
            calls.append((key, gift, config, source))
            or SimpleNamespace(summary=lambda: "1 question (1 new)", changed=True)
        ),
        export_course_exam=lambda key: ("::Q::Экспорт{T}\n", {"title": f"Экзамен {key}"}) if key == "alpha" else None,
    )
    monkeypatch.setattr(importer, "_exams_module", lambda name: fake)
    report = import_courses(course_root)
    assert calls == [
        (
            "alpha",
            "::Q1::Возражение — это отказ?{F}\n",
            {"title": "Экзамен Альфа", "pass_mark": 70},
            str(course_root / "alpha" / "questions.gift"),
        ),
    ]  # beta has neither a bank nor an exam block
    assert report.courses[0].exam == "1 question (1 new)"
    assert report.changed and report.courses[0].lessons["created"] == 0  # only the exam side changed
    export_courses(tmp_path / "out")
    assert (tmp_path / "out" / "alpha" / "questions.gift").read_text(encoding="utf-8") == "::Q::Экспорт{T}\n"
    assert "Экзамен alpha" in (tmp_path / "out" / "alpha" / "course.yaml").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / "beta" / "questions.gift").exists()


def test_without_the_exams_feature_a_notice_is_given(ctx, course_root):
    report = import_courses(course_root)
    assert any("exams feature is not installed" in notice for notice in report.notices)


def test_the_shipped_courses_import_twice_and_round_trip(ctx, tmp_path):
    from app.learning.importer import default_courses_dir

    first = import_courses(default_courses_dir())
    assert not first.errors, first.errors
    assert len(first.courses) >= 5 and all(r.lessons["created"] >= 5 for r in first.courses)
    db.session.commit()
    assert not import_courses(default_courses_dir()).changed
    export_courses(tmp_path / "shipped")
    assert not import_courses(tmp_path / "shipped").changed


def test_round_trip_with_the_real_exams_feature(ctx, tmp_path, real_exams_feature):
    import shutil

    from app.learning.importer import default_courses_dir

    source = tmp_path / "courses"
    shutil.copytree(default_courses_dir() / "spin", source / "spin")
    first = import_courses(source)
    assert not first.errors and first.courses[0].exam_changed and "questions" in first.courses[0].exam
    db.session.commit()
    export_courses(tmp_path / "out")
    assert (tmp_path / "out" / "spin" / "questions.gift").is_file()
    again = import_courses(tmp_path / "out")
    assert not again.changed, again.lines()
