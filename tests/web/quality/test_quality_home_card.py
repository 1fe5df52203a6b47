"""The trainers' home card: checklist drafts link to the editor; people who cannot edit content see no card."""

from __future__ import annotations


def _draft(app, trainer_id: int) -> int:
    from app.accounts.models import User
    from app.extensions import db
    from app.quality.checklists import create_checklist

    with app.app_context():
        version = create_checklist("home_card_test", "Чек-лист для главной", db.session.get(User, trainer_id))
        db.session.commit()
        return version.id


def test_trainer_sees_an_open_draft_until_it_is_discarded(app, client, auth, people):
    draft_id = _draft(app, people["trainer"].id)
    auth.login(people["trainer"])
    html = client.get("/").get_data(as_text=True)
    assert 'data-testid="widget-content-work"' in html
    assert f'href="/quality/drafts/{draft_id}" data-testid="draft-link"' in html

    from app.extensions import db
    from app.quality.checklists import discard_draft
    from app.quality.models import ChecklistVersion

    with app.app_context():
        discard_draft(db.session.get(ChecklistVersion, draft_id))
        db.session.commit()
    assert 'data-testid="widget-content-work"' not in client.get("/").get_data(as_text=True)


def test_supervisor_and_manager_get_no_content_card(app, client, auth, people):
    _draft(app, people["trainer"].id)
    for who in ("supervisor", "manager"):
        auth.login(people[who])
        assert "widget-content-work" not in client.get("/").get_data(as_text=True)
        auth.logout()
