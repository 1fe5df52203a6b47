"""A small course folder tree (two courses and an onboarding template) shared by the learning tests."""

from __future__ import annotations

from pathlib import Path

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
