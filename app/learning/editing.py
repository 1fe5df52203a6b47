"""Trainer editing: every save of a lesson is a version; restoring copies an old body into a new version."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.accounts.models import User, utcnow
from app.core.domain import DomainError
from app.extensions import db
from app.learning.course_files import LESSON_FILE_RE, lesson_title, normalize_body
from app.learning.models import Course, Lesson, LessonVersion
from app.learning.text import index_text

MAX_BODY = 200_000
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,118}$")


@dataclass(frozen=True)
class DiffLine:
    """One line of a line diff: ``kind`` is ``same``, ``added`` or ``removed``."""

    kind: str
    text: str


def diff_lines(old: str, new: str, context: int = 2) -> list[DiffLine]:
    """A readable line diff of two bodies (unchanged runs cut down to ``context`` lines, ``…`` between)."""
    result: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old.split("\n"), b=new.split("\n"), autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if result:
            result.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                result += [DiffLine("same", line) for line in matcher.a[i1:i2]]
            if tag in ("replace", "delete"):
                result += [DiffLine("removed", line) for line in matcher.a[i1:i2]]
            if tag in ("replace", "insert"):
                result += [DiffLine("added", line) for line in matcher.b[j1:j2]]
    return result


def _next_version_number(lesson: Lesson) -> int:
    current = db.session.scalar(select(func.max(LessonVersion.number)).where(LessonVersion.lesson_id == lesson.id))
    return (current or 0) + 1


def apply_body(lesson: Lesson, body: str, author: User | None, note: str | None) -> LessonVersion | None:
    """Make ``body`` the lesson's current text as a new version; None when nothing changed."""
    body = normalize_body(body)
    if not body.strip():
        raise DomainError(_("Текст урока не может быть пустым."), "body")
    if len(body) > MAX_BODY:
        raise DomainError(_("Урок слишком длинный (больше %(n)s символов).", n=MAX_BODY), "body")
    if lesson.id is not None and lesson.versions and body == lesson.body:
        return None
    title = lesson_title(body, lesson.title or lesson.slug)
    version = LessonVersion(
        lesson=lesson,
        number=_next_version_number(lesson) if lesson.id is not None else 1,
        title=title,
        body=body,
        author_id=author.id if author is not None else None,
        note=(note or "").strip()[:500] or None,
        created_at=utcnow(),
    )
    db.session.add(version)
    lesson.title, lesson.body = title, body
    lesson.search_lemmas = index_text(title, body)
    db.session.flush()
    return version


def save_lesson(lesson: Lesson, body: str, author: User, note: str | None) -> LessonVersion | None:
    """A trainer's save: a new version with author, time and note (None when the text is unchanged)."""
    return apply_body(lesson, body, author, note)


def restore_version(lesson: Lesson, number: int, author: User) -> LessonVersion:
    """Bring back the body of version ``number`` as a new version."""
    old = db.session.scalar(
        select(LessonVersion).where(LessonVersion.lesson_id == lesson.id, LessonVersion.number == number)
    )
    if old is None:
        raise DomainError(_("Такой версии урока нет."))
    if old.body == lesson.body:
        raise DomainError(_("Версия %(n)s совпадает с текущим текстом урока.", n=number))
    version = apply_body(lesson, old.body, author, _("Восстановлена версия %(n)s", n=number))
    assert version is not None  # the body differs, so a version was made
    return version


def create_lesson(course: Course, slug: str, body: str, author: User) -> Lesson:
    """Add a lesson at the end of a course, with its first version."""
    slug = slug.strip().lower()
    if not SLUG_RE.match(slug) or not LESSON_FILE_RE.match(f"01-{slug}.md"):
        raise DomainError(_("Адрес урока: латинские буквы, цифры и дефисы, например «new-lesson»."), "slug")
    if any(lesson.slug == slug for lesson in course.lessons):
        raise DomainError(_("В курсе уже есть урок с таким адресом."), "slug")
    number = max((lesson.number for lesson in course.lessons), default=0) + 1
    lesson = Lesson(course=course, number=number, slug=slug, title=slug, body="", search_lemmas="")
    db.session.add(lesson)
    db.session.flush()
    apply_body(lesson, body, author, _("Урок создан"))
    return lesson


def move_lesson(lesson: Lesson, step: int) -> None:
    """Swap a lesson with its neighbour (``step`` -1 = up, +1 = down); numbers stay 1..n."""
    lessons = list(lesson.course.lessons)
    index = lessons.index(lesson)
    target = index + step
    if not 0 <= target < len(lessons):
        return
    lessons[index], lessons[target] = lessons[target], lessons[index]
    for number, item in enumerate(lessons, start=1):
        item.number = number
    db.session.flush()
    db.session.refresh(lesson.course, ["lessons"])
