"""Lesson progress: opening, completing, events, course completion and where to continue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.learning import services
from app.learning.models import Course


def course(key: str) -> Course:
    return db.session.scalar(select(Course).where(Course.key == key))


def person(make_user, role: str = "new_hire") -> User:
    return db.session.get(User, make_user(role=role).id)


def test_completing_lessons_sends_lesson_events_and_one_course_event_at_the_end(imported, make_user, events):
    user = person(make_user)
    alpha = course("alpha")
    for lesson in alpha.lessons[:2]:
        assert services.complete_lesson(user, lesson)
    assert [kind for kind, _ in events] == ["lesson", "lesson"]
    assert events[0][1] == {"user_id": user.id, "course_key": "alpha", "lesson_id": alpha.lessons[0].id}
    assert not services.is_course_completed(user.id, alpha)
    assert services.complete_lesson(user, alpha.lessons[2])
    assert [kind for kind, _ in events] == ["lesson", "lesson", "lesson", "course"]
    assert events[-1][1] == {"user_id": user.id, "course_key": "alpha"}
    assert not services.complete_lesson(user, alpha.lessons[2])  # again: nothing new, no event
    assert len(events) == 4
    assert services.course_status(user, alpha).completed


def test_progress_is_per_person(imported, make_user):
    first, second = person(make_user), person(make_user)
    alpha = course("alpha")
    services.complete_lesson(first, alpha.lessons[0])
    assert services.course_status(first, alpha).done == 1
    assert services.course_status(second, alpha).done == 0


def test_continue_where_you_left_off(imported, make_user):
    user = person(make_user)
    alpha, beta = course("alpha"), course("beta")
    assert services.continue_lesson(user) is None
    status = services.course_status(user, alpha)
    assert status.next_lesson == alpha.lessons[0] and not status.started
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    services.open_lesson(user, alpha.lessons[0], now=start)
    services.complete_lesson(user, alpha.lessons[0], now=start + timedelta(minutes=20))
    services.open_lesson(user, alpha.lessons[1], now=start + timedelta(minutes=30))
    services.open_lesson(user, beta.lessons[0], now=start + timedelta(hours=1))
    assert services.continue_lesson(user) == beta.lessons[0]  # the last one opened and not finished
    assert services.course_status(user, alpha).next_lesson == alpha.lessons[1]
    services.complete_lesson(user, beta.lessons[0])
    assert services.continue_lesson(user) == alpha.lessons[1]


def test_next_lesson_skips_completed_ones_when_nothing_is_open(imported, make_user):
    user = person(make_user)
    alpha = course("alpha")
    services.complete_lesson(user, alpha.lessons[0])
    services.complete_lesson(user, alpha.lessons[1])
    assert services.course_status(user, alpha).next_lesson == alpha.lessons[2]


def test_unpublished_courses_are_hidden_from_learners_only(imported, make_user):
    learner, trainer = person(make_user, "sales_manager"), person(make_user, "trainer")
    course("beta").published = False
    db.session.flush()
    assert [c.key for c in services.visible_courses(learner)] == ["alpha"]
    assert [c.key for c in services.visible_courses(trainer)] == ["alpha", "beta"]
    assert services.get_course("beta", learner) is None and services.get_course("beta", trainer) is not None


def test_reset_takes_the_mark_back(imported, make_user):
    user = person(make_user)
    lesson = course("alpha").lessons[0]
    services.complete_lesson(user, lesson)
    services.reset_lesson(user, lesson)
    assert services.course_status(user, course("alpha")).done == 0
