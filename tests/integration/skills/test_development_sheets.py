"""Development sheets: automatic drafting, sharing, acknowledgement, closing as read-only history, actions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.accounts.models import User
from app.core.domain import DomainError
from app.extensions import db
from app.skills import drafting, services
from app.skills import sheet_actions as actions
from app.skills import sheets as rules
from app.skills.models import ActionKind, ActionStatus, DevelopmentSheet, SheetStatus

TODAY = date.today()
PERIOD = rules.Period.month_of(TODAY)


def person(user) -> User:
    return db.session.get(User, user.id)


def rate(user, key: str, level: int, days_ago: int = 1) -> None:
    services.rate_skill(person(user), key, level, "наблюдение", person(user), TODAY - timedelta(days=days_ago))


def test_period_helpers():
    november = rules.Period.month_of(date(2026, 11, 17))
    assert (november.start, november.end, november.days) == (date(2026, 11, 1), date(2026, 11, 30), 30)
    assert november.previous() == rules.Period(date(2026, 10, 1), date(2026, 10, 31))
    assert rules.Period(date(2026, 11, 10), date(2026, 11, 19)).previous() == rules.Period(
        date(2026, 10, 31), date(2026, 11, 9)
    )


def test_draft_picks_the_weakest_skills_and_the_most_failed_items(framework, team, make_call):
    anna = team["anna"]
    for level, key in [
        (1, "closing"),
        (2, "negotiation"),
        (3, "opening"),
        (4, "product_knowledge"),
        (5, "positioning"),
    ]:
        rate(anna, key, level)
    day = max(PERIOD.start, TODAY - timedelta(days=2))
    for _ in range(3):  # objection handling 50 % -> level 3 on each call
        make_call(
            anna.id,
            day,
            [
                ("obj_clarify", "objection_handling", "fail"),
                ("obj_acknowledge", "objection_handling", "pass"),
                ("gk_intro", "gatekeeper", "na"),
            ],
        )
    make_call(
        anna.id,
        day,
        [
            ("spin_problem", "needs_discovery", "fail"),  # needs discovery -> level 1
            ("obj_clarify", "objection_handling", "pass"),
            ("obj_acknowledge", "objection_handling", "fail"),
        ],
    )

    sheet = drafting.draft_sheet(person(anna), PERIOD, person(team["supervisor"]))
    db.session.commit()

    assert sheet.status == SheetStatus.DRAFT
    # by failures (3, 1, 1), then by fail rate (spin_problem 1/1 before obj_acknowledge 1/4)
    assert [i["item_id"] for i in sheet.focus_items] == ["obj_clarify", "spin_problem", "obj_acknowledge"]
    assert (sheet.focus_items[0]["failed"], sheet.focus_items[0]["applicable"]) == (3, 4)
    assert len(sheet.focus_items[0]["call_ids"]) == 3
    # the three weakest below 3.5 (ties in framework order), then the most-failed item's skill (level 3.0)
    assert [row.skill.key for row in sheet.skills] == [
        "needs_discovery",
        "closing",
        "negotiation",
        "objection_handling",
    ]
    assert [(row.start_level, row.target_level) for row in sheet.skills] == [(1.0, 2), (1.0, 2), (2.0, 3), (3.0, 4)]
    role_play = [a for a in sheet.actions if a.kind == ActionKind.ROLE_PLAY]
    assert [a.target_ref for a in role_play] == ["spin_problem", "obj_clarify"]
    assert "3 из 4" in role_play[1].title
    assert all(TODAY <= a.due_date <= PERIOD.end for a in sheet.actions)  # over the rest of the period
    assert sheet.summary.startswith("Фокус периода: Выявление потребностей (СПИН) — 1,0")
    assert (sheet.analysed_from, sheet.analysed_to) == (PERIOD.start, min(PERIOD.end, TODAY))


def test_few_calls_in_the_period_widen_the_window_to_60_days(framework, team, make_call):
    anna = team["anna"]
    old_day = PERIOD.start - timedelta(days=20)
    make_call(anna.id, old_day, [("close_next_step", "closing", "fail")])
    sheet = drafting.draft_sheet(person(anna), PERIOD)
    end = min(PERIOD.end, TODAY)
    assert (sheet.analysed_from, sheet.analysed_to) == (end - timedelta(days=59), end)
    assert [i["item_id"] for i in sheet.focus_items] == ["close_next_step"]


def test_focus_is_ordered_weakest_first(framework, team):
    anna = team["anna"]
    for level, key in [(3, "opening"), (1, "closing"), (2, "negotiation"), (4, "gatekeeper")]:
        rate(anna, key, level)
    db.session.commit()
    sheet = drafting.draft_sheet(person(anna), PERIOD)
    assert [row.skill.key for row in sheet.skills] == ["closing", "negotiation", "opening"]
    assert [row.target_level for row in sheet.skills] == [2, 3, 4]


def test_strong_people_get_their_single_weakest_skill(framework, team):
    anna = team["anna"]
    rate(anna, "opening", 4)
    rate(anna, "closing", 5)
    rate(anna, "negotiation", 4)
    db.session.commit()
    sheet = drafting.draft_sheet(person(anna), PERIOD)
    assert len(sheet.skills) == 1 and sheet.skills[0].skill.key in {"opening", "negotiation"}


def test_a_new_hire_without_evidence_starts_with_the_first_skills(framework, team):
    sheet = drafting.draft_sheet(person(team["anna"]), PERIOD)
    assert [row.skill.key for row in sheet.skills] == ["gatekeeper", "opening", "needs_discovery"]
    assert all(row.start_level is None and row.target_level == 3 for row in sheet.skills)


def test_sit_in_suggests_the_strongest_colleague(framework, team):
    anna, boris = team["anna"], team["boris"]
    rate(anna, "closing", 1)
    rate(boris, "closing", 5)
    db.session.commit()
    sheet = drafting.draft_sheet(person(anna), PERIOD)
    [sit_in] = [a for a in sheet.actions if a.kind == ActionKind.SIT_IN]
    assert sit_in.target_ref == str(boris.id) and "Борис Иванов" in sit_in.title


def test_course_and_exam_actions_come_from_the_learning_content(framework, team):
    from app.exams.models import Exam
    from app.learning.models import Course

    db.session.add(Course(key="objections", title="Работа с возражениями", skills=["objection_handling", "closing"]))
    db.session.add(Exam(title="Экзамен: возражения", course_key="objections"))
    rate(team["anna"], "objection_handling", 1)
    rate(team["anna"], "closing", 2)
    db.session.commit()
    sheet = drafting.draft_sheet(person(team["anna"]), PERIOD)
    courses = [a for a in sheet.actions if a.kind == ActionKind.COURSE]
    exams = [a for a in sheet.actions if a.kind == ActionKind.EXAM]
    assert [a.target_ref for a in courses] == ["objections"]  # planned once although it teaches both skills
    assert [a.target_ref for a in exams] == ["objections"]
    assert len(sheet.actions) <= drafting.MAX_ACTIONS


def test_only_one_open_sheet_per_person_and_period(framework, team):
    anna = person(team["anna"])
    first = drafting.draft_sheet(anna, PERIOD)
    with pytest.raises(DomainError) as error:
        drafting.draft_sheet(anna, rules.Period(PERIOD.start + timedelta(days=5), PERIOD.end + timedelta(days=20)))
    assert f"№{first.id}" in error.value.message
    drafting.draft_sheet(anna, PERIOD.previous())  # no overlap: fine
    with pytest.raises(DomainError):
        drafting.draft_sheet(anna, rules.Period(PERIOD.end, PERIOD.start))


def _active_sheet(team) -> DevelopmentSheet:
    rate(team["anna"], "closing", 2)
    sheet = drafting.draft_sheet(person(team["anna"]), PERIOD, person(team["supervisor"]))
    rules.share_sheet(sheet)
    db.session.commit()
    return sheet


def test_only_the_employee_acknowledges_an_active_sheet_and_changes_ask_again(framework, team):
    anna = person(team["anna"])
    draft = drafting.draft_sheet(anna, PERIOD)
    with pytest.raises(DomainError):
        rules.acknowledge(draft, anna)  # a draft is not shared yet
    rules.share_sheet(draft)
    with pytest.raises(DomainError):
        rules.acknowledge(draft, person(team["supervisor"]))
    assert rules.needs_acknowledgement(draft)
    rules.acknowledge(draft, anna)
    db.session.commit()
    assert draft.acknowledged_at is not None and not rules.needs_acknowledgement(draft)
    assert rules.awaiting_acknowledgement(anna.id) == []

    rules.update_skill_target(draft.skills[0], 4, "поднимаем планку")
    db.session.commit()
    assert rules.needs_acknowledgement(draft)
    assert rules.awaiting_acknowledgement(anna.id) == [draft]


def test_closed_sheets_are_read_only_history(framework, team):
    sheet = _active_sheet(team)
    supervisor = person(team["supervisor"])
    with pytest.raises(DomainError):
        rules.delete_draft(sheet)
    rules.close_sheet(sheet, supervisor, "Цели достигнуты")
    db.session.commit()
    assert sheet.status == SheetStatus.CLOSED and sheet.closed_by_id == supervisor.id and sheet.closed_at
    attempts = [
        lambda: rules.update_sheet(sheet, "x", PERIOD),
        lambda: rules.add_skill(sheet, "opening", 3, None),
        lambda: rules.update_skill_target(sheet.skills[0], 5, ""),
        lambda: actions.add_action(sheet, actions.ActionData("other", "x")),
        lambda: actions.set_action_status(sheet.actions[0], "done", person(team["anna"])),
        lambda: actions.delete_action(sheet.actions[0]),
        lambda: actions.add_comment(sheet, supervisor, "x"),
        lambda: rules.acknowledge(sheet, person(team["anna"])),
        lambda: rules.close_sheet(sheet, supervisor),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError):
            attempt()
    # a new sheet for the same period is allowed once the old one is closed
    assert drafting.draft_sheet(person(team["anna"]), PERIOD).id != sheet.id


def test_drafts_cannot_be_closed_but_can_be_deleted(framework, team):
    draft = drafting.draft_sheet(person(team["anna"]), PERIOD)
    with pytest.raises(DomainError):
        rules.close_sheet(draft, person(team["supervisor"]))
    rules.delete_draft(draft)
    db.session.commit()
    assert db.session.get(DevelopmentSheet, draft.id) is None


def test_the_employee_moves_actions_along_but_cannot_cancel_them(framework, team):
    sheet = _active_sheet(team)
    anna, action = person(team["anna"]), sheet.actions[0]
    actions.set_action_status(action, "done", anna)
    assert action.status == ActionStatus.DONE and action.done_at is not None
    actions.set_action_status(action, "in_progress", anna)
    assert action.done_at is None
    with pytest.raises(DomainError):
        actions.set_action_status(action, "cancelled", anna)
    with pytest.raises(DomainError):
        actions.set_action_status(action, "done", person(team["boris"]))
    actions.set_action_status(action, "cancelled", person(team["supervisor"]))
    assert action.status == ActionStatus.CANCELLED


def test_actions_are_checked_and_due_soon_ones_are_listed(framework, team):
    sheet = _active_sheet(team)
    with pytest.raises(DomainError) as error:
        actions.add_action(sheet, actions.ActionData("role_play", "  "))
    assert error.value.field == "title"
    with pytest.raises(DomainError) as error:
        actions.add_action(sheet, actions.ActionData("teleport", "x"))
    assert error.value.field == "kind"
    with pytest.raises(DomainError) as error:
        actions.add_action(sheet, actions.ActionData("other", "x", due_date=PERIOD.end + timedelta(days=90)))
    assert error.value.field == "due_date"
    for action in list(sheet.actions):
        actions.delete_action(action)
    soon = actions.add_action(sheet, actions.ActionData("role_play", "Ролевая игра", "closing", due_date=TODAY))
    actions.add_action(sheet, actions.ActionData("other", "Позже", due_date=PERIOD.end + timedelta(days=20)))
    done = actions.add_action(sheet, actions.ActionData("other", "Сделано", due_date=TODAY, status="done"))
    db.session.commit()
    due = rules.due_actions(team["anna"].id, TODAY, within_days=14)
    assert soon in due and done not in due and all(a.due_date <= TODAY + timedelta(days=14) for a in due)


def test_skills_on_a_sheet_are_unique_and_limited(framework, team):
    sheet = _active_sheet(team)
    with pytest.raises(DomainError):
        rules.add_skill(sheet, sheet.skills[0].skill.key, 3, None)
    with pytest.raises(DomainError):
        rules.add_skill(sheet, "no_such_skill", 3, None)
    with pytest.raises(DomainError) as error:
        rules.add_skill(sheet, "positioning", 6, None)
    assert error.value.field == "target_level"


def test_list_hides_drafts_from_the_employee_and_other_teams(framework, team):
    anna = person(team["anna"])
    draft = drafting.draft_sheet(anna, PERIOD)
    db.session.commit()
    assert rules.list_sheets(anna) == []
    assert rules.list_sheets(person(team["supervisor"])) == [draft]
    assert rules.list_sheets(person(team["other_supervisor"])) == []
    assert rules.list_sheets(person(team["trainer"])) == [draft]
    rules.share_sheet(draft)
    db.session.commit()
    assert rules.list_sheets(anna) == [draft]
    assert rules.list_sheets(person(team["boris"])) == []
