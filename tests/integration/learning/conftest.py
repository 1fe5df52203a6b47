"""Learning fixtures: a small course folder tree and helpers to import it."""

from __future__ import annotations

from pathlib import Path

import pytest

ALPHA_YAML = """slug: alpha
title: "Альфа: работа с возражениями"
description: "Первый учебный курс."
order: 1
skills: [objection_handling, closing]
exam:
  title: "Экзамен Альфа"
  pass_mark: 70
"""
ALPHA_LESSONS = {
    "01-method.md": "# Метод\n\nКаждое возражение — это вопрос. Присоединитесь, уточните, ответьте.",
    "02-price.md": "# Дорого\n\nЦена — частая тема. Ещё раз: спросите, с чем сравнивают.",
    "03-think.md": "# Я подумаю\n\nЗа фразой «я подумаю» прячется сомнение.",
}
BETA_YAML = 'title: "Бета: продукт"\norder: 2\nskills: [product_knowledge]\n'
BETA_LESSONS = {"01-history.md": "# История\n\nКомпания доставляет документы.", "02-tariffs.md": "# Тарифы\n\nТарифы."}
ONBOARDING_YAML = """title: "Адаптация стажёра"
steps:
  - key: intro
    title: "Вводный инструктаж"
    due_day: 1
    kind: manual
    requires_signature: true
  - key: alpha_course
    title: "Курс Альфа"
    due_day: 3
    kind: course
    course: alpha
  - key: alpha_exam
    title: "Экзамен Альфа"
    due_day: 5
    kind: exam
    exam: alpha
  - key: book
    title: "Конспект книги"
    due_day: 10
    kind: submission
  - key: talk
    title: "Беседа через две недели"
    due_day: 10
    kind: manual
"""


def write_tree(root: Path, with_onboarding: bool = True) -> Path:
    """Write the two test courses (and the onboarding template) under ``root``."""
    for key, meta, lessons in (("alpha", ALPHA_YAML, ALPHA_LESSONS), ("beta", BETA_YAML, BETA_LESSONS)):
        folder = root / key / "lessons"
        folder.mkdir(parents=True)
        (root / key / "course.yaml").write_text(meta, encoding="utf-8")
        for name, body in lessons.items():
            (folder / name).write_text(body + "\n", encoding="utf-8")
    (root / "alpha" / "questions.gift").write_text("::Q1::Возражение — это отказ?{F}\n", encoding="utf-8")
    if with_onboarding:
        (root / "onboarding.yaml").write_text(ONBOARDING_YAML, encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def no_exams_feature(monkeypatch):
    """Keep these tests independent of the exams feature; tests that need it install a fake."""
    from app.learning import importer

    monkeypatch.setattr(importer, "_exams_module", lambda name: None)


@pytest.fixture
def course_root(tmp_path) -> Path:
    return write_tree(tmp_path / "courses")


@pytest.fixture
def imported(ctx, course_root):
    """The test courses and onboarding template, imported and committed."""
    from app.extensions import db
    from app.learning.importer import import_courses

    report = import_courses(course_root)
    assert not report.errors, report.errors
    db.session.commit()
    return report


@pytest.fixture
def events():
    """Record the learning domain events sent during a test."""
    from app.core.events import course_completed, lesson_completed

    seen: list[tuple[str, dict]] = []

    def on_lesson(_sender, **payload):
        seen.append(("lesson", payload))

    def on_course(_sender, **payload):
        seen.append(("course", payload))

    lesson_completed.connect(on_lesson)
    course_completed.connect(on_course)
    yield seen
    lesson_completed.disconnect(on_lesson)
    course_completed.disconnect(on_course)
