"""When correct answers are shown: never / after submit / after the exam is passed; staff always see them."""

from __future__ import annotations

import pytest

from app.accounts.models import User
from app.exams import attempts as rules
from app.exams.importing import import_course_exam
from app.exams.models import Exam
from app.exams.reports import answers_visible
from app.extensions import db
from tests.integration.exams.conftest import BANK, RIGHT, WRONG, answers_for, exam_config


@pytest.fixture
def people(ctx, make_user, make_team):
    team = make_team()
    learner = make_user(role="new_hire", team=team)
    trainer = make_user(role="trainer")
    return {
        "learner": db.session.get(User, learner.id),
        "trainer": db.session.get(User, trainer.id),
        "supervisor": db.session.get(User, team.supervisor_id),
        "other": db.session.get(User, make_user(role="supervisor").id),
    }


def finished(exam: Exam, learner: User, table: dict):
    attempt = rules.start_attempt(exam, learner)
    rules.submit_attempt(attempt, answers_for(attempt, table))
    return attempt


@pytest.mark.parametrize("setting, shown", [("never", False), ("after_submit", True)])
def test_never_and_after_submit(people, clock, setting, shown):
    exam = db.session.get(Exam, import_course_exam("basics", BANK, exam_config(show_answers=setting)).exam_id)
    attempt = finished(exam, people["learner"], WRONG)
    assert answers_visible(attempt, people["learner"]) is shown
    assert answers_visible(attempt, people["trainer"]) and answers_visible(attempt, people["supervisor"])
    assert answers_visible(attempt, people["other"]) is shown  # another team's supervisor is not staff for it


def test_after_pass_opens_the_answers_of_every_attempt_once_the_exam_is_passed(people, clock):
    exam = db.session.get(Exam, import_course_exam("basics", BANK, exam_config(show_answers="after_pass")).exam_id)
    failed = finished(exam, people["learner"], WRONG)
    assert not answers_visible(failed, people["learner"])
    passed = finished(exam, people["learner"], RIGHT)
    assert answers_visible(passed, people["learner"]) and answers_visible(failed, people["learner"])


def test_a_running_attempt_never_shows_answers_to_the_learner(people, clock):
    exam = db.session.get(Exam, import_course_exam("basics", BANK, exam_config()).exam_id)
    attempt = rules.start_attempt(exam, people["learner"])
    assert not answers_visible(attempt, people["learner"])
