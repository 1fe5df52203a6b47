"""GIFT import and export for the bank and for course exams (called by ``flask courses import/export``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User
from app.core.domain import DomainError
from app.exams import bank
from app.exams.exam_config import apply_settings, parse_exam_config, settings_of, settings_to_config
from app.exams.gift import GiftError, parse_gift, write_gift
from app.exams.models import Exam, Question, QuestionCategory
from app.extensions import db

MAX_GIFT_BYTES = 2 * 1024 * 1024


@dataclass
class ImportReport:
    """What an import did: question keys by outcome, refused questions with line and reason, the exam."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[GiftError] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    exam: str | None = None  # created | updated | unchanged
    exam_id: int | None = None

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.archived) or self.exam in ("created", "updated")

    def summary(self) -> str:
        """One line for the command line and the learning importer's report."""
        parts = [
            f"{self.total} questions ({len(self.created)} new, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged)"
        ]
        if self.archived:
            parts.append(f"{len(self.archived)} archived (no longer in the file)")
        if self.refused:
            parts.append(f"{len(self.refused)} refused: " + "; ".join(str(e) for e in self.refused))
        if self.exam:
            parts.append(f"exam {self.exam}")
        return ", ".join(parts)


def decode_gift(data: bytes) -> str:
    """Bytes of an uploaded file -> text, refusing what is not UTF-8 text."""
    if len(data) > MAX_GIFT_BYTES:
        raise DomainError(_("файл больше %(n)s МБ", n=MAX_GIFT_BYTES // (1024 * 1024)), "file")
    if b"\x00" in data:
        raise DomainError(_("это не текстовый файл: GIFT — обычный текст в UTF-8"), "file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = _("файл не в кодировке UTF-8 (строка %(line)s); сохраните его как UTF-8", line=line)
        raise DomainError(message, "file") from None


def import_gift(
    text: str,
    *,
    default_category: str = "",
    source: str = "",
    course_key: str | None = None,
    user: User | None = None,
    archive_missing: bool = False,
) -> ImportReport:
    """Import every good question of a GIFT text (idempotent by key); bad ones are listed, never fatal."""
    result = parse_gift(text, default_category=default_category)
    report = ImportReport(refused=list(result.errors))
    if not result.questions and not result.errors:
        raise DomainError(_("в файле нет ни одного вопроса GIFT"), "file")
    for position, parsed in enumerate(result.questions, start=1):
        try:
            outcome = bank.upsert_question(
                parsed, course_key=course_key, source=source, position=position, user=user, note="импорт GIFT"
            )
        except DomainError as error:
            report.refused.append(GiftError(parsed.line, error.message, parsed.idnumber, parsed.name))
            continue
        getattr(report, outcome.status).append(outcome.question.key)
    if archive_missing and course_key is not None:
        keep = set(report.created + report.updated + report.unchanged) | {e.idnumber for e in report.refused}
        for question in db.session.scalars(
            select(Question).where(Question.course_key == course_key, Question.archived.is_(False))
        ):
            if question.key not in keep:
                question.archived = True
                report.archived.append(question.key)
    db.session.flush()
    return report


def _pool_notices(exam: Exam) -> list[str]:
    from app.exams.attempts import rule_pool  # the attempt rules own pool selection

    notices = []
    for rule in exam.rules:
        size = len(rule_pool(rule))
        what = rule.question_key or rule.category or f"tag:{rule.tag}"
        if size < rule.count:
            notices.append(f"{what}: only {size} question(s) for {rule.count} requested")
    return notices


def upsert_course_exam(course_key: str, exam_config: dict[str, Any], source: str = "") -> tuple[Exam, str]:
    """Create or update the exam of a course from its ``exam:`` block."""
    settings = parse_exam_config(exam_config, source or f"courses/{course_key}/course.yaml")
    exam = db.session.scalar(select(Exam).where(Exam.course_key == course_key))
    status = "unchanged"
    if exam is None:
        exam = Exam(course_key=course_key, title=settings.title)
        db.session.add(exam)
        status = "created"
    changed = apply_settings(exam, settings)
    if source:
        exam.source = source[:500]
    if changed and status != "created":
        status = "updated"
    db.session.flush()
    return exam, status


def import_course_exam(
    course_key: str, gift_text: str, exam_config: dict[str, Any] | None, source: str = ""
) -> ImportReport:
    """Import a course's question bank and create/update its exam; running it twice changes nothing."""
    if exam_config is not None:
        parse_exam_config(exam_config, source or course_key)  # refuse a bad config before touching the bank
    report = ImportReport()
    if gift_text.strip():
        report = import_gift(
            gift_text, default_category=course_key, source=source, course_key=course_key, archive_missing=True
        )
    if exam_config is not None:
        exam, report.exam = upsert_course_exam(course_key, exam_config, source)
        report.exam_id = exam.id
        report.notices += _pool_notices(exam)
    return report


def export_course_exam(course_key: str) -> tuple[str, dict[str, Any] | None] | None:
    """The course's bank as GIFT and its ``exam:`` block; None when the course has neither."""
    questions = bank.questions_for_export(course_key=course_key)
    exam = db.session.scalar(select(Exam).where(Exam.course_key == course_key))
    if not questions and exam is None:
        return None
    header = f"Question bank of the course «{course_key}», exported from SalesDojo."
    text = write_gift((bank.current_gift(q) for q in questions), header=header)
    return text, settings_to_config(settings_of(exam)) if exam is not None else None


def export_category(path: str = "") -> str:
    """Active questions of a category subtree (everything when ``path`` is empty) as GIFT."""
    if path and db.session.scalar(select(QuestionCategory.id).where(QuestionCategory.path == path)) is None:
        raise DomainError(_("нет категории %(path)s", path=path), "category")
    questions = bank.questions_for_export(category=path)
    header = f"SalesDojo question bank: {path or 'all categories'}."
    return write_gift((bank.current_gift(q) for q in questions), header=header)
