"""Rescoring: new scorecards with the current version, old ones untouched, idempotent, permissions, recovery."""

from __future__ import annotations

from datetime import date

import pytest

from app.accounts.models import User
from app.calls import rescoring
from app.calls.library_models import RescoreRun, RunStatus
from app.calls.models import Call, Scorecard
from app.core.domain import DomainError
from app.extensions import db
from tests.factories import MINI_CALL_YAML, checklist_call, publish, transcript

DAY = date(2026, 3, 2)
# v2 drops the farewell item and asks for a different next step phrase
V2_YAML = MINI_CALL_YAML.replace('any: ["встреча", "созвонимся", "пришлю"]', 'any: ["договор"]').split(
    "      - id: farewell"
)[0]


def _user(world, key) -> User:
    return db.session.get(User, world[key].id)


def _scored_call(world, version, key="anna", **kwargs) -> int:
    call = checklist_call(world[key], version, call_date=DAY, transcript=transcript(), score=50.0, **kwargs)
    db.session.commit()
    return call.id


def _run(run_id: int) -> RescoreRun:
    db.session.expire_all()
    return db.session.get(RescoreRun, run_id)


def test_rescoring_adds_a_scorecard_and_keeps_the_old_one(ctx, world, version):
    call_id = _scored_call(world, version)
    old = db.session.get(Call, call_id).current_scorecard
    old_items = [(i.item_id, i.auto_result.value) for i in old.items]
    v2 = publish(V2_YAML)
    db.session.commit()
    run = rescoring.start_for_calls(_user(world, "rop_a"), [call_id])
    db.session.commit()
    rescoring.enqueue_run(run)  # JOBS_MODE=sync: runs now
    run = _run(run.id)
    assert (run.status, run.done, run.rescored, run.skipped, run.failed) == (RunStatus.DONE, 1, 1, 0, 0)
    call = db.session.get(Call, call_id)
    cards = call.scorecards
    assert [c.sequence for c in cards] == [1, 2] and call.current_scorecard_id == cards[1].id
    assert (
        cards[0].checklist_version_id == version.id
        and [(i.item_id, i.auto_result.value) for i in cards[0].items] == old_items
    )
    assert cards[1].checklist_version_id == v2.id and cards[1].reason == "rescore"
    assert [i.item_id for i in cards[1].items] == ["greet", "next_step"]
    assert cards[1].created_by_id == world["rop_a"].id
    assert call.final_score == cards[1].auto_score != 50.0


def test_a_second_run_skips_calls_already_on_the_current_version(ctx, world, version):
    call_id = _scored_call(world, version)
    publish(V2_YAML)
    db.session.commit()
    for _ in range(2):
        run = rescoring.start_for_calls(_user(world, "admin"), [call_id])
        db.session.commit()
        rescoring.enqueue_run(run)
    run = _run(run.id)
    assert (run.rescored, run.skipped) == (0, 1) and run.details == {str(call_id): "up_to_date"}
    assert db.session.scalar(db.select(db.func.count(Scorecard.id)).where(Scorecard.call_id == call_id)) == 2


def test_reviewed_calls_are_skipped_unless_included(ctx, world, version):
    reviewed = _scored_call(world, version, reviewed=True)
    plain = _scored_call(world, version, key="boris")
    publish(V2_YAML)
    db.session.commit()
    run = rescoring.start_for_period(_user(world, "rop_a"), version.checklist_id, DAY, DAY)
    db.session.commit()
    rescoring.enqueue_run(run)
    assert _run(run.id).details == {str(reviewed): "reviewed", str(plain): "rescored"}
    run = rescoring.start_for_calls(_user(world, "rop_a"), [reviewed], include_reviewed=True)
    db.session.commit()
    rescoring.enqueue_run(run)
    assert _run(run.id).details == {str(reviewed): "rescored"}


def test_period_runs_cover_only_calls_the_user_may_review(ctx, world, version):
    mine = _scored_call(world, version, key="anna")
    _scored_call(world, version, key="vera")
    checklist_call(world["anna"], version, call_date=DAY, status="failed")
    db.session.commit()
    run = rescoring.start_for_period(_user(world, "rop_a"), version.checklist_id, DAY, DAY)
    assert run.call_ids == [mine]
    assert len(rescoring.start_for_period(_user(world, "admin"), version.checklist_id, DAY, DAY).call_ids) == 2
    with pytest.raises(DomainError):
        rescoring.start_for_calls(_user(world, "rop_b"), [mine])
    with pytest.raises(DomainError):
        rescoring.start_for_period(_user(world, "rop_b"), version.checklist_id, date(2020, 1, 1), date(2020, 1, 2))
    assert not rescoring.may_rescore(_user(world, "anna")) and not rescoring.may_rescore(_user(world, "trainer"))


def test_recovery_requeues_a_run_left_running(ctx, world, version):
    call_id = _scored_call(world, version)
    publish(V2_YAML)
    run = rescoring.start_for_calls(_user(world, "admin"), [call_id])
    run.status = RunStatus.RUNNING  # a worker died here
    db.session.commit()
    rescoring.recover_unfinished_runs()
    run = _run(run.id)
    assert run.status == RunStatus.DONE and run.rescored == 1
