"""Lesson search: lemmas, ё/е, prefixes, every word required, ranking, unpublished courses hidden."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.learning.editing import save_lesson
from app.learning.models import Course
from app.learning.search import search_lessons


def slugs(query: str, user: User) -> list[str]:
    return [hit.lesson.slug for hit in search_lessons(query, user)]


def learner(make_user) -> User:
    return db.session.get(User, make_user(role="sales_manager").id)


def test_an_inflected_query_finds_the_lemma(imported, make_user):
    user = learner(make_user)
    assert slugs("возражения", user) == ["method"]  # the lesson says «возражение»
    assert slugs("ВОЗРАЖЕНИЯМИ", user) == ["method"]


def test_yo_and_e_are_the_same_letter(imported, make_user):
    user = learner(make_user)
    assert slugs("еще", user) == ["price"]  # the lesson says «Ещё»


def test_prefix_and_all_words_required(imported, make_user):
    user = learner(make_user)
    assert slugs("возраж", user) == ["method"]
    assert slugs("возражение цена", user) == []  # no lesson has both
    assert slugs("", user) == [] and slugs("!!!", user) == []


def test_title_matches_rank_first_and_snippets_mark_matches(imported, make_user):
    user = learner(make_user)
    hits = search_lessons("подумаю", user)
    assert [hit.lesson.slug for hit in hits] == ["think"]
    assert ("подумаю", True) in hits[0].snippet


def test_search_follows_edits(imported, make_user):
    user = learner(make_user)
    trainer = db.session.get(User, make_user(role="trainer").id)
    lesson = db.session.scalar(select(Course).where(Course.key == "beta")).lessons[1]
    save_lesson(lesson, "# Тарифы\n\nКурьер забирает отправления до 18:00.", trainer, None)
    assert slugs("курьеры", user) == ["tariffs"]


def test_unpublished_courses_are_not_searched_for_learners(imported, make_user):
    user = learner(make_user)
    trainer = db.session.get(User, make_user(role="trainer").id)
    db.session.scalar(select(Course).where(Course.key == "alpha")).published = False
    db.session.flush()
    assert slugs("возражения", user) == []
    assert slugs("возражения", trainer) == ["method"]
