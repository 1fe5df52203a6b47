"""Study material for a library entry: lessons of courses with its skill tags and exam questions by tag.

Reads the learning and exams features if they are installed (each import is optional, so the objection
page works without them). Lessons come from courses whose ``skills`` share a tag with the entry, ranked by
how well their title and text match the entry's title; questions are bank questions tagged with the
entry's category, key or skill tags (only trainers and admins see them: they carry the answers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import undefer

from app.accounts.models import User
from app.accounts.permissions import can
from app.extensions import db
from app.quality.objection_models import Objection, ObjectionCategory

TITLE_WEIGHT = 10
MIN_TERM = 4  # shorter words («у», «нас», «уже») say nothing about the topic


@dataclass
class StudyMaterial:
    """What to read and practise for an objection."""

    lessons: list[Any] = field(default_factory=list)  # app.learning Lesson rows, best first
    courses: list[Any] = field(default_factory=list)  # app.learning Course rows with a shared skill
    questions: list[Any] = field(default_factory=list)  # app.exams Question rows (staff only)
    question_total: int = 0


def topic_words(text: str) -> list[str]:
    """Lower-case words of a title worth matching (four letters or more, ё folded)."""
    words = re.findall(r"[а-яёa-z0-9]+", text.lower().replace("ё", "е"))
    return list(dict.fromkeys(w for w in words if len(w) >= MIN_TERM))


def question_tags(objection: Objection) -> list[str]:
    """Tags a bank question may carry to belong to this entry: its key, its category, its skills."""
    return list(dict.fromkeys([objection.key, ObjectionCategory(objection.category).value, *objection.tags]))


def _lessons(objection: Objection, user: User, limit: int) -> tuple[list[Any], list[Any]]:
    try:
        from app.learning.models import Course, Lesson
        from app.learning.text import count_matches, parse_query, plain_text
    except ImportError:
        return [], []
    tags = set(objection.tags)
    query = select(Course).order_by(Course.order, Course.title)
    if not can(user, "edit_content"):
        query = query.where(Course.published.is_(True))
    courses = [c for c in db.session.scalars(query) if tags & set(c.skills or [])]
    if not courses:
        return [], []
    terms = parse_query(" ".join(topic_words(objection.title)))
    if not terms:
        return [], courses
    lessons = db.session.scalars(
        select(Lesson).where(Lesson.course_id.in_([c.id for c in courses])).options(undefer(Lesson.body))
    )
    scored = []
    for lesson in lessons:
        score = TITLE_WEIGHT * count_matches(lesson.title, terms) + count_matches(plain_text(lesson.body), terms)
        if score:
            scored.append((score, lesson))
    scored.sort(key=lambda pair: (-pair[0], pair[1].course.order, pair[1].number))
    return [lesson for _score, lesson in scored[:limit]], courses


def _questions(objection: Objection, limit: int) -> tuple[list[Any], int]:
    try:
        from app.exams.models import Question, QuestionTag
    except ImportError:
        return [], 0
    tags = question_tags(objection)
    rows = list(
        db.session.scalars(
            select(Question)
            .where(Question.archived.is_(False), Question.tag_rows.any(QuestionTag.tag.in_(tags)))
            .order_by(Question.key)
        )
    )
    specific = {objection.key, ObjectionCategory(objection.category).value}
    words = topic_words(objection.title)

    def rank(question: Any) -> tuple[int, int, str]:
        text = " ".join(str(v) for v in (question.current_version.data or {}).values() if isinstance(v, str))
        hits = sum(1 for w in words if w in text.lower().replace("ё", "е"))
        return (0 if specific & set(question.tags) else 1, -hits, question.key)

    rows.sort(key=rank)
    return rows[:limit], len(rows)


def study_material(objection: Objection, user: User, lesson_limit: int = 4, question_limit: int = 8) -> StudyMaterial:
    """Lessons (and, for staff, exam questions) related to a library entry by tag."""
    lessons, courses = _lessons(objection, user, lesson_limit)
    material = StudyMaterial(lessons=lessons, courses=courses)
    if can(user, "edit_content"):  # the question bank is the trainers' (its questions carry the answers)
        material.questions, material.question_total = _questions(objection, question_limit)
    return material
