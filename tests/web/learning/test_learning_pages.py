"""Learning pages through the test client: catalogue, course, lesson, marks, search, editing, history."""

from __future__ import annotations

import pytest

from app.extensions import db


def text(response) -> str:
    return response.get_data(as_text=True)


def test_catalogue_shows_cards_progress_and_continue(client, auth, world):
    auth.login(world["manager"])
    page = text(client.get("/learning"))
    assert "Альфа: работа с возражениями" in page and "Бета: продукт" in page
    assert "Работа с возражениями" in page  # skill badge
    assert "0 из 3 уроков" in page and "Начать" in page
    client.get("/learning/courses/alpha/method")
    page = text(client.get("/learning"))
    assert 'data-testid="resume"' in page and "«Метод»" in page and "Продолжить" in page


def test_lesson_page_renders_markdown_and_marks_it_studied(client, auth, world):
    auth.login(world["manager"])
    page = text(client.get("/learning/courses/alpha/method"))
    assert "<p>Каждое возражение" in page and "Отметить как изученный" in page
    assert "<h1>Метод</h1>" not in page  # the title is the page header, not repeated in the body
    response = client.post("/learning/courses/alpha/method/done")
    assert response.status_code == 302 and response.headers["Location"].endswith("/learning/courses/alpha/price")
    course = text(client.get("/learning/courses/alpha"))
    assert course.count('data-testid="lesson-done"') == 1
    assert "Изучено" in text(client.get("/learning/courses/alpha/method"))


def test_completing_the_last_lesson_congratulates(client, auth, world):
    auth.login(world["manager"])
    for slug in ("method", "price", "think"):
        response = client.post(f"/learning/courses/alpha/{slug}/done", follow_redirects=True)
    assert "пройден полностью" in text(response)


def test_unknown_course_or_lesson_is_404(client, auth, world):
    auth.login(world["manager"])
    assert client.get("/learning/courses/nope").status_code == 404
    assert client.get("/learning/courses/alpha/nope").status_code == 404


def test_search_page_highlights_matches_and_escapes_the_query(client, auth, world):
    auth.login(world["manager"])
    page = text(client.get("/learning/search?q=возражения"))
    assert "<mark>возражение</mark>" in page and "/learning/courses/alpha/method" in page
    hostile = text(client.get("/learning/search?q=<script>alert(1)</script>"))
    assert "<script>alert(1)</script>" not in hostile and "&lt;script&gt;" in hostile
    assert "ничего не нашлось" in hostile


@pytest.mark.parametrize("role", ["new_hire", "sales_manager", "supervisor"])
def test_learners_and_supervisors_cannot_edit(client, auth, world, lesson_ids, role):
    person = {"new_hire": world["hire"], "sales_manager": world["manager"], "supervisor": world["sup_a"]}[role]
    auth.login(person)
    lesson_id = lesson_ids["method"]
    assert client.get(f"/learning/lessons/{lesson_id}/edit").status_code == 403
    assert client.post(f"/learning/lessons/{lesson_id}/edit", data={"body": "# Взлом"}).status_code == 403
    assert client.post("/learning/preview", json={"text": "x"}).status_code == 403
    assert client.get(f"/learning/lessons/{lesson_id}/history").status_code == 403
    assert client.post(f"/learning/lessons/{lesson_id}/versions/1/restore").status_code == 403
    assert client.get("/learning/courses/alpha/new-lesson").status_code == 403
    assert client.post(f"/learning/lessons/{lesson_id}/move/down").status_code == 403
    assert "Редактировать" not in text(client.get("/learning/courses/alpha/method"))


def test_trainer_edits_previews_and_restores(client, auth, world, lesson_ids):
    auth.login(world["trainer"])
    lesson_id = lesson_ids["method"]
    preview = client.post("/learning/preview", json={"text": "**Жирно** <script>alert(1)</script>"})
    assert preview.json["html"].startswith("<p><strong>Жирно</strong>") and "<script>" not in preview.json["html"]
    response = client.post(
        f"/learning/lessons/{lesson_id}/edit", data={"body": "# Метод\n\nНовая версия текста.", "note": "правка"}
    )
    assert response.status_code == 302
    assert "Новая версия текста." in text(client.get("/learning/courses/alpha/method"))
    history = text(client.get(f"/learning/lessons/{lesson_id}/history"))
    assert "v2" in history and "правка" in history and "импорт из файла" in history
    compare = text(client.get(f"/learning/lessons/{lesson_id}/history?v=1"))
    assert 'class="diff-added">Новая версия текста.' in compare
    assert client.get(f"/learning/lessons/{lesson_id}/history?v=9").status_code == 404
    client.post(f"/learning/lessons/{lesson_id}/versions/1/restore")
    assert "Каждое возражение" in text(client.get("/learning/courses/alpha/method"))
    assert "Восстановлена версия 1" in text(client.get(f"/learning/lessons/{lesson_id}/history"))


def test_an_empty_save_shows_the_error_next_to_the_field(client, auth, world, lesson_ids):
    auth.login(world["trainer"])
    page = text(client.post(f"/learning/lessons/{lesson_ids['method']}/edit", data={"body": "   "}))
    assert "invalid-feedback" in page


def test_trainer_adds_and_moves_a_lesson(client, auth, world, app):
    auth.login(world["trainer"])
    response = client.post(
        "/learning/courses/beta/new-lesson", data={"slug": "cases", "body": "# Кейсы\n\nКлиенты и цифры."}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/learning/courses/beta/cases")
    bad = text(client.post("/learning/courses/beta/new-lesson", data={"slug": "Плохой адрес", "body": "# X"}))
    assert "латинские буквы" in bad
    with app.app_context():
        from app.learning.models import Lesson

        cases = db.session.scalar(db.select(Lesson).where(Lesson.slug == "cases"))
        cases_id = cases.id
    client.post(f"/learning/lessons/{cases_id}/move/up")
    page = text(client.get("/learning/courses/beta"))
    assert page.index("Кейсы") < page.index("Тарифы")
