"""Importing banks and course exams: idempotent, versions only on change, refused questions reported, round trip."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.domain import DomainError
from app.exams import bank
from app.exams.gift import parse_gift
from app.exams.importing import export_category, export_course_exam, import_course_exam, import_gift
from app.exams.models import Exam, Question, QuestionCategory, QuestionVersion
from app.extensions import db
from tests.integration.exams.conftest import BANK, course_files, exam_config


def version_count() -> int:
    return db.session.scalar(select(func.count()).select_from(QuestionVersion))


def test_import_creates_questions_categories_tags_and_the_exam(ctx):
    report = import_course_exam("basics", BANK, exam_config(), source="courses/basics/questions.gift")
    assert sorted(report.created) == ["b-1", "b-2", "b-3", "b-4", "b-5"]
    assert report.exam == "created" and report.refused == []
    paths = set(db.session.scalars(select(QuestionCategory.path)))
    assert {"sales", "sales/basics", "sales/basics/extra", "sales/essays"} <= paths
    b2 = db.session.scalar(select(Question).where(Question.key == "b-2"))
    assert sorted(b2.tags) == ["closing", "needs_discovery"]
    assert b2.category.parent.path == "sales"
    exam = db.session.scalar(select(Exam).where(Exam.course_key == "basics"))
    assert (exam.title, exam.pass_mark, exam.time_limit_minutes, exam.question_count) == ("Экзамен: основы", 70, 20, 4)


def test_second_import_changes_nothing(ctx):
    import_course_exam("basics", BANK, exam_config())
    versions = version_count()
    again = import_course_exam("basics", BANK, exam_config())
    assert again.created == [] and again.updated == [] and len(again.unchanged) == 5
    assert again.exam == "unchanged" and not again.changed
    assert version_count() == versions


def test_changed_question_gets_a_new_version_in_place(ctx):
    import_course_exam("basics", BANK, exam_config())
    question = db.session.scalar(select(Question).where(Question.key == "b-3"))
    first_version = question.current_version_id
    report = import_course_exam("basics", BANK.replace("{#3:1}", "{#4:1}"), exam_config())
    assert report.updated == ["b-3"] and len(report.unchanged) == 4
    db.session.refresh(question)
    assert [v.number for v in question.versions] == [1, 2]
    assert question.current_version_id != first_version
    assert question.current_version.as_gift().numbers[0].value == 4


def test_question_gone_from_the_file_is_archived_and_comes_back(ctx):
    import_course_exam("basics", BANK, exam_config())
    b4 = "// [id:b-4] [tag:closing]\n::Короткий::Как называется следующий шаг? {=встреча =*встреч*}"
    assert b4 in BANK
    without_b4 = BANK.replace(b4, "")
    report = import_course_exam("basics", without_b4, exam_config())
    assert report.archived == ["b-4"]
    assert db.session.scalar(select(Question.archived).where(Question.key == "b-4")) is True
    report = import_course_exam("basics", BANK, exam_config())
    assert report.updated == ["b-4"]
    assert db.session.scalar(select(Question.archived).where(Question.key == "b-4")) is False


def test_a_bad_question_is_refused_with_its_line_and_never_archives_its_old_version(ctx):
    import_course_exam("basics", BANK, exam_config())
    broken = BANK.replace("{#3:1}", "{#3:1")
    report = import_course_exam("basics", broken, exam_config())
    line = next(i for i, text in enumerate(broken.split("\n"), start=1) if text.startswith("::Число::"))
    assert [(e.idnumber, e.line) for e in report.refused] == [("b-3", line)]
    assert "b-3" not in report.archived
    assert "refused" in report.summary() and f"строка {line}" in report.summary()


def test_a_bad_exam_config_is_refused_before_the_bank_is_touched(ctx):
    with pytest.raises(DomainError) as error:
        import_course_exam("basics", BANK, exam_config(grading="average"), source="courses/basics/course.yaml")
    assert "courses/basics/course.yaml" in error.value.message and "grading" in error.value.message
    assert db.session.scalar(select(func.count()).select_from(Question)) == 0


@pytest.mark.parametrize(
    "change, field",
    [
        ({"pass_mark": 120}, "pass_mark"),
        ({"questions": []}, "questions"),
        ({"colour": "red"}, "colour"),
        ({"questions": [{"random": 2}]}, "questions[0]"),
        ({"time_limit_minutes": 0}, "time_limit_minutes"),
    ],
)
def test_exam_config_errors_name_the_field(ctx, change, field):
    with pytest.raises(DomainError) as error:
        import_course_exam("basics", "", exam_config(**change))
    assert f"exam.{field}" in error.value.message


def test_exam_settings_update_in_place(ctx):
    first = import_course_exam("basics", BANK, exam_config())
    second = import_course_exam("basics", BANK, exam_config(pass_mark=80, grading="last"))
    assert second.exam == "updated" and second.exam_id == first.exam_id
    exam = db.session.get(Exam, first.exam_id)
    assert (exam.pass_mark, exam.grading) == (80, "last")


def test_short_pool_is_noticed(ctx):
    report = import_course_exam("basics", BANK, exam_config(questions=[{"random": 9, "category": "sales/basics"}]))
    assert report.notices == ["sales/basics: only 4 question(s) for 9 requested"]


def test_course_export_gives_back_the_same_questions_and_config(ctx):
    import_course_exam("basics", BANK, exam_config())
    text, config = export_course_exam("basics")
    assert config == exam_config()
    assert parse_gift(text).questions == parse_gift(BANK).questions


@pytest.mark.parametrize("slug", ["spin", "product", "objections", "gatekeeper", "value", "cold-call"])
def test_shipped_course_round_trips_through_the_database(ctx, slug):
    gift_text, config = course_files(slug)
    report = import_course_exam(slug, gift_text, config, source=f"courses/{slug}")
    assert report.refused == [] and report.notices == [] and report.total >= 25
    text, exported = export_course_exam(slug)
    assert exported == config
    original = parse_gift(gift_text, default_category=slug).questions
    assert parse_gift(text).questions == original
    again = import_course_exam(slug, text, exported)
    assert not again.changed


def test_export_of_an_unknown_course_is_none_and_category_export_filters(ctx):
    assert export_course_exam("nope") is None
    import_course_exam("basics", BANK, exam_config())
    only_extra = parse_gift(export_category("sales/basics/extra")).questions
    assert [q.idnumber for q in only_extra] == ["b-4"]
    subtree = parse_gift(export_category("sales/basics")).questions
    assert sorted(q.idnumber for q in subtree) == ["b-1", "b-2", "b-3", "b-4"]
    with pytest.raises(DomainError):
        export_category("no/such")


def test_plain_bank_import_without_ids_is_still_idempotent(ctx):
    text = "Без id {T}\n\nЕщё без id {=a ~b}"
    first = import_gift(text, default_category="misc")
    second = import_gift(text, default_category="misc")
    assert len(first.created) == 2 and all(k.startswith("auto-") for k in first.created)
    assert sorted(second.unchanged) == sorted(first.created)


def test_empty_file_is_an_error(ctx):
    with pytest.raises(DomainError):
        import_gift("// nothing here\n")


def test_bank_search_by_text_category_and_tag(ctx):
    import_course_exam("basics", BANK, exam_config())
    assert [q.key for q in bank.search_questions("дней")] == ["b-3"]
    assert sorted(q.key for q in bank.search_questions(tag="closing")) == ["b-2", "b-3", "b-4"]
    assert [q.key for q in bank.search_questions(category="sales/essays")] == ["b-5"]
    tree = {row.category.path: (row.own, row.total) for row in bank.category_tree()}
    assert tree["sales/basics"] == (3, 4) and tree["sales"] == (0, 5)
