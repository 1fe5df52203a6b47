"""Trainer edits: every save is a version with author and note; restore makes a new version with the old body."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.core.domain import DomainError
from app.extensions import db
from app.learning import editing
from app.learning.models import Course


def alpha() -> Course:
    return db.session.scalar(select(Course).where(Course.key == "alpha"))


@pytest.fixture
def trainer(make_user, ctx):
    return db.session.get(User, make_user(role="trainer").id)


def test_save_creates_a_version_with_author_note_and_new_title(imported, trainer):
    lesson = alpha().lessons[0]
    version = editing.save_lesson(lesson, "# Метод в четыре шага\n\nНовый текст.", trainer, "  уточнил шаги ")
    assert (version.number, version.author_id, version.note) == (2, trainer.id, "уточнил шаги")
    assert lesson.title == "Метод в четыре шага" and lesson.body == "# Метод в четыре шага\n\nНовый текст."
    assert " шаг " in lesson.search_lemmas


def test_saving_the_same_text_makes_no_version(imported, trainer):
    lesson = alpha().lessons[0]
    assert editing.save_lesson(lesson, lesson.body + "\r\n\r\n", trainer, None) is None
    assert len(lesson.versions) == 1


def test_an_empty_body_is_refused_on_the_body_field(imported, trainer):
    with pytest.raises(DomainError) as error:
        editing.save_lesson(alpha().lessons[0], "  \n ", trainer, None)
    assert error.value.field == "body"


def test_restore_copies_an_old_body_into_a_new_version(imported, trainer):
    lesson = alpha().lessons[0]
    original = lesson.body
    editing.save_lesson(lesson, "# Черновик\n\nНеудачная правка.", trainer, "правка")
    restored = editing.restore_version(lesson, 1, trainer)
    assert restored.number == 3 and restored.body == original and lesson.body == original
    assert restored.note == "Восстановлена версия 1" and restored.author_id == trainer.id
    assert [v.number for v in lesson.versions] == [1, 2, 3]  # history keeps the bad edit too
    with pytest.raises(DomainError):
        editing.restore_version(lesson, 1, trainer)  # identical to the current text
    with pytest.raises(DomainError):
        editing.restore_version(lesson, 42, trainer)


def test_create_a_lesson_at_the_end_and_reorder(imported, trainer):
    course = alpha()
    lesson = editing.create_lesson(course, "Closing", "# Закрытие\n\nСледующий шаг.", trainer)
    assert (lesson.number, lesson.slug, lesson.title) == (4, "closing", "Закрытие")
    assert lesson.versions[0].author_id == trainer.id
    with pytest.raises(DomainError) as error:
        editing.create_lesson(course, "closing", "# Дубль", trainer)
    assert error.value.field == "slug"
    with pytest.raises(DomainError):
        editing.create_lesson(course, "../etc", "# Плохой адрес", trainer)
    editing.move_lesson(lesson, -1)
    assert [item.slug for item in alpha().lessons] == ["method", "price", "closing", "think"]
    editing.move_lesson(alpha().lessons[0], -1)  # already first: nothing happens
    assert [(item.number, item.slug) for item in alpha().lessons] == [
        (1, "method"),
        (2, "price"),
        (3, "closing"),
        (4, "think"),
    ]
