"""Attempts: pinned versions, avoiding seen questions, server-side time limit, highest vs last, sub-scores, essays."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.core.domain import DomainError
from app.exams import attempts as rules
from app.exams import reports
from app.exams.clock import aware
from app.exams.importing import import_course_exam
from app.exams.models import AttemptStatus, Exam, Question
from app.extensions import db
from tests.integration.exams.conftest import BANK, RIGHT, WRONG, answers_for, course_files, exam_config


def exam_from(config: dict) -> Exam:
    return db.session.get(Exam, import_course_exam("basics", BANK, config).exam_id)


def keys(attempt) -> set[str]:
    return {slot.question.key for slot in attempt.slots}


def test_start_draws_the_configured_questions_and_pins_versions(basics, learner, clock):
    attempt = rules.start_attempt(basics, learner, rng=random.Random(1))
    assert keys(attempt) == {"b-1", "b-2", "b-3", "b-4"}  # sub-tree of sales/basics, no essay
    assert aware(attempt.deadline_at) == clock.now() + timedelta(minutes=20)
    assert rules.remaining_seconds(attempt) == 20 * 60
    assert all(slot.version_id == slot.question.current_version_id for slot in attempt.slots)


def test_exact_category_rule_skips_sub_categories(ctx, learner):
    config = exam_config(questions=[{"random": 10, "category": "sales/basics", "subcategories": False}])
    exam = exam_from(config)
    assert keys(rules.start_attempt(exam, learner)) == {"b-1", "b-2", "b-3"}


def test_tag_and_fixed_rules(ctx, learner):
    config = exam_config(questions=[{"question": "b-5", "points": 3}, {"random": 5, "tag": "closing"}])
    exam = exam_from(config)
    attempt = rules.start_attempt(exam, learner)
    assert [s.question.key for s in attempt.slots][0] == "b-5" and attempt.slots[0].max_points == 3
    assert keys(attempt) == {"b-5", "b-2", "b-3", "b-4"}


def test_editing_a_question_after_the_start_does_not_change_the_attempt(basics, learner, clock):
    attempt = rules.start_attempt(basics, learner)
    slot = next(s for s in attempt.slots if s.question.key == "b-3")
    import_course_exam("basics", BANK.replace("{#3:1}", "{#7:0}"), exam_config())
    assert slot.question.current_version_id != slot.version_id
    rules.submit_attempt(attempt, {slot.id: {"": ["3"]}})
    assert slot.fraction == 1.0  # graded against the version the learner saw


def test_open_attempt_is_resumed_not_duplicated(basics, learner, clock):
    first = rules.start_attempt(basics, learner)
    assert rules.start_attempt(basics, learner).id == first.id


def test_attempts_are_limited(basics, learner, clock):
    for _ in range(3):
        rules.submit_attempt(rules.start_attempt(basics, learner), {})
    with pytest.raises(DomainError):
        rules.start_attempt(basics, learner)
    assert reports.standing(basics, learner.id).status == "exhausted"


def test_second_attempt_avoids_seen_questions_and_falls_back_when_the_pool_runs_out(ctx, learner, clock):
    gift_text, config = course_files("spin")
    exam = db.session.get(Exam, import_course_exam("spin", gift_text, config).exam_id)
    pools = {"spin/types": 9, "spin/needs": 6, "spin/planning": 7, "spin/dialogues": 6}
    first = rules.start_attempt(exam, learner, rng=random.Random(1))
    rules.submit_attempt(first, {})
    second = rules.start_attempt(exam, learner, rng=random.Random(2))
    overlap = keys(first) & keys(second)
    # Each rule draws its unseen questions first; only what the pool lacks is reused.
    expected_reuse = sum(max(0, 2 * rule.count - pools[rule.category]) for rule in exam.rules)
    assert len(overlap) == expected_reuse
    rules.submit_attempt(second, {})
    third = rules.start_attempt(exam, learner, rng=random.Random(3))
    assert len(third.slots) == 15  # a third attempt still gets a full exam


def test_time_limit_late_submit_counts_only_answers_saved_before_the_deadline(basics, learner, clock):
    attempt = rules.start_attempt(basics, learner)
    fields = answers_for(attempt, RIGHT)
    slot_ids = list(fields)
    clock.advance(minutes=5)
    rules.save_response(attempt, slot_ids[0], fields[slot_ids[0]])  # saved in time: counts
    clock.advance(minutes=14, seconds=59)
    rules.save_response(attempt, slot_ids[1], fields[slot_ids[1]])  # one second before the deadline: counts
    clock.advance(seconds=2)
    with pytest.raises(rules.AttemptClosed):
        rules.save_response(attempt, slot_ids[2], fields[slot_ids[2]])  # after the deadline: refused
    clock.advance(minutes=3)
    rules.submit_attempt(attempt, fields)  # the late form carries every right answer; none of them may count
    assert attempt.late and attempt.status == AttemptStatus.GRADED
    assert attempt.points == 2 and attempt.percent == 50
    counted = {slot.question.key: slot.points for slot in attempt.slots}
    assert sorted(k for k, p in counted.items() if p) == sorted(
        next(s.question.key for s in attempt.slots if s.id == sid) for sid in slot_ids[:2]
    )


def test_submit_in_time_saves_the_form_answers(basics, learner, clock):
    attempt = rules.start_attempt(basics, learner)
    clock.advance(minutes=19)
    rules.submit_attempt(attempt, answers_for(attempt, RIGHT))
    assert not attempt.late and attempt.percent == 100 and attempt.passed


def test_expired_attempt_is_closed_when_someone_looks(basics, learner, clock):
    attempt = rules.start_attempt(basics, learner)
    first = attempt.slots[0]
    rules.save_response(attempt, first.id, RIGHT[first.question.key])
    clock.advance(minutes=21)
    assert reports.standing(basics, learner.id).open is None
    assert attempt.status == AttemptStatus.GRADED and attempt.late and attempt.points == 1


def test_close_expired_attempts_in_bulk(basics, learner, clock):
    rules.start_attempt(basics, learner)
    assert rules.close_expired_attempts() == 0
    clock.advance(hours=1)
    assert rules.close_expired_attempts() == 1


def test_highest_or_last_attempt_stands_for_the_exam(basics, learner, clock):
    good = rules.start_attempt(basics, learner)
    rules.submit_attempt(good, answers_for(good, RIGHT))
    clock.advance(days=1)
    bad = rules.start_attempt(basics, learner)
    rules.submit_attempt(bad, answers_for(bad, WRONG))
    standing = reports.standing(basics, learner.id)
    assert standing.result.id == good.id and standing.passed and standing.best == 100
    basics.grading = "last"
    standing = reports.standing(basics, learner.id)
    assert standing.result.id == bad.id and not standing.passed and standing.status == "failed"


def test_sub_scores_per_tag(basics, learner, clock):
    attempt = rules.start_attempt(basics, learner)
    # right on needs_discovery-only b-1, wrong on closing-only b-3 and b-4, right on b-2 (both tags)
    table = {"b-1": RIGHT["b-1"], "b-2": RIGHT["b-2"], "b-3": WRONG["b-3"], "b-4": WRONG["b-4"]}
    rules.submit_attempt(attempt, answers_for(attempt, table))
    scores = {s.tag: (s.points, s.max_points) for s in reports.subscores(attempt)}
    assert scores == {"needs_discovery": (2, 2), "closing": (1, 3)}


def test_graded_attempt_announces_itself(basics, learner, clock, graded_events):
    attempt = rules.start_attempt(basics, learner)
    rules.submit_attempt(attempt, answers_for(attempt, RIGHT))
    assert graded_events == [
        {
            "attempt_id": attempt.id,
            "user_id": learner.id,
            "exam_id": basics.id,
            "course_key": "basics",
            "passed": True,
            "percent": 100.0,
        }
    ]


def test_essay_waits_for_a_grader_then_the_attempt_is_graded(ctx, learner, clock, graded_events, make_user):
    trainer = db.session.get(User, make_user(role="trainer").id)
    config = exam_config(questions=[{"question": "b-5", "points": 2}, {"question": "b-1"}])
    exam = exam_from(config)
    attempt = rules.start_attempt(exam, learner)
    essay, choice = attempt.slots
    rules.submit_attempt(attempt, {essay.id: {"": ["Что происходит, когда…"]}, choice.id: RIGHT["b-1"]})
    assert attempt.status == AttemptStatus.NEEDS_GRADING and attempt.percent is None and graded_events == []
    assert reports.grading_queue(trainer) == [essay]
    with pytest.raises(DomainError):
        rules.grade_manually(essay, 3, "", trainer)  # over the mark
    rules.grade_manually(essay, 1, "Хорошо, но без последствий для клиентов", trainer)
    assert attempt.status == AttemptStatus.GRADED and attempt.percent == pytest.approx(66.67)
    assert graded_events[-1]["percent"] == pytest.approx(66.67) and graded_events[-1]["passed"] is False
    assert reports.grading_queue(trainer) == []


def test_unanswered_essay_scores_zero_without_a_grader(ctx, learner, clock):
    exam = exam_from(exam_config(questions=[{"question": "b-5"}]))
    attempt = rules.start_attempt(exam, learner)
    rules.submit_attempt(attempt, {})
    assert attempt.status == AttemptStatus.GRADED and attempt.percent == 0


def test_supervisor_grades_only_the_team(ctx, clock, make_user, make_team):
    team = make_team()
    member = db.session.get(User, make_user(role="new_hire", team=team).id)
    stranger = db.session.get(User, make_user(role="new_hire").id)
    config = exam_config(questions=[{"question": "b-5"}])
    exam = exam_from(config)
    for person in (member, stranger):
        attempt = rules.start_attempt(exam, person)
        rules.submit_attempt(attempt, {attempt.slots[0].id: {"": ["текст"]}})
    supervisor = db.session.get(User, team.supervisor_id)
    assert [s.attempt.user_id for s in reports.grading_queue(supervisor)] == [member.id]


def test_archived_questions_are_not_drawn(basics, learner, clock):
    db.session.scalar(select(Question).where(Question.key == "b-1")).archived = True
    assert "b-1" not in keys(rules.start_attempt(basics, learner))


def test_exam_without_questions_cannot_start(ctx, learner):
    exam = exam_from(exam_config(questions=[{"random": 3, "tag": "no-such-tag"}]))
    with pytest.raises(DomainError):
        rules.start_attempt(exam, learner)
