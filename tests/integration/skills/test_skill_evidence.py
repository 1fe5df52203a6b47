"""Evidence from real calls, exam attempts and ratings becomes levels; a changed call verdict changes them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.skills import services
from app.skills.evidence import collect
from app.skills.framework import list_skills

TODAY = date.today()


def evidence(user_id: int, key: str):
    return collect([user_id], list_skills(), TODAY).get((user_id, key), [])


def test_call_evidence_is_the_share_of_applicable_items_passed(framework, team, make_call):
    anna = team["anna"]
    call_id = make_call(
        anna.id,
        TODAY - timedelta(days=3),
        [
            ("obj_acknowledge", "objection_handling", "pass"),
            ("obj_clarify", "objection_handling", "fail"),
            ("obj_extra", "objection_handling", "na"),
            ("close_next_step", "closing", "pass"),
            ("talk_share", None, "fail"),
        ],
    )
    [point] = evidence(anna.id, "objection_handling")
    assert (point.source, point.link_id, point.percent, point.value) == ("call", call_id, 50.0, 3)
    assert [(i.item_id, i.result) for i in point.items] == [("obj_acknowledge", "pass"), ("obj_clarify", "fail")]
    [closing] = evidence(anna.id, "closing")
    assert (closing.percent, closing.value) == (100.0, 5)
    assert evidence(anna.id, "needs_discovery") == []


def test_human_verdict_beats_the_engine_and_na_items_are_not_counted(framework, team, make_call):
    anna = team["anna"]
    make_call(
        anna.id,
        TODAY,
        [
            ("obj_acknowledge", "objection_handling", "fail", "pass"),
            ("obj_clarify", "objection_handling", "pass", "na"),
        ],
    )
    [point] = evidence(anna.id, "objection_handling")
    assert (point.percent, point.value) == (100.0, 5)
    assert point.items[0].overridden is True


def test_unscored_and_unscorable_calls_and_other_people_give_no_evidence(framework, team, make_call):
    anna = team["anna"]
    make_call(anna.id, TODAY, [("o", "objection_handling", "pass")], unscorable=True)
    make_call(anna.id, TODAY, [("o", "objection_handling", "pass")], status="scoring")
    make_call(team["boris"].id, TODAY, [("o", "objection_handling", "pass")])
    make_call(anna.id, TODAY + timedelta(days=2), [("o", "objection_handling", "pass")])  # after as_of
    assert evidence(anna.id, "objection_handling") == []


def test_exam_sub_scores_by_tag_become_evidence(framework, team, make_attempt):
    anna = team["anna"]
    attempt_id = make_attempt(
        anna.id,
        TODAY - timedelta(days=1),
        [
            (("objection_handling",), 1.0, 1.0),
            (("objection_handling", "closing"), 0.5, 1.0),
            (("objection_handling",), 1.0, 2.0),
            (("not-a-skill",), 1.0, 1.0),
        ],
    )
    make_attempt(anna.id, TODAY, [(("objection_handling",), 0.0, 1.0)], status="in_progress")
    [point] = evidence(anna.id, "objection_handling")
    assert (point.source, point.link_id, point.percent, point.value) == ("exam", attempt_id, 62.5, 4)
    assert point.title == "Экзамен: работа с возражениями"
    [closing] = evidence(anna.id, "closing")
    assert (closing.percent, closing.value) == (50.0, 3)


def test_supervisor_rating_is_evidence_with_its_comment(framework, team):
    anna, supervisor = team["anna"], team["supervisor"]
    services.rate_skill(
        db.session.get(type(anna), anna.id),
        "negotiation",
        4,
        "Обменяла уступку на объём.",
        db.session.get(type(supervisor), supervisor.id),
        TODAY - timedelta(days=2),
    )
    db.session.commit()
    [point] = evidence(anna.id, "negotiation")
    assert (point.source, point.value, point.note, point.title) == (
        "rating",
        4,
        "Обменяла уступку на объём.",
        "Игорь Васильев",
    )


@pytest.mark.parametrize(("level", "comment", "field"), [(0, "x", "level"), (6, "x", "level"), (3, "  ", "comment")])
def test_a_rating_needs_a_level_from_1_to_5_and_a_comment(framework, team, level, comment, field):
    from app.accounts.models import User
    from app.core.domain import DomainError

    with pytest.raises(DomainError) as error:
        services.rate_skill(
            db.session.get(User, team["anna"].id),
            "negotiation",
            level,
            comment,
            db.session.get(User, team["supervisor"].id),
        )
    assert error.value.field == field


def test_skill_level_combines_sources_with_the_skill_weights(framework, team, make_call, make_attempt):
    anna = team["anna"]
    make_call(anna.id, TODAY, [("o", "objection_handling", "fail")])  # level 1
    make_attempt(anna.id, TODAY, [(("objection_handling",), 1.0, 1.0)])  # level 5
    skill = framework["objection_handling"]
    skill.weight_calls, skill.weight_exams = 1.0, 1.0
    db.session.commit()
    assert services.skill_level(anna.id, "objection_handling").level == pytest.approx(3.0)
    skill.weight_exams = 3.0
    db.session.commit()
    assert services.skill_level(anna.id, "objection_handling").level == pytest.approx(4.0)
    skill.weight_calls = 0.0
    db.session.commit()
    result = services.skill_level(anna.id, "objection_handling")
    assert (result.level, result.evidence_count) == (5.0, 1)


def test_skill_level_of_an_unknown_skill_or_without_evidence_is_empty(framework, team):
    assert services.skill_level(team["anna"].id, "no_such_skill").level is None
    result = services.skill_level(team["anna"].id, "closing")
    assert (result.level, result.evidence_count) == (None, 0)


def test_as_of_looks_at_the_level_on_an_earlier_day(framework, team, make_call):
    anna = team["anna"]
    make_call(anna.id, TODAY - timedelta(days=10), [("c", "closing", "fail")])
    make_call(anna.id, TODAY, [("c", "closing", "pass")])
    framework["closing"].method = "recent"
    db.session.commit()
    assert services.skill_level(anna.id, "closing", TODAY - timedelta(days=5)).level == 1.0
    assert services.skill_level(anna.id, "closing").level == 5.0


def test_changing_a_reviewed_calls_verdict_changes_the_level_and_the_evidence(framework, team, make_call):
    from app.accounts.models import User
    from app.calls.models import Call
    from app.calls.review import finalize_review, override_item

    anna, supervisor = team["anna"], db.session.get(User, team["supervisor"].id)
    call_id = make_call(
        anna.id,
        TODAY,
        [
            ("obj_acknowledge", "objection_handling", "fail"),
            ("obj_clarify", "objection_handling", "fail"),
        ],
    )
    call = db.session.get(Call, call_id)
    finalize_review(call, supervisor, "Возражения не отработаны")
    db.session.commit()
    before = services.skill_detail(anna.id, "objection_handling")
    assert before.result.level == 1.0
    assert [i.result for i in before.evidence[0].items] == ["fail", "fail"]

    item = call.current_scorecard.items[0]
    override_item(call, item.id, "pass", "Присоединение было, движок не распознал", supervisor)
    db.session.commit()

    after = services.skill_detail(anna.id, "objection_handling")
    assert after.result.level == 3.0
    assert [(i.result, i.overridden) for i in after.evidence[0].items] == [("pass", True), ("fail", False)]
    assert after.evidence[0].percent == 50.0


def test_profile_lists_every_skill_with_history_and_evidence_newest_first(framework, team, make_call):
    anna = team["anna"]
    make_call(anna.id, TODAY - timedelta(days=8), [("c", "closing", "fail")])
    make_call(anna.id, TODAY - timedelta(days=1), [("c", "closing", "pass")])
    rows = {row.skill.key: row for row in services.profile(anna.id)}
    assert set(rows) == set(framework)
    closing = rows["closing"]
    assert [e.on for e in closing.evidence] == [TODAY - timedelta(days=1), TODAY - timedelta(days=8)]
    assert closing.history[-1].level == closing.result.level
    assert closing.history[-1].evidence_count == 2
    assert rows["gatekeeper"].result.level is None
    assert services.weakest(list(rows.values())).skill.key == "closing"


def test_team_matrix_marks_the_weakest_cells(framework, team, make_call):
    from app.accounts.models import User

    anna, boris = db.session.get(User, team["anna"].id), db.session.get(User, team["boris"].id)
    make_call(anna.id, TODAY, [("c", "closing", "fail"), ("o", "objection_handling", "pass")])
    make_call(
        boris.id,
        TODAY,
        [
            ("c", "closing", "pass"),
            ("o", "objection_handling", "fail"),
            ("g", "gatekeeper", "pass"),
            ("g2", "gatekeeper", "fail"),
        ],
    )
    matrix = services.team_matrix([anna, boris], weakest_count=2)
    assert matrix.cells[(anna.id, "closing")].level == 1.0
    assert matrix.weakest == {(anna.id, "closing"), (boris.id, "objection_handling")}
    assert matrix.skill_average["closing"] == 3.0
    assert matrix.person_average[boris.id] == pytest.approx((5 + 1 + 3) / 3, abs=0.01)
