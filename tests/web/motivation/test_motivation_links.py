"""Links on pay pages lead only where the viewer may go."""

from __future__ import annotations


def _enter_manual_value(client, auth, world) -> None:
    auth.login(world["supervisor"])
    response = client.post(f"/motivation/people/{world['anna'].id}/manual?period={world['cur']}",
                           data={"manual-key": "manual", "manual-value": "80", "manual-comment": "CRM в порядке"},
                           follow_redirects=True)
    assert "Значение сохранено" in response.get_data(as_text=True)
    auth.logout()


def test_manager_sees_manual_evidence_without_a_link_to_the_data_entry_page(client, auth, world):
    _enter_manual_value(client, auth, world)
    adjust = f"/motivation/people/{world['anna'].id}/adjust"
    line = f"/motivation/people/{world['anna'].id}/lines/manual?period={world['cur']}"
    auth.login(world["anna"])
    page = client.get(line).get_data(as_text=True)
    assert 'data-evidence-kind="manual"' in page and adjust not in page
    assert client.get(adjust).status_code == 403
    auth.logout()
    auth.login(world["supervisor"])
    assert adjust in client.get(line).get_data(as_text=True)


def test_sales_row_and_contest_pages_lead_back(app, client, auth, world):
    from app.extensions import db
    from app.motivation.models import SalesRow

    with app.app_context():
        row_id = db.session.scalars(db.select(SalesRow.id).where(SalesRow.user_id == world["anna"].id)).first()
    auth.login(world["anna"])
    html = client.get(f"/motivation/sales/rows/{row_id}").get_data(as_text=True)
    assert f'href="/motivation/people/{world["anna"].id}?period=' in html
    auth.logout()
    auth.login(world["supervisor"])
    html = client.get("/motivation/contests/new").get_data(as_text=True)
    assert 'href="/motivation/dashboard"' in html[html.index("<main"):]
