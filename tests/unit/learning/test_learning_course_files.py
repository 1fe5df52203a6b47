"""Course folders and the onboarding template: reading, validation errors that name file and field, writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.learning.course_files import (
    CourseFileError,
    lesson_title,
    normalize_body,
    read_course,
    read_onboarding,
    strip_title,
    write_course,
    write_onboarding,
)

COURSE_YAML = """slug: demo
title: "Демо-курс"
description: >-
  Курс для проверки
  импорта.
order: 3
skills: [closing, negotiation]
exam:
  title: "Экзамен"
  pass_mark: 70
"""


def make_course(root: Path, key: str = "demo", meta: str = COURSE_YAML, lessons: dict[str, str] | None = None) -> Path:
    folder = root / key
    (folder / "lessons").mkdir(parents=True)
    (folder / "course.yaml").write_text(meta, encoding="utf-8")
    lessons = lessons or {"01-first.md": "# Первый урок\r\n\r\nТекст.  \n", "02-second.md": "# Второй\n\nЕщё текст."}
    for name, body in lessons.items():
        (folder / "lessons" / name).write_text(body, encoding="utf-8")
    return folder


def test_reads_a_course_folder(tmp_path):
    course = read_course(make_course(tmp_path))
    assert (course.key, course.title, course.order, course.skills) == (
        "demo",
        "Демо-курс",
        3,
        ["closing", "negotiation"],
    )
    assert course.description == "Курс для проверки импорта."
    assert course.exam == {"title": "Экзамен", "pass_mark": 70}
    assert [(lesson.number, lesson.slug, lesson.title) for lesson in course.lessons] == [
        (1, "first", "Первый урок"),
        (2, "second", "Второй"),
    ]
    assert course.lessons[0].body == "# Первый урок\n\nТекст."  # line ends and trailing spaces normalized


@pytest.mark.parametrize(
    ("meta", "field", "words"),
    [
        ("title: T\nskills: [a\norder: 1\n", None, "invalid YAML"),
        ("- just\n- a list\n", None, "mapping"),
        ("description: no title\n", "title", "required"),
        ("title: T\nslug: other\n", "slug", "folder name"),
        ("title: T\norder: first\n", "order", "whole number"),
        ("title: T\nskills: [closing, flying]\n", "skills", "flying"),
        ("title: T\npublished: maybe\n", "published", "true or false"),
        ("title: T\nexam: 5\n", "exam", "mapping"),
    ],
)
def test_bad_course_yaml_names_the_file_and_field(tmp_path, meta, field, words):
    folder = make_course(tmp_path, meta=meta)
    with pytest.raises(CourseFileError) as error:
        read_course(folder)
    assert str(folder / "course.yaml") in error.value.message
    assert words in error.value.message
    assert error.value.field == field


@pytest.mark.parametrize(
    ("lessons", "words"),
    [
        ({"first.md": "# A"}, "NN-slug.md"),
        ({"01-a.md": "# A", "01-b.md": "# B"}, "also used by"),
        ({"01-a.md": "  \n"}, "empty"),
    ],
)
def test_bad_lesson_files_are_named(tmp_path, lessons, words):
    folder = make_course(tmp_path, meta="title: T\n", lessons=lessons)
    with pytest.raises(CourseFileError) as error:
        read_course(folder)
    assert words in error.value.message and str(folder / "lessons") in error.value.message


def test_write_then_read_gives_the_same_course(tmp_path):
    original = read_course(make_course(tmp_path / "src"))
    original.gift_text = "::Q::Вопрос{T}\n"
    folder = write_course(tmp_path / "out", original)
    again = read_course(folder)
    assert again == original
    assert (folder / "lessons" / "01-first.md").read_text(encoding="utf-8").endswith("Текст.\n")


def test_write_removes_lessons_that_are_gone(tmp_path):
    course = read_course(make_course(tmp_path / "src"))
    write_course(tmp_path / "out", course)
    course.lessons = course.lessons[:1]
    folder = write_course(tmp_path / "out", course)
    assert sorted(p.name for p in (folder / "lessons").iterdir()) == ["01-first.md"]


def test_title_helpers():
    assert lesson_title("# Заголовок\n\nТекст", "slug") == "Заголовок"
    assert lesson_title("Текст без заголовка", "slug") == "slug"
    assert strip_title("# Заголовок\n\nТекст") == "\nТекст"
    assert strip_title("Текст") == "Текст"
    assert normalize_body("\n\nа  \r\nб\n\n") == "а\nб"


ONBOARDING = """title: "Адаптация"
steps:
  - key: intro
    title: "Инструктаж"
    due_day: 1
    kind: manual
    requires_signature: true
  - key: product
    title: "Курс"
    due_day: 3
    kind: course
    course: demo
  - key: book
    title: "Конспект"
    description: "**Книга**"
    due_day: 40
    kind: submission
"""


def test_reads_and_writes_the_onboarding_template(tmp_path):
    path = tmp_path / "onboarding.yaml"
    path.write_text(ONBOARDING, encoding="utf-8")
    template = read_onboarding(path)
    assert template.key == "onboarding" and template.title == "Адаптация"
    assert [(s.key, s.kind, s.due_day, s.course_key, s.requires_signature) for s in template.steps] == [
        ("intro", "manual", 1, None, True),
        ("product", "course", 3, "demo", False),
        ("book", "submission", 40, None, False),
    ]
    out = tmp_path / "out.yaml"
    write_onboarding(out, template)
    again = read_onboarding(out)
    again.key = template.key
    assert again == template


@pytest.mark.parametrize(
    ("replace", "by", "field"),
    [
        ("kind: course\n    course: demo", "kind: course", "step 'product'.course"),
        ("kind: submission", "kind: lecture", "step 'book'.kind"),
        ("due_day: 40", "due_day: 0", "step 'book'.due_day"),
        ('title: "Конспект"', "", "step 'book'.title"),
        ("key: book", "key: intro", "steps"),
    ],
)
def test_bad_onboarding_steps_are_named(tmp_path, replace, by, field):
    path = tmp_path / "onboarding.yaml"
    path.write_text(ONBOARDING.replace(replace, by), encoding="utf-8")
    with pytest.raises(CourseFileError) as error:
        read_onboarding(path)
    assert error.value.field == field and str(path) in error.value.message


def test_yaml_syntax_errors_give_the_line(tmp_path):
    folder = make_course(tmp_path, meta="title: T\norder: 1\nskills: [closing\ndescription: x\n")
    with pytest.raises(CourseFileError) as error:
        read_course(folder)
    assert "line 4" in error.value.message
