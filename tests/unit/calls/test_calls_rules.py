"""Pure rules of the calls feature: final score, stages and progress, audit diff, transcript display."""

from __future__ import annotations

import enum

import pytest

from app.calls.rules import (
    ScoreResult,
    TransitionError,
    Verdict,
    audit_diff,
    check_transition,
    final_score,
    format_clock,
    is_unreliable,
    resume_stage,
    speaker_roles,
    stage_progress,
    summarise_metrics,
)


def _card() -> list[Verdict]:
    return [
        Verdict("pass", 3.0, 3.0),
        Verdict("fail", 5.0, 0.0, critical=True),
        Verdict("pass", 2.0, 2.0),
        Verdict("na", 4.0, 0.0),
    ]


def test_untouched_scorecard_keeps_the_engine_score():
    assert final_score(_card(), auto_score=50.0) == ScoreResult(50.0, True)


def test_score_is_computed_over_applicable_weights_without_an_engine_score():
    assert final_score(_card()) == ScoreResult(50.0, True)  # 5 of 10 applicable points


def test_human_pass_on_a_failed_critical_item_raises_the_score_and_clears_the_critical_flag():
    verdicts = _card()
    verdicts[1] = Verdict("fail", 5.0, 0.0, critical=True, human_result="pass")
    assert final_score(verdicts, auto_score=50.0) == ScoreResult(100.0, False)


def test_human_fail_lowers_the_score_and_human_na_removes_the_weight():
    verdicts = _card()
    verdicts[0] = Verdict("pass", 3.0, 3.0, human_result="fail")
    assert final_score(verdicts, auto_score=50.0).score == 20.0  # 2 of 10
    verdicts[1] = Verdict("fail", 5.0, 0.0, critical=True, human_result="na")
    assert final_score(verdicts, auto_score=50.0) == ScoreResult(40.0, False)  # 2 of 5


def test_human_verdict_equal_to_the_automatic_one_changes_nothing():
    verdicts = _card()
    verdicts[2] = Verdict("pass", 2.0, 2.0, human_result="pass")
    assert final_score(verdicts, auto_score=50.0).score == 50.0


def test_nothing_applicable_gives_no_score():
    assert final_score([Verdict("na", 2.0), Verdict("pass", 1.0, 1.0, human_result="na")]).score is None


def test_partial_engine_points_are_kept_for_untouched_items():
    verdicts = [Verdict("pass", 4.0, 2.0), Verdict("fail", 4.0, 0.0, human_result="pass")]
    assert final_score(verdicts, auto_score=25.0).score == 75.0


@pytest.mark.parametrize(
    ("current", "new"),
    [
        ("uploaded", "transcribing"),
        ("transcribing", "transcribing"),
        ("transcribing", "scoring"),
        ("scoring", "scored"),
        ("scoring", "failed"),
        ("scored", "scoring"),
        ("failed", "uploaded"),
    ],
)
def test_allowed_transitions(current, new):
    check_transition(current, new)


@pytest.mark.parametrize(
    ("current", "new"), [("uploaded", "scored"), ("scored", "failed"), ("failed", "scored"), ("scored", "uploaded")]
)
def test_refused_transitions(current, new):
    with pytest.raises(TransitionError):
        check_transition(current, new)


def test_stage_progress_stays_inside_each_stage_and_is_monotonic():
    transcribing = [stage_progress("transcribing", f / 10) for f in range(11)]
    assert transcribing == sorted(transcribing)
    assert transcribing[0] == 5 and transcribing[-1] == 85
    assert stage_progress("scoring", 0.0) == 85
    assert stage_progress("scored", 0.3) == 100
    assert stage_progress("transcribing", 7.0) == 85  # clamped


def test_resume_stage_starts_at_the_first_missing_output():
    assert resume_stage(has_transcript=False, has_scorecard=False) == "transcribing"
    assert resume_stage(has_transcript=True, has_scorecard=False) == "scoring"
    assert resume_stage(has_transcript=True, has_scorecard=True) == "scored"


class _Colour(enum.Enum):
    RED = "red"


def test_audit_diff_lists_only_changed_fields_as_text():
    before = {"result": "pass", "reason": None, "colour": _Colour.RED, "same": 1}
    after = {"result": "fail", "reason": "нет", "colour": "red", "same": 1, "new": 2.5}
    assert audit_diff(before, after) == [("new", None, "2.5"), ("reason", None, "нет"), ("result", "pass", "fail")]
    assert audit_diff(after, after) == []


def test_unreliable_segments_are_flagged_by_logprob_no_speech_or_word_probability():
    assert not is_unreliable({"text": "да", "avg_logprob": -0.3, "no_speech_prob": 0.1})
    assert is_unreliable({"avg_logprob": -1.4})
    assert is_unreliable({"no_speech_prob": 0.8})
    assert is_unreliable({"words": [{"w": "а", "p": 0.2}, {"w": "б", "p": 0.4}]})
    assert not is_unreliable({"text": "без оценок"})


def test_speaker_roles_split_the_client_at_the_hand_over():
    segments = [{"speaker": s} for s in ("client", "manager", "client", "manager", "client")]
    structure = {"has_gatekeeper": True, "dm_reached": True, "dm_start": 4}
    assert speaker_roles(segments, structure) == ["gatekeeper", "manager", "gatekeeper", "manager", "decision_maker"]
    assert speaker_roles(segments, {"has_gatekeeper": True, "dm_reached": False, "dm_start": None})[-1] == "gatekeeper"
    assert speaker_roles(segments, {"has_gatekeeper": False, "dm_reached": True, "dm_start": 0})[0] == "client"
    assert speaker_roles(segments, None) == ["client", "manager", "client", "manager", "client"]


def test_metric_summary_takes_the_managers_figures():
    metrics = {
        "talk_share": {"manager": 0.62, "client": 0.38},
        "questions": {"manager": 7, "client": 2},
        "longest_monologue": {"manager": {"seconds": 41.5, "first_segment": 3}},
        "interruptions": {"manager": 2, "client": 0},
    }
    assert summarise_metrics(metrics) == {
        "talk_share": 0.62,
        "questions": 7,
        "longest_monologue": 41.5,
        "interruptions": 2,
    }
    assert summarise_metrics({"talk_share": 62})["talk_share"] == 0.62
    assert summarise_metrics(None) == dict.fromkeys(("talk_share", "questions", "longest_monologue", "interruptions"))


@pytest.mark.parametrize(("seconds", "text"), [(None, "—"), (0, "0:00"), (65.9, "1:05"), (3725, "1:02:05")])
def test_format_clock(seconds, text):
    assert format_clock(seconds) == text
