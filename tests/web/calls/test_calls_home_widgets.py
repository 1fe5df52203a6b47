"""Calls home cards (review queue, latest own calls; never anyone else's) and the upload page's way back."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.factories import intake_call, transcript


def _scored_call(app, manager_id: int, checklist: int) -> int:
    from app.calls.jobs import process_call
    from app.calls.models import Call
    from app.extensions import db

    with app.app_context():
        call_id = intake_call(manager_id, checklist, sidecar=transcript())
        assert process_call(call_id) == "scored"
        db.session.get(Call, call_id).call_date = date.today()  # inside the card's two-week window
        db.session.commit()
    return call_id


def _mark_reviewed(app, call_id: int) -> None:
    from app.calls.models import Call
    from app.extensions import db

    with app.app_context():
        db.session.get(Call, call_id).reviewed_at = datetime.now(UTC)
        db.session.commit()


def test_supervisor_queue_lists_own_team_unreviewed_calls_only(app, client, auth, people, checklist):
    mine = _scored_call(app, people["anna"].id, checklist)
    foreign = _scored_call(app, people["other"].id, checklist)
    auth.login(people["supervisor"])
    html = client.get("/").get_data(as_text=True)
    assert 'data-testid="widget-review-queue"' in html
    assert f'href="/calls/{mine}"' in html
    assert f'href="/calls/{foreign}"' not in html

    _mark_reviewed(app, mine)
    html = client.get("/").get_data(as_text=True)
    assert f'href="/calls/{mine}"' not in html
    assert "Все оценённые звонки за две недели прослушаны." in html


def test_manager_card_shows_own_calls_not_a_teammates(app, client, auth, people, checklist):
    own = _scored_call(app, people["anna"].id, checklist)
    teammate = _scored_call(app, people["boris"].id, checklist)
    auth.login(people["anna"])
    html = client.get("/").get_data(as_text=True)
    assert 'data-testid="widget-my-calls"' in html and 'data-testid="widget-review-queue"' not in html
    assert f'href="/calls/{own}"' in html
    assert f'href="/calls/{teammate}"' not in html


def test_manager_without_calls_gets_an_upload_hint(client, auth, people):
    auth.login(people["boris"])
    html = client.get("/").get_data(as_text=True)
    assert "Звонков пока нет." in html and 'href="/calls/upload"' in html


def test_trainer_gets_no_calls_card(client, auth, people, scored_call):
    auth.login(people["trainer"])
    html = client.get("/").get_data(as_text=True)
    assert "widget-review-queue" not in html and "widget-my-calls" not in html


def test_upload_page_leads_back_to_the_call_list(client, auth, people, checklist):
    auth.login(people["anna"])
    html = client.get("/calls/upload").get_data(as_text=True)
    assert 'href="/calls"' in html[html.index("<main"):]


def test_supervisor_without_a_team_gets_no_review_card(client, auth, make_user):
    auth.login(make_user(role="supervisor"))
    assert "widget-review-queue" not in client.get("/").get_data(as_text=True)
