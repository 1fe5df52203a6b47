"""The trainer's bank pages: upload validated by content with a report, download, edit with preview and versions."""

from __future__ import annotations

import io

from sqlalchemy import select


def upload(client, data: bytes, filename: str = "bank.gift", category: str = ""):
    return client.post(
        "/exams/bank/import",
        data={"file": (io.BytesIO(data), filename), "category": category},
        content_type="multipart/form-data",
    )


def test_upload_shows_the_report_with_refused_lines(client, auth, make_user):
    auth.login(make_user(role="trainer"))
    text = "// [id:u-1]\nХороший вопрос {T}\n\n// [id:u-2]\nСломанный {=a ~b\n"
    html = upload(client, text.encode(), category="uploads").get_data(as_text=True)
    assert 'data-testid="import-report"' in html
    assert "новых: 1" in html and "отклонено: 1" in html
    assert "<td>5</td><td>u-2</td>" in html and "нет закрывающей" in html
    again = upload(client, text.encode()).get_data(as_text=True)
    assert "без изменений: 1" in again
    assert "uploads" in client.get("/exams/bank").get_data(as_text=True)


def test_upload_refuses_binary_and_non_utf8_files(client, auth, make_user):
    auth.login(make_user(role="trainer"))
    assert "не текстовый файл" in upload(client, b"\x89PNG\r\n\x00\x00", "pic.gift").get_data(as_text=True)
    assert "UTF-8" in upload(client, "Вопрос {T}".encode("cp1251")).get_data(as_text=True)
    assert "нет ни одного вопроса" in upload(client, b"// only comments\n").get_data(as_text=True)


def test_download_a_category_as_gift(client, auth, make_user, exam_id):
    auth.login(make_user(role="trainer"))
    response = client.get("/exams/bank/export?category=sales/basics")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="sales-basics.gift"'
    from app.exams.gift import parse_gift

    keys = sorted(q.idnumber for q in parse_gift(response.get_data(as_text=True)).questions)
    assert keys == ["b-1", "b-2", "b-3", "b-4"]
    assert client.get("/exams/bank/export?category=../../etc").status_code == 302  # unknown category: back to bank


def test_search_and_category_filter(client, auth, make_user, exam_id):
    auth.login(make_user(role="trainer"))
    html = client.get("/exams/bank?q=дней").get_data(as_text=True)
    assert "b-3 · sales/basics" in html and "b-1 · sales/basics" not in html
    essays = client.get("/exams/bank?category=sales/essays").get_data(as_text=True)
    assert "b-5 · sales/essays" in essays and "b-3 · sales/basics" not in essays


def test_edit_with_preview_then_save_creates_a_version(app, client, auth, make_user, exam_id):
    auth.login(make_user(role="trainer"))
    from app.exams.models import Question
    from app.extensions import db

    with app.app_context():
        question_id = db.session.scalar(select(Question.id).where(Question.key == "b-3"))
    url = f"/exams/bank/questions/{question_id}/edit"
    form = client.get(url).get_data(as_text=True)
    assert "[id:b-3]" in form and "{#3:1}" in form
    new_text = "// [id:b-3] [tag:closing]\n::Число::Сколько дней на ответ? {#5:1}"
    preview = client.post(url, data={"category": "sales/basics", "gift": new_text, "preview": "1"})
    assert 'data-testid="question-preview"' in preview.get_data(as_text=True)
    with app.app_context():
        assert len(db.session.get(Question, question_id).versions) == 1  # preview saves nothing
    bad = client.post(url, data={"category": "sales/basics", "gift": "Сломано {#abc}", "save": "1"})
    assert "строка 1" in bad.get_data(as_text=True)
    renamed = client.post(url, data={"category": "sales/basics", "gift": "// [id:other]\nQ {T}", "save": "1"})
    assert "id вопроса менять нельзя" in renamed.get_data(as_text=True)
    saved = client.post(url, data={"category": "sales/basics", "gift": new_text, "save": "1"})
    assert saved.status_code == 302
    page = client.get(saved.location).get_data(as_text=True)
    assert "v2" in page and "правка в браузере" in page
    with app.app_context():
        assert db.session.get(Question, question_id).current_version.as_gift().numbers[0].value == 5


def test_new_question_and_archive(app, client, auth, make_user, exam_id):
    auth.login(make_user(role="trainer"))
    saved = client.post(
        "/exams/bank/questions/new",
        data={"category": "sales/new", "gift": "// [id:n-1] [tag:closing]\n::Новый::Вопрос {=да ~нет}", "save": "1"},
    )
    assert saved.status_code == 302
    question_id = int(saved.location.rstrip("/").split("/")[-1])
    duplicate = client.post(
        "/exams/bank/questions/new", data={"category": "x", "gift": "// [id:n-1]\nQ {T}", "save": "1"}
    )
    assert "уже есть в банке" in duplicate.get_data(as_text=True)
    client.post(f"/exams/bank/questions/{question_id}/archive")
    from app.exams.models import Question
    from app.extensions import db

    with app.app_context():
        assert db.session.get(Question, question_id).archived is True
    assert "n-1 · sales/new" not in client.get("/exams/bank").get_data(as_text=True)
    assert "n-1 · sales/new" in client.get("/exams/bank?archived=1").get_data(as_text=True)


def test_bank_question_page_renders_every_type(client, auth, make_user, app):
    from tests.unit.exams.test_gift_roundtrip import EVERY_TYPE

    auth.login(make_user(role="trainer"))
    from app.exams.importing import import_gift
    from app.exams.models import Question
    from app.extensions import db

    with app.app_context():
        import_gift(EVERY_TYPE)
        db.session.commit()
        ids = list(db.session.scalars(select(Question.id)))
    for question_id in ids:
        assert client.get(f"/exams/bank/questions/{question_id}").status_code == 200
        assert client.get(f"/exams/bank/questions/{question_id}/edit").status_code == 200
