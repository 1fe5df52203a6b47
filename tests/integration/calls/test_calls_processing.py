"""Processing job: stages and progress, idempotency, recovery after a crash, no duplicate scorecards."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.calls import jobs, processing, transcriber
from app.calls.models import Call, CallStatus, Scorecard, ScorecardItem
from app.calls.scorecards import DuplicateScorecard, create_scorecard, set_current_scorecard
from app.core.events import call_scored
from app.extensions import db
from tests.factories import intake_call, transcript


@pytest.fixture
def scored_signals():
    received = []

    def receiver(sender, **payload):
        received.append(payload)

    call_scored.connect(receiver)
    yield received
    call_scored.disconnect(receiver)


def _scorecards(call_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Scorecard).where(Scorecard.call_id == call_id))


def test_a_call_with_a_transcript_is_scored_with_items_metrics_and_one_signal(ctx, checklist, people, scored_signals):
    call_id = intake_call(people["anna"].id, checklist.checklist_id, sidecar=transcript())
    assert jobs.process_call(call_id) == "scored"
    call = db.session.get(Call, call_id)
    card = call.current_scorecard
    assert (call.status, call.progress, call.error) == (CallStatus.SCORED, 100, None)
    assert card.checklist_version_id == checklist.id and card.sequence == 1
    assert call.final_score == card.auto_score == card.auto["score"]
    ids = [i.item_id for i in card.items]
    assert "gk_intro" in ids and "close_next_step" in ids
    gk_intro = next(i for i in card.items if i.item_id == "gk_intro")
    assert gk_intro.section == "Прохождение секретаря" and gk_intro.evidence[0]["quote"]
    assert all(i.call_id == call_id for i in card.items)
    assert 0 < call.metrics["summary"]["talk_share"] < 1 and call.metrics["summary"]["questions"] > 0
    assert call.duration == pytest.approx(transcript()["duration"], abs=0.5)
    assert scored_signals == [{"call_id": call_id, "manager_id": people["anna"].id, "scorecard_id": card.id}]


def test_running_the_job_again_changes_nothing(ctx, checklist, people, scored_signals):
    call_id = intake_call(people["anna"].id, checklist.checklist_id, sidecar=transcript())
    jobs.process_call(call_id)
    before = db.session.get(Call, call_id).updated_at
    assert jobs.process_call(call_id) == "scored"
    assert _scorecards(call_id) == 1 and len(scored_signals) == 1
    assert db.session.get(Call, call_id).updated_at == before


def test_progress_and_step_are_recorded_on_the_row_while_transcribing(ctx, checklist, people, monkeypatch):
    seen: list[tuple[str, int, str]] = []

    class Recorder:
        name = "fake"

        def transcribe(self, request, progress):
            for fraction, step in ((0.0, "decode"), (0.5, "transcribe"), (0.9, "diarize"), (1.0, "done")):
                progress(fraction, step)
                db.session.expire_all()
                row = db.session.get(Call, call_id)
                seen.append((row.status.value, row.progress, row.stage))
            return transcript()

    monkeypatch.setitem(transcriber.ADAPTERS, "fake", Recorder)
    monkeypatch.setitem(ctx.config, "CALLS_TRANSCRIBER", "fake")
    call_id = intake_call(people["anna"].id, checklist.checklist_id)
    assert jobs.process_call(call_id) == "scored"
    assert seen == [
        ("transcribing", 5, "Чтение записи"),
        ("transcribing", 45, "Распознавание речи"),
        ("transcribing", 77, "Разделение реплик по ролям"),
        ("transcribing", 85, "Распознавание завершено"),
    ]
    assert db.session.get(Call, call_id).transcript["source"] == "fake"


def test_progress_is_throttled_within_a_step(ctx, checklist, people, monkeypatch):
    commits: list[int] = []

    class Chatty:
        name = "chatty"

        def transcribe(self, request, progress):
            for i in range(200):
                progress(i / 200, "transcribe")
            return transcript()

    monkeypatch.setitem(transcriber.ADAPTERS, "chatty", Chatty)
    monkeypatch.setitem(ctx.config, "CALLS_TRANSCRIBER", "chatty")
    monkeypatch.setattr(processing, "PROGRESS_INTERVAL_S", 3600.0)
    original = processing._ProgressRecorder.__call__

    def counting(self, fraction, stage=None):
        before = self.last_at
        original(self, fraction, stage)
        if self.last_at != before:
            commits.append(1)

    monkeypatch.setattr(processing._ProgressRecorder, "__call__", counting)
    call_id = intake_call(people["anna"].id, checklist.checklist_id)
    assert jobs.process_call(call_id) == "scored"
    assert len(commits) == 1  # 200 reports inside one step and one interval: a single write


def test_recovery_restarts_a_call_left_mid_transcription(ctx, checklist, people):
    call_id = intake_call(people["anna"].id, checklist.checklist_id, sidecar=transcript())
    call = db.session.get(Call, call_id)
    call.status, call.progress = CallStatus.TRANSCRIBING, 40  # the worker died here
    db.session.commit()
    jobs.recover_unfinished_calls()  # sync runner: the re-queued job runs at once
    db.session.expire_all()
    call = db.session.get(Call, call_id)
    assert call.status == CallStatus.SCORED and _scorecards(call_id) == 1


def test_recovery_resumes_at_scoring_when_the_transcript_exists(ctx, checklist, people):
    call_id = intake_call(people["anna"].id, checklist.checklist_id)  # no sidecar: transcribing would fail
    call = db.session.get(Call, call_id)
    call.status, call.transcript = CallStatus.SCORING, transcript()
    db.session.commit()
    jobs.recover_unfinished_calls()
    db.session.expire_all()
    assert db.session.get(Call, call_id).status == CallStatus.SCORED


def test_a_second_worker_cannot_store_a_duplicate_scorecard(ctx, checklist, people):
    call_id = intake_call(people["anna"].id, checklist.checklist_id, sidecar=transcript())
    jobs.process_call(call_id)
    call = db.session.get(Call, call_id)
    with pytest.raises(DuplicateScorecard):
        create_scorecard(call, checklist, call.current_scorecard.auto, None, reason="initial")
    assert _scorecards(call_id) == 1


def test_a_job_that_loses_the_race_leaves_the_winners_scorecard(ctx, checklist, people, monkeypatch):
    call_id = intake_call(people["anna"].id, checklist.checklist_id, sidecar=transcript())
    jobs.process_call(call_id)
    call = db.session.get(Call, call_id)
    call.status = CallStatus.SCORING  # as another worker sees it mid-way
    call.current_scorecard_id = None
    db.session.commit()
    assert jobs.process_call(call_id) in {"scoring", "scored"}
    assert _scorecards(call_id) == 1


def test_failure_says_why_and_a_retry_queues_the_call_again(ctx, checklist, people):
    call_id = intake_call(people["anna"].id, checklist.checklist_id)  # sidecar mode without a transcript
    assert jobs.process_call(call_id) == "failed"
    call = db.session.get(Call, call_id)
    assert "Не удалось распознать речь" in call.error and call.status == CallStatus.FAILED
    call.sidecar_transcript = transcript()
    processing.retry(call)
    db.session.commit()
    assert (call.status, call.error) == (CallStatus.UPLOADED, None)
    assert jobs.process_call(call_id) == "scored"


def test_an_unexpected_error_fails_the_call_with_a_readable_reason(ctx, checklist, people, monkeypatch):
    def explode(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(processing, "score_with", explode)
    call_id = intake_call(people["anna"].id, checklist.checklist_id, sidecar=transcript())
    assert jobs.process_call(call_id) == "failed"
    assert "Внутренняя ошибка" in db.session.get(Call, call_id).error


def test_rescoring_adds_a_scorecard_and_keeps_the_old_one_untouched(ctx, checklist, people):
    call_id = intake_call(people["anna"].id, checklist.checklist_id, sidecar=transcript())
    jobs.process_call(call_id)
    call = db.session.get(Call, call_id)
    first = call.current_scorecard
    first_items = {i.item_id: (i.auto_result, i.evidence) for i in first.items}
    second = processing.score_with(call, checklist, reason="rescore")
    set_current_scorecard(call, second)
    db.session.commit()
    assert second.sequence == 2 and call.current_scorecard_id == second.id
    db.session.expire_all()
    old = db.session.get(Scorecard, first.id)
    assert {i.item_id: (i.auto_result, i.evidence) for i in old.items} == first_items
    rows = db.session.scalar(select(func.count()).select_from(ScorecardItem).where(ScorecardItem.call_id == call_id))
    assert rows == 2 * len(first_items)


def test_unfinished_call_ids_honour_the_staleness_window(ctx, checklist, people):
    call_id = intake_call(people["anna"].id, checklist.checklist_id)
    assert processing.unfinished_call_ids() == [call_id]
    assert processing.unfinished_call_ids(stale_seconds=3600) == []  # touched just now: another worker has it
