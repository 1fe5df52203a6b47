"""Development sheet pages: drafting, who sees and edits, acknowledgement, closing, the print view."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.extensions import db
from app.skills.models import DevelopmentSheet, SheetStatus
from app.skills.sheets import Period

TODAY = date.today()


def login_as(auth, user) -> None:
    """Sign out whoever is signed in, then sign in as ``user``."""
    auth.logout()
    auth.login(user)


PERIOD = Period.month_of(TODAY)


def draft(client, user_id: int):
    return client.post(
        "/skills/sheets/draft",
        data={"user_id": str(user_id), "period_start": PERIOD.start.isoformat(), "period_end": PERIOD.end.isoformat()},
    )


def only_sheet() -> DevelopmentSheet:
    return db.session.scalars(db.select(DevelopmentSheet)).one()


@pytest.fixture
def shared(client, auth, team, framework):
    login_as(auth, team["supervisor"])
    response = draft(client, team["anna"].id)
    sheet_id = int(re.search(r"/skills/sheets/(\d+)", response.headers["Location"]).group(1))
    client.post(f"/skills/sheets/{sheet_id}/share")
    return sheet_id


def test_supervisor_drafts_a_sheet_and_the_employee_does_not_see_the_draft(client, auth, team, framework):
    login_as(auth, team["supervisor"])
    assert 'data-testid="draft-form"' in client.get("/skills/sheets").get_data(as_text=True)
    response = draft(client, team["anna"].id)
    assert response.status_code == 302
    sheet = only_sheet()
    assert sheet.status == SheetStatus.DRAFT and sheet.author_id == team["supervisor"].id
    page = client.get(f"/skills/sheets/{sheet.id}").get_data(as_text=True)
    assert "Передать сотруднику" in page and 'data-testid="sheet-skills"' in page
    login_as(auth, team["anna"])
    assert client.get(f"/skills/sheets/{sheet.id}").status_code == 403
    assert 'data-testid="sheet-row"' not in client.get("/skills/sheets").get_data(as_text=True)


@pytest.mark.parametrize("who", ["anna", "other_supervisor", "trainer"])
def test_only_the_supervisor_or_admin_drafts(client, auth, team, framework, who):
    login_as(auth, team[who])
    assert draft(client, team["anna"].id).status_code in (400, 403)
    assert db.session.scalar(db.select(db.func.count(DevelopmentSheet.id))) == 0


def test_the_employee_acknowledges_a_shared_sheet(client, auth, team, shared):
    login_as(auth, team["anna"])
    page = client.get(f"/skills/sheets/{shared}").get_data(as_text=True)
    assert 'data-testid="ack-prompt"' in page
    assert client.post(f"/skills/sheets/{shared}/acknowledge").status_code == 302
    page = client.get(f"/skills/sheets/{shared}").get_data(as_text=True)
    assert 'data-testid="acknowledged"' in page and 'data-testid="ack-prompt"' not in page
    assert only_sheet().acknowledged_at is not None


def test_nobody_else_acknowledges(client, auth, team, shared):
    for who in ("supervisor", "admin"):
        login_as(auth, team[who])
        assert client.post(f"/skills/sheets/{shared}/acknowledge").status_code == 403
    login_as(auth, team["boris"])
    assert client.get(f"/skills/sheets/{shared}").status_code == 403
    assert only_sheet().acknowledged_at is None


def test_the_employee_marks_an_action_done_but_cannot_edit_the_sheet(client, auth, team, shared):
    action = only_sheet().actions[0]
    login_as(auth, team["anna"])
    client.post(f"/skills/sheets/{shared}/actions/{action.id}/status", data={"status": "done"})
    db.session.refresh(action)
    assert action.status.value == "done"
    assert (
        client.post(
            f"/skills/sheets/{shared}/actions", data={"kind": "other", "title": "x", "status": "planned"}
        ).status_code
        == 403
    )
    assert client.post(f"/skills/sheets/{shared}/close").status_code == 403
    assert client.get(f"/skills/sheets/{shared}/actions/{action.id}/edit").status_code == 403


def test_the_supervisor_edits_adds_and_closes(client, auth, team, shared):
    login_as(auth, team["supervisor"])
    response = client.post(
        f"/skills/sheets/{shared}/actions",
        data={
            "kind": "role_play",
            "title": "Ролевая игра: возражение «дорого»",
            "skill_key": "objection_handling",
            "due_date": PERIOD.end.isoformat(),
            "status": "planned",
        },
    )
    assert response.status_code == 302
    assert "Ролевая игра: возражение «дорого»" in client.get(f"/skills/sheets/{shared}").get_data(as_text=True)
    client.post(f"/skills/sheets/{shared}/comments", data={"text": "Обсудили на встрече один на один"})
    client.post(f"/skills/sheets/{shared}/close", data={"note": "Цели достигнуты"})
    sheet = only_sheet()
    assert sheet.status == SheetStatus.CLOSED and sheet.closing_note == "Цели достигнуты"
    page = client.get(f"/skills/sheets/{shared}").get_data(as_text=True)
    assert 'data-testid="closed-note"' in page and 'data-testid="add-action-form"' not in page
    client.post(f"/skills/sheets/{shared}/comments", data={"text": "после закрытия"}, follow_redirects=True)
    assert "после закрытия" not in client.get(f"/skills/sheets/{shared}").get_data(as_text=True)


def test_print_view_has_no_navigation(client, auth, team, shared):
    login_as(auth, team["anna"])
    page = client.get(f"/skills/sheets/{shared}/print").get_data(as_text=True)
    assert 'data-testid="sheet-print"' in page and 'data-testid="main-nav"' not in page
    assert "Анна Петрова" in page and "@page" in page


def test_list_filters_by_status_and_person(client, auth, team, shared):
    login_as(auth, team["supervisor"])
    assert "Анна Петрова" in client.get("/skills/sheets?status=active").get_data(as_text=True)
    assert 'data-testid="sheet-row"' not in client.get("/skills/sheets?status=closed").get_data(as_text=True)
    assert 'data-testid="sheet-row"' not in client.get(f"/skills/sheets?person_id={team['boris'].id}").get_data(
        as_text=True
    )
