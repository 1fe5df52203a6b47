"""A learner takes an exam through the pages: start, autosave, submit, result with per-skill sub-scores."""

from __future__ import annotations

from tests.integration.exams.conftest import RIGHT, WRONG
from tests.web.exams.conftest import slot_keys, start


def form_for(keys: dict[int, str], table: dict) -> dict:
    data = {}
    for slot_id, key in keys.items():
        data[f"q{slot_id}__present"] = "1"
        for name, values in table[key].items():
            data[f"q{slot_id}" + (f"_{name}" if name else "")] = values
    return data


def test_learner_sees_exams_and_takes_one(app, client, auth, make_user, exam_id, clock):
    learner = make_user(role="new_hire")
    auth.login(learner)
    index = client.get("/exams").get_data(as_text=True)
    assert "Экзамен: основы" in index and "Не начат" in index
    page = client.get(f"/exams/{exam_id}").get_data(as_text=True)
    assert "Начать попытку" in page and "20 мин" in page
    assert "Проверяет навыки" in page and "Выявление потребностей" in page and "Закрытие, следующий шаг" in page
    attempt_id, slots = start(client, exam_id)
    assert len(slots) == 4
    attempt_page = client.get(f"/exams/attempts/{attempt_id}").get_data(as_text=True)
    assert 'data-remaining="1200"' in attempt_page and "js/exams.js" in attempt_page
    keys = slot_keys(app, attempt_id)
    table = {k: (RIGHT[k] if k in ("b-1", "b-2") else WRONG[k]) for k in keys.values()}
    response = client.post(f"/exams/attempts/{attempt_id}/submit", data=form_for(keys, table))
    assert response.status_code == 302 and response.location.endswith(f"/exams/attempts/{attempt_id}/result")
    result = client.get(response.location).get_data(as_text=True)
    assert "50\u00a0%" in result and "Не сдан" in result
    assert 'data-skill="needs_discovery"' in result and 'data-skill="closing"' in result
    assert "Выявление потребностей" in result and "Закрытие, следующий шаг" in result
    assert "Правильный ответ" in result  # show_answers: after_submit
    assert "Пересдать" in client.get("/exams").get_data(as_text=True)


def test_autosave_keeps_answers_and_reports_the_time_left(app, client, auth, make_user, exam_id, clock):
    auth.login(make_user(role="new_hire"))
    attempt_id, slots = start(client, exam_id)
    keys = slot_keys(app, attempt_id)
    b1 = next(s for s, k in keys.items() if k == "b-1")
    clock.advance(minutes=2)
    response = client.post(f"/exams/attempts/{attempt_id}/save", json={"slot": b1, "fields": {"": ["0"]}})
    assert response.status_code == 200 and response.json["remaining"] == 18 * 60
    page = client.get(f"/exams/attempts/{attempt_id}").get_data(as_text=True)
    assert f'name="q{b1}" id="q{b1}-0" value="0" checked' in page  # the saved answer comes back
    assert client.post(f"/exams/attempts/{attempt_id}/save", json={"slot": "x"}).status_code == 400
    assert client.post(f"/exams/attempts/{attempt_id}/save", json={"slot": 999999, "fields": {}}).status_code == 400


def test_late_submit_counts_only_what_was_saved_in_time(app, client, auth, make_user, exam_id, clock):
    auth.login(make_user(role="new_hire"))
    attempt_id, _slots = start(client, exam_id)
    keys = slot_keys(app, attempt_id)
    b1 = next(s for s, k in keys.items() if k == "b-1")
    clock.advance(minutes=10)
    in_time = client.post(f"/exams/attempts/{attempt_id}/save", json={"slot": b1, "fields": RIGHT["b-1"]})
    assert in_time.status_code == 200
    clock.advance(minutes=11)
    late_save = client.post(f"/exams/attempts/{attempt_id}/save", json={"slot": b1, "fields": WRONG["b-1"]})
    assert late_save.status_code == 409 and late_save.json["closed"] is True
    response = client.post(f"/exams/attempts/{attempt_id}/submit", data=form_for(keys, RIGHT), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "засчитаны только ответы, сохранённые до окончания времени" in html
    assert "25\u00a0%" in html  # only b-1, saved in time, counts


def test_opening_an_expired_attempt_closes_it(app, client, auth, make_user, exam_id, clock):
    auth.login(make_user(role="new_hire"))
    attempt_id, _slots = start(client, exam_id)
    clock.advance(minutes=30)
    response = client.get(f"/exams/attempts/{attempt_id}")
    assert response.status_code == 302 and response.location.endswith("/result")
    assert "Попытка завершена по времени" in client.get(response.location).get_data(as_text=True)


def test_course_exam_link_and_unknown_course(client, auth, make_user, exam_id):
    auth.login(make_user())
    response = client.get("/exams/course/basics")
    assert response.status_code == 302 and response.location.endswith(f"/exams/{exam_id}")
    assert client.get("/exams/course/nope").status_code == 404


def test_essay_goes_to_the_queue_and_the_trainer_grades_it(app, client, auth, make_user, essay_exam_id, clock):
    trainer = make_user(role="trainer")
    learner = make_user(role="new_hire")
    auth.login(learner)
    attempt_id, slots = start(client, essay_exam_id)
    keys = slot_keys(app, attempt_id)
    essay = next(s for s, k in keys.items() if k == "b-5")
    data = form_for({s: k for s, k in keys.items() if k == "b-1"}, RIGHT) | {f"q{essay}": "Мои вопросы…"}
    result = client.post(f"/exams/attempts/{attempt_id}/submit", data=data, follow_redirects=True)
    assert "На проверке" in result.get_data(as_text=True)
    auth.logout()
    auth.login(trainer)
    queue = client.get("/exams/grading").get_data(as_text=True)
    assert learner.full_name in queue and f"/exams/grading/{essay}" in queue
    assert "Мои вопросы…" in client.get(f"/exams/grading/{essay}").get_data(as_text=True)
    assert client.post(f"/exams/grading/{essay}", data={"points": "5", "comment": ""}).status_code == 200  # too many
    response = client.post(f"/exams/grading/{essay}", data={"points": "0.5", "comment": "Добавьте резюме"})
    assert response.status_code == 302
    assert "Эссе на проверку нет" in client.get("/exams/grading").get_data(as_text=True)
    html = client.get(f"/exams/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "75\u00a0%" in html and "Добавьте резюме" in html


def test_staff_see_the_overview_matrix_and_item_analysis(app, client, auth, make_user, make_team, exam_id, clock):
    team = make_team()
    member = make_user(role="sales_manager", team=team, full_name="Участница Команды")
    auth.login(member)
    attempt_id, _slots = start(client, exam_id)
    client.post(f"/exams/attempts/{attempt_id}/submit", data={})
    auth.logout()
    from app.accounts.models import User
    from app.extensions import db

    with app.app_context():
        supervisor_email = db.session.get(User, team.supervisor_id).email
    auth.login(supervisor_email)
    index = client.get("/exams").get_data(as_text=True)
    assert 'data-testid="exams-overview"' in index and "Участница Команды" in index
    analysis = client.get(f"/exams/{exam_id}/analysis").get_data(as_text=True)
    assert 'data-testid="item-analysis"' in analysis and "верхних и нижних 27" in analysis
    assert "Участница Команды" in client.get(f"/exams/{exam_id}").get_data(as_text=True)


def test_home_page_shows_my_exams_card(client, auth, make_user, exam_id):
    auth.login(make_user(role="new_hire"))
    html = client.get("/").get_data(as_text=True)
    assert 'data-testid="widget-exams"' in html and "Экзамен: основы" in html
