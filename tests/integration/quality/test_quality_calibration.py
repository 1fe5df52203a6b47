"""Calibration: blind scoring, agreement between reviewers and with the automatic verdicts on a known example."""

from __future__ import annotations

import pytest


@pytest.fixture
def session(ctx, call, make_user):
    from app.accounts.models import User
    from app.extensions import db
    from app.quality import calibration

    ids = [make_user(role="supervisor").id, make_user(role="supervisor").id, make_user(role="trainer").id]
    organiser = db.session.get(User, make_user(role="trainer").id)
    item = calibration.create_session(call, organiser, ids, None)
    db.session.commit()
    return item


def _as(user_id):
    from app.accounts.models import User
    from app.extensions import db

    return db.session.get(User, user_id)


def test_blind_until_submitted_and_agreement_numbers(session, call):
    from app.quality import calibration

    auto = {i.item_id: i.auto_result.value for i in call.current_scorecard.items}
    assert auto == {"greet": "pass", "next_step": "fail", "farewell": "pass"}
    a, b, c = (r.user_id for r in session.reviewers)
    assert not calibration.may_see_results(_as(a), session)
    assert calibration.may_see_results(session.created_by, session)  # the organiser does not review
    calibration.submit(session, _as(a), {"greet": "pass", "next_step": "fail", "farewell": "pass"}, {})
    calibration.submit(
        session, _as(b), {"greet": "pass", "next_step": "pass", "farewell": "pass"}, {"next_step": "было"}
    )
    calibration.submit(session, _as(c), {"greet": "pass", "next_step": "pass", "farewell": "fail"}, {})
    assert calibration.may_see_results(_as(a), session)
    result = calibration.results(session)
    rows = {r.item_id: r for r in result.items}
    assert rows["greet"].percent == 1.0 and rows["greet"].with_auto == 1.0
    assert rows["next_step"].percent == pytest.approx(1 / 3) and rows["next_step"].majority == "pass"
    assert rows["next_step"].with_auto == pytest.approx(1 / 3)
    assert rows["farewell"].percent == pytest.approx(1 / 3) and rows["farewell"].with_auto == pytest.approx(2 / 3)
    assert result.mean_percent == pytest.approx((1 + 1 / 3 + 1 / 3) / 3)
    # Fleiss: P̄ = 5/9; 9 ratings: pass 7, fail 2 -> P̄e = (49 + 4) / 81
    pe = 53 / 81
    assert result.fleiss == pytest.approx((5 / 9 - pe) / (1 - pe))
    pairs = {(x, y): k for x, y, k in result.pairs}
    assert len(pairs) == 6  # three reviewers and the automatic verdict, pairwise
    auto_name = result.pairs[-1][1]
    a_name = session.reviewer_for(a).user.full_name
    assert pairs[(a_name, auto_name)] == pytest.approx(1.0)  # reviewer a agrees with the engine on every item


def test_submission_rules(session, call, make_user):
    from app.quality import calibration

    stranger = make_user(role="supervisor")
    a = session.reviewers[0].user_id
    with pytest.raises(calibration.DomainError, match="каждому пункту"):
        calibration.submit(session, _as(a), {"greet": "pass"}, {})
    calibration.submit(session, _as(a), {"greet": "pass", "next_step": "fail", "farewell": "na"}, {})
    with pytest.raises(calibration.DomainError, match="уже отправили"):
        calibration.submit(session, _as(a), {"greet": "pass", "next_step": "fail", "farewell": "na"}, {})
    with pytest.raises(calibration.DomainError, match="не приглашены"):
        calibration.submit(session, _as(stranger.id), {}, {})
    calibration.close(session)
    b = session.reviewers[1].user_id
    with pytest.raises(calibration.DomainError, match="закрыта"):
        calibration.submit(session, _as(b), {"greet": "pass", "next_step": "fail", "farewell": "na"}, {})
    assert calibration.may_see_results(_as(b), session)  # closed: results open to every participant


def test_a_session_needs_a_scored_call_and_two_reviewers(ctx, call, make_user):
    from app.quality import calibration

    organiser = _as(make_user(role="supervisor").id)
    manager = make_user(role="sales_manager")
    with pytest.raises(calibration.DomainError, match="двух"):
        calibration.create_session(call, organiser, [make_user(role="supervisor").id], None)
    with pytest.raises(calibration.DomainError, match="двух"):  # managers cannot be invited
        calibration.create_session(call, organiser, [manager.id, make_user(role="trainer").id], None)
    with pytest.raises(calibration.DomainError, match="нет"):
        calibration.create_session(None, organiser, [], None)
