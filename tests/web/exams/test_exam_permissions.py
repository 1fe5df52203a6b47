"""Who may do what in exams: learners answer only their own attempts; the bank and statistics are for staff."""

from __future__ import annotations

import pytest

from tests.web.exams.conftest import start

STAFF_ONLY = ["/exams/bank", "/exams/bank/import", "/exams/bank/questions/new", "/exams/bank/export"]


@pytest.mark.parametrize("url", STAFF_ONLY)
@pytest.mark.parametrize("role", ["new_hire", "sales_manager", "supervisor"])
def test_bank_pages_are_for_trainers_and_admins(client, auth, make_user, exam_id, url, role):
    auth.login(make_user(role=role))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["trainer", "admin"])
def test_trainer_and_admin_open_the_bank(client, auth, make_user, exam_id, role):
    auth.login(make_user(role=role))
    assert client.get("/exams/bank").status_code == 200


@pytest.mark.parametrize("url", ["/exams/grading", "/exams/{exam}/analysis"])
def test_learners_have_no_grading_queue_or_statistics(client, auth, make_user, exam_id, url):
    auth.login(make_user(role="sales_manager"))
    assert client.get(url.format(exam=exam_id)).status_code == 403


def test_nobody_answers_someone_elses_attempt(client, auth, make_user, make_team, exam_id):
    team = make_team()
    owner = make_user(role="new_hire", team=team)
    auth.login(owner)
    attempt_id, slots = start(client, exam_id)
    auth.logout()
    for other in (make_user(role="new_hire"), make_user(role="trainer")):
        auth.login(other)
        assert client.get(f"/exams/attempts/{attempt_id}").status_code == 403
        save = client.post(f"/exams/attempts/{attempt_id}/save", json={"slot": slots[0], "fields": {}})
        assert save.status_code == 403
        assert client.post(f"/exams/attempts/{attempt_id}/submit", data={}).status_code == 403
        auth.logout()


def test_results_are_seen_by_the_owner_the_supervisor_and_trainers_only(client, auth, make_user, make_team, exam_id):
    team = make_team()
    owner = make_user(role="new_hire", team=team)
    auth.login(owner)
    attempt_id, _slots = start(client, exam_id)
    client.post(f"/exams/attempts/{attempt_id}/submit", data={})
    auth.logout()
    url = f"/exams/attempts/{attempt_id}/result"
    other_team = make_team()
    cases = [
        (make_user(role="new_hire"), 403),
        (make_user(role="supervisor"), 403),  # a supervisor without this person in the team
        (make_user(role="trainer"), 200),
        (make_user(role="admin"), 200),
    ]
    for person, status in cases:
        auth.login(person)
        assert client.get(url).status_code == status, person.role
        auth.logout()
    from app.accounts.models import User

    for supervisor_id, status in ((team.supervisor_id, 200), (other_team.supervisor_id, 403)):
        with client.application.app_context():
            from app.extensions import db

            email = db.session.get(User, supervisor_id).email
        auth.login(email)
        assert client.get(url).status_code == status
        auth.logout()


def test_only_the_team_supervisor_or_a_trainer_grades_an_essay(app, client, auth, make_user, make_team, essay_exam_id):
    team = make_team()
    owner = make_user(role="new_hire", team=team)
    auth.login(owner)
    attempt_id, slots = start(client, essay_exam_id)
    client.post(f"/exams/attempts/{attempt_id}/submit", data={f"q{s}": "текст" for s in slots})
    auth.logout()
    from app.exams.models import AttemptSlot
    from app.extensions import db

    with app.app_context():
        essay = db.session.scalar(db.select(AttemptSlot.id).where(AttemptSlot.needs_manual.is_(True)))
    stranger_supervisor = make_team().supervisor_id
    from app.accounts.models import User

    with app.app_context():
        emails = {uid: db.session.get(User, uid).email for uid in (team.supervisor_id, stranger_supervisor)}
    auth.login(emails[stranger_supervisor])
    assert client.get(f"/exams/grading/{essay}").status_code == 403
    assert "Эссе на проверку нет" in client.get("/exams/grading").get_data(as_text=True)
    auth.logout()
    auth.login(emails[team.supervisor_id])
    assert client.get(f"/exams/grading/{essay}").status_code == 200
    auth.logout()
    auth.login(owner)
    assert client.post(f"/exams/grading/{essay}", data={"points": "1"}).status_code == 403


def test_anonymous_users_are_sent_to_login(client, exam_id):
    for url in ("/exams", f"/exams/{exam_id}", "/exams/bank", "/exams/grading"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.location
