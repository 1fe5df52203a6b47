"""Review through the pages: override with a reason recomputes the score and lands in the audit trail."""

from __future__ import annotations

import pytest

from app.calls.models import AuditEntry, Call, CallComment, Review
from app.core.events import call_reviewed
from app.extensions import db


def _item(app, call_id: int, result: str):
    """The first item of the call's scorecard with this automatic verdict."""
    with app.app_context():
        card = db.session.get(Call, call_id).current_scorecard
        item = next(i for i in card.items if i.auto_result.value == result)
        return item.id, item.item_id


def _score(app, call_id: int) -> float:
    with app.app_context():
        return db.session.get(Call, call_id).final_score


@pytest.fixture
def reviewed_signals():
    received = []

    def receiver(sender, **payload):
        received.append(payload)

    call_reviewed.connect(receiver)
    yield received
    call_reviewed.disconnect(receiver)


def test_override_with_reason_changes_score_and_is_audited(app, client, auth, people, scored_call, reviewed_signals):
    item_id, key = _item(app, scored_call, "pass")
    before = _score(app, scored_call)
    auth.login(people["supervisor"])
    response = client.post(
        f"/calls/{scored_call}/override",
        data={"item_id": item_id, "result": "fail", "reason": "Это не возражение, а просьба"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    after = _score(app, scored_call)
    assert after < before
    assert "Вердикт сохранён" in page and "Это не возражение, а просьба" in page
    assert 'data-testid="audit-entry"' in page and "Пункт «" in page
    with app.app_context():
        entries = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [(e.field, e.before, e.after) for e in entries] == [
            (key, "pass", "fail"),
            ("final_score", str(before), str(after)),
        ]
        assert all(e.actor_id == people["supervisor"].id for e in entries)
    assert reviewed_signals == [
        {"call_id": scored_call, "manager_id": people["anna"].id, "scorecard_id": reviewed_signals[0]["scorecard_id"]}
    ]


def test_override_without_reason_is_refused(app, client, auth, people, scored_call):
    item_id, _key = _item(app, scored_call, "pass")
    before = _score(app, scored_call)
    auth.login(people["admin"])
    page = client.post(
        f"/calls/{scored_call}/override",
        data={"item_id": item_id, "result": "fail", "reason": " "},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "укажите причину" in page.lower()
    assert _score(app, scored_call) == before
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)) == 0


def test_comment_at_a_moment_and_finalize(app, client, auth, people, scored_call):
    auth.login(people["supervisor"])
    client.post(f"/calls/{scored_call}/comments", data={"text": "Здесь стоило уточнить бюджет", "at_seconds": "63.7"})
    client.post(f"/calls/{scored_call}/comments", data={"text": "", "at_seconds": ""})
    client.post(f"/calls/{scored_call}/finalize", data={"summary": "Хорошо, поработать над возражениями"})
    with app.app_context():
        comments = db.session.scalars(db.select(CallComment)).all()
        assert [(c.text, c.at_seconds) for c in comments] == [("Здесь стоило уточнить бюджет", 63.7)]
        review = db.session.scalars(db.select(Review)).one()
        assert review.reviewer_id == people["supervisor"].id and review.final_score == _score(app, scored_call)
    page = client.get(f"/calls/{scored_call}").get_data(as_text=True)
    assert 'data-seek="63.7"' in page and "Хорошо, поработать над возражениями" in page
