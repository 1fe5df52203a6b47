"""Lesson search: lemma index in the database narrows the candidates, Python ranks and cuts snippets."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import undefer

from app.accounts.models import User
from app.accounts.permissions import can
from app.extensions import db
from app.learning.models import Course, Lesson
from app.learning.text import Term, count_matches, parse_query, plain_text, snippet

TITLE_WEIGHT = 10


@dataclass(frozen=True)
class SearchHit:
    """A lesson that matches, with a snippet as (piece, highlighted) pairs."""

    lesson: Lesson
    score: int
    snippet: list[tuple[str, bool]]


def _term_condition(term: Term):  # type: ignore[no-untyped-def]
    options = [Lesson.search_lemmas.contains(f" {form} ", autoescape=True) for form in term.forms]
    if term.prefix:
        options.append(Lesson.search_lemmas.contains(f" {term.prefix}", autoescape=True))
    return or_(*options)


def search_lessons(query: str, user: User, limit: int = 30) -> list[SearchHit]:
    """Lessons whose title or text contain every word of the query (by lemma or prefix), best first."""
    terms = parse_query(query)
    if not terms:
        return []
    statement = (
        select(Lesson)
        .join(Course)
        .where(and_(*[_term_condition(term) for term in terms]))
        .options(undefer(Lesson.body))
    )
    if not can(user, "edit_content"):
        statement = statement.where(Course.published.is_(True))
    hits = []
    for lesson in db.session.scalars(statement):
        text = plain_text(lesson.body)
        score = TITLE_WEIGHT * count_matches(lesson.title, terms) + count_matches(text, terms)
        hits.append(SearchHit(lesson, score, snippet(text, terms)))
    hits.sort(key=lambda hit: (-hit.score, hit.lesson.course.order, hit.lesson.number))
    return hits[:limit]
