"""Learning rules: which courses a person sees, lesson progress, completion events, where to continue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select

from app.accounts.models import User, utcnow
from app.accounts.permissions import can
from app.core.events import course_completed, lesson_completed
from app.extensions import db
from app.learning.models import Course, Lesson, LessonProgress


@dataclass(frozen=True)
class CourseStatus:
    """A person's progress in one course."""

    done: int
    total: int
    next_lesson: Lesson | None
    started: bool

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def completed(self) -> bool:
        return self.total > 0 and self.done == self.total


def visible_courses(user: User) -> list[Course]:
    """Courses the user may study, in catalogue order; editors also see unpublished ones."""
    query = select(Course).order_by(Course.order, Course.title)
    if not can(user, "edit_content"):
        query = query.where(Course.published.is_(True))
    return list(db.session.scalars(query))


def get_course(key: str, user: User) -> Course | None:
    """The course with this key if the user may see it."""
    course = db.session.scalar(select(Course).where(Course.key == key))
    if course is None or (not course.published and not can(user, "edit_content")):
        return None
    return course


def get_lesson(course: Course, slug: str) -> Lesson | None:
    """A lesson of the course by slug."""
    return db.session.scalar(select(Lesson).where(Lesson.course_id == course.id, Lesson.slug == slug))


def progress_by_lesson(user_id: int, course_ids: list[int] | None = None) -> dict[int, LessonProgress]:
    """The person's progress rows keyed by lesson id (optionally only for some courses)."""
    query = select(LessonProgress).join(Lesson).where(LessonProgress.user_id == user_id)
    if course_ids is not None:
        query = query.where(Lesson.course_id.in_(course_ids))
    return {row.lesson_id: row for row in db.session.scalars(query)}


def _status(course: Course, progress: dict[int, LessonProgress]) -> CourseStatus:
    lessons = course.lessons
    rows = [progress[lesson.id] for lesson in lessons if lesson.id in progress]
    done_ids = {row.lesson_id for row in rows if row.completed_at}
    open_rows = [row for row in rows if not row.completed_at]
    if open_rows:  # continue where the person left off in this course
        next_lesson = max(open_rows, key=lambda row: row.last_opened_at).lesson
    else:
        next_lesson = next((lesson for lesson in lessons if lesson.id not in done_ids), None)
    return CourseStatus(len(done_ids), len(lessons), next_lesson, bool(rows))


def course_statuses(user: User, courses: list[Course]) -> dict[int, CourseStatus]:
    """Progress of the user in each of the courses, keyed by course id."""
    progress = progress_by_lesson(user.id, [course.id for course in courses])
    return {course.id: _status(course, progress) for course in courses}


def course_status(user: User, course: Course) -> CourseStatus:
    """Progress of the user in one course."""
    return course_statuses(user, [course])[course.id]


def continue_lesson(user: User) -> Lesson | None:
    """The lesson the person last opened without finishing it (in a course they may see)."""
    query = (
        select(Lesson)
        .join(LessonProgress, LessonProgress.lesson_id == Lesson.id)
        .join(Course)
        .where(LessonProgress.user_id == user.id, LessonProgress.completed_at.is_(None))
        .order_by(LessonProgress.last_opened_at.desc())
    )
    if not can(user, "edit_content"):
        query = query.where(Course.published.is_(True))
    return db.session.scalars(query.limit(1)).first()


def neighbours(lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    """The previous and next lesson of the same course."""
    lessons = lesson.course.lessons
    index = lessons.index(lesson)
    return (lessons[index - 1] if index > 0 else None, lessons[index + 1] if index + 1 < len(lessons) else None)


def _progress_row(user: User, lesson: Lesson, now: datetime) -> LessonProgress:
    row = db.session.scalar(
        select(LessonProgress).where(LessonProgress.user_id == user.id, LessonProgress.lesson_id == lesson.id)
    )
    if row is None:
        row = LessonProgress(user_id=user.id, lesson_id=lesson.id, opened_at=now, last_opened_at=now)
        db.session.add(row)
    return row


def open_lesson(user: User, lesson: Lesson, now: datetime | None = None) -> LessonProgress:
    """Record that the person opened the lesson (first and last time)."""
    now = now or utcnow()
    row = _progress_row(user, lesson, now)
    row.last_opened_at = now
    db.session.flush()
    return row


def course_completed_at(user_id: int, course: Course) -> datetime | None:
    """When the person finished the course (the last lesson marked), or None while a lesson is left."""
    progress = progress_by_lesson(user_id, [course.id])
    marks = [progress[lesson.id].completed_at if lesson.id in progress else None for lesson in course.lessons]
    if not marks or any(mark is None for mark in marks):
        return None
    return max(_aware(mark) for mark in marks if mark is not None)


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; the app stores UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def is_course_completed(user_id: int, course: Course) -> bool:
    """Has the person marked every lesson of the course as studied?"""
    return course_completed_at(user_id, course) is not None


def complete_lesson(user: User, lesson: Lesson, now: datetime | None = None) -> bool:
    """Mark a lesson as studied; announce the lesson (and the course, when it is the last one). True if new."""
    now = now or utcnow()
    row = _progress_row(user, lesson, now)
    if row.completed_at is not None:
        return False
    row.completed_at = now
    db.session.flush()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    course = lesson.course
    lesson_completed.send(app, user_id=user.id, course_key=course.key, lesson_id=lesson.id)
    if is_course_completed(user.id, course):
        course_completed.send(app, user_id=user.id, course_key=course.key)
    return True


def reset_lesson(user: User, lesson: Lesson) -> None:
    """Take back a "studied" mark (the person wants to read it again)."""
    row = _progress_row(user, lesson, utcnow())
    row.completed_at = None
    db.session.flush()
