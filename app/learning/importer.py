"""``flask courses import/export``: course folders <-> database, idempotently; exam banks go to the exams feature."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import select

from app.core.domain import DomainError
from app.extensions import db
from app.learning.course_files import (
    GIFT_FILE,
    ONBOARDING_FILE,
    CourseFile,
    LessonFile,
    course_folders,
    read_course,
    write_course,
)
from app.learning.editing import apply_body
from app.learning.models import Course, Lesson

EXAMS_IMPORTING = "app.exams.importing"


@dataclass
class CourseReport:
    """What importing one course did."""

    key: str
    status: str = "unchanged"  # created | updated | unchanged
    lessons: dict[str, int] = field(default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0})
    kept: list[str] = field(default_factory=list)  # lessons in the database but not in the folder
    exam: str | None = None
    exam_changed: bool = False

    def line(self) -> str:
        counts = ", ".join(f"{n} {what}" for what, n in self.lessons.items() if n)
        text = f"{self.key}: {self.status}; lessons: {counts or 'none'}"
        if self.kept:
            text += f"; kept (not in the folder): {', '.join(self.kept)}"
        return text + (f"; exam: {self.exam}" if self.exam else "")


@dataclass
class ImportReport:
    """What ``import_courses`` did, course by course, plus errors and notices."""

    courses: list[CourseReport] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    onboarding: str | None = None

    @property
    def changed(self) -> bool:
        lessons_changed = any(r.lessons["created"] or r.lessons["updated"] for r in self.courses)
        onboarding_changed = self.onboarding is not None and not self.onboarding.endswith("unchanged")
        courses_changed = any(r.status != "unchanged" or r.exam_changed for r in self.courses)
        return lessons_changed or onboarding_changed or courses_changed

    def lines(self) -> list[str]:
        lines = [report.line() for report in self.courses]
        if self.onboarding:
            lines.append(self.onboarding)
        return lines + [f"note: {n}" for n in self.notices] + [f"error: {e}" for e in self.errors]


def _exams_module(name: str) -> ModuleType | None:
    """The exams feature's import/export module, if that feature is installed yet."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name not in (name, "app.exams"):
            raise
        return None


def _describe(result: Any) -> str:
    summary = getattr(result, "summary", None)
    if callable(summary):
        return str(summary())
    return "imported" if result is None else str(result)


def _sync_course(course: Course | None, data: CourseFile, report: CourseReport) -> Course:
    if course is None:
        course = Course(key=data.key)
        db.session.add(course)
        report.status = "created"
    values = {
        "title": data.title,
        "description": data.description,
        "order": data.order,
        "skills": data.skills,
        "published": data.published,
        "exam_config": data.exam,
    }
    for name, value in values.items():
        if getattr(course, name) != value:
            setattr(course, name, value)
            report.status = "created" if report.status == "created" else "updated"
    db.session.flush()
    return course


def _sync_lesson(course: Course, existing: dict[str, Lesson], data: LessonFile, report: CourseReport) -> None:
    lesson = existing.get(data.slug)
    note = f"import: lessons/{data.number:02d}-{data.slug}.md"
    if lesson is None:
        lesson = Lesson(course=course, number=data.number, slug=data.slug, title=data.title, body="")
        db.session.add(lesson)
        db.session.flush()
        apply_body(lesson, data.body, None, note)
        report.lessons["created"] += 1
        return
    changed = lesson.number != data.number
    lesson.number = data.number
    changed = apply_body(lesson, data.body, None, note) is not None or changed
    report.lessons["updated" if changed else "unchanged"] += 1


def import_course(data: CourseFile, source: Path) -> CourseReport:
    """Create or update one course and its lessons in place (by key and slug); learner progress is kept."""
    report = CourseReport(data.key)
    course = _sync_course(db.session.scalar(select(Course).where(Course.key == data.key)), data, report)
    existing = {lesson.slug: lesson for lesson in course.lessons}
    for lesson in data.lessons:
        _sync_lesson(course, existing, lesson, report)
    folder_slugs = {lesson.slug for lesson in data.lessons}
    report.kept = sorted(slug for slug in existing if slug not in folder_slugs)
    if report.status == "unchanged" and (report.lessons["created"] or report.lessons["updated"]):
        report.status = "updated"
    db.session.flush()
    db.session.refresh(course, ["lessons"])
    module = _exams_module(EXAMS_IMPORTING)
    if module is not None and hasattr(module, "import_course_exam") and (data.gift_text or data.exam):
        result = module.import_course_exam(data.key, data.gift_text or "", data.exam, source=str(source / GIFT_FILE))
        report.exam = _describe(result)
        report.exam_changed = bool(getattr(result, "changed", False))
    return report


def import_courses(root: Path) -> ImportReport:
    """Import every course folder under ``root`` and ``root/onboarding.yaml``; bad folders are reported, not fatal."""
    from app.learning.onboarding import import_template

    report = ImportReport()
    if not root.is_dir():
        report.errors.append(f"{root}: no such folder")
        return report
    with_yaml, without_yaml = course_folders(root)
    report.notices += [f"{p}: no course.yaml yet, skipped" for p in without_yaml]
    exams = _exams_module(EXAMS_IMPORTING)
    if exams is None or not hasattr(exams, "import_course_exam"):
        report.notices.append("the exams feature is not installed yet: question banks and exam settings skipped")
    for folder in with_yaml:
        try:
            data = read_course(folder)
            report.courses.append(import_course(data, folder))
        except DomainError as error:
            report.errors.append(error.message)
    onboarding = root / ONBOARDING_FILE
    if onboarding.is_file():
        try:
            report.onboarding = import_template(onboarding).line()
        except DomainError as error:
            report.errors.append(error.message)
    return report


def course_file(course: Course) -> CourseFile:
    """A course as folder content, with the exam bank from the exams feature when it can export one."""
    gift_text, exam = None, course.exam_config
    module = _exams_module(EXAMS_IMPORTING)
    if module is not None and hasattr(module, "export_course_exam"):
        exported = module.export_course_exam(course.key)
        if exported is not None:
            gift_text, exam = exported
    lessons = [LessonFile(lesson.number, lesson.slug, lesson.title, lesson.body) for lesson in course.lessons]
    return CourseFile(
        key=course.key,
        title=course.title,
        description=course.description,
        order=course.order,
        skills=list(course.skills or []),
        published=course.published,
        exam=exam,
        lessons=lessons,
        gift_text=gift_text,
    )


def export_courses(root: Path) -> list[str]:
    """Write every course (and the onboarding template) under ``root``; returns one line per thing written."""
    from app.learning.onboarding import export_template

    root.mkdir(parents=True, exist_ok=True)
    lines = []
    for course in db.session.scalars(select(Course).order_by(Course.order, Course.key)):
        data = course_file(course)
        folder = write_course(root, data)
        bank = "with questions.gift" if data.gift_text is not None else "no question bank"
        lines.append(f"{folder}: {len(data.lessons)} lessons, {bank}")
    path = export_template(root / ONBOARDING_FILE)
    if path is not None:
        lines.append(f"{path}: onboarding template")
    return lines


def default_courses_dir() -> Path:
    """Where the shipped courses live: ``COURSES_DIR`` or ``courses/`` beside the app package."""
    from flask import current_app

    configured = current_app.config.get("COURSES_DIR")
    return Path(configured) if configured else Path(current_app.root_path).parent / "courses"
