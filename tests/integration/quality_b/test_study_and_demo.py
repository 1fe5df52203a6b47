"""The objection page's study material (lessons and questions by tag) and the demo seeder."""

from __future__ import annotations

from datetime import date

import pytest

from app.accounts.models import User
from app.core.demo import DemoContext
from app.extensions import db
from app.quality import demo_scripts, objections, scripts
from app.quality.objection_study import study_material
from app.quality.script_models import STAGE_ORDER, CallScriptVersion


@pytest.fixture
def courses(library):
    """Two courses: objections (skill objection_handling) and product; one bank question per tag set."""
    from app.exams.models import Question, QuestionCategory, QuestionTag, QuestionVersion
    from app.learning.models import Course, Lesson

    def course(key, skills, lessons, published=True):
        item = Course(key=key, title=key.title(), skills=skills, published=published)
        item.lessons = [
            Lesson(number=n, slug=f"l{n}", title=title, body=body) for n, (title, body) in enumerate(lessons, 1)
        ]
        db.session.add(item)

    course(
        "objections",
        ["objection_handling"],
        [
            ("Метод в четыре шага", "Присоединиться, уточнить. Иногда клиент говорит «дорого»."),
            ("«Дорого»: как работать с ценой", "Считаем полную стоимость."),
            ("«Я подумаю»", "Ложные возражения."),
        ],
    )
    course("product", ["product_knowledge"], [("«Дорого» или нет: тарифы", "Прайс.")])
    course("drafts", ["objection_handling"], [("Дорого и сердито", "Черновик курса.")], published=False)
    category = QuestionCategory(path="objections", name="objections")
    db.session.add(category)
    for key, tags, name in [
        ("q-method", ["objection_handling"], "Порядок шагов"),
        ("q-price", ["objection_handling", "price"], "Уточнить «дорого»"),
        ("q-product", ["product_knowledge"], "Тарифы"),
    ]:
        question = Question(key=key, category=category)
        question.tag_rows = [QuestionTag(tag=t) for t in tags]
        version = QuestionVersion(question=question, number=1, qtype="multichoice", data={"name": name, "text": name},
                                  content_hash="0" * 64)  # fmt: skip
        db.session.add_all([question, version])
        db.session.flush()
        question.current_version_id = version.id
    db.session.commit()


def test_lessons_come_from_courses_with_a_shared_skill_best_match_first(courses, make_user):
    manager = db.session.get(User, make_user(role="sales_manager").id)
    material = study_material(objections.get_objection("price_expensive"), manager)
    assert [c.key for c in material.courses] == ["objections"]  # product has no shared skill, drafts unpublished
    assert [lesson.title for lesson in material.lessons] == ["«Дорого»: как работать с ценой", "Метод в четыре шага"]
    assert material.questions == []  # managers do not see exam questions (they carry the answers)


def test_trainers_see_questions_tagged_with_the_category_first(courses, trainer):
    material = study_material(objections.get_objection("price_expensive"), trainer)
    assert [q.key for q in material.questions] == ["q-price", "q-method"]
    assert material.question_total == 2
    assert "drafts" in [c.key for c in material.courses]  # editors see unpublished courses too


def test_an_entry_without_matching_skills_has_no_material(courses, trainer):
    entry = objections.get_objection("price_expensive")
    raw = objections.content_of(entry)
    objections.save_objection(entry, {**raw, "tags": ["closing"]}, trainer)
    material = study_material(entry, trainer)
    assert material.lessons == [] and material.courses == []
    assert [q.key for q in material.questions] == ["q-price"]  # the category tag still matches


def test_demo_seeds_library_and_script_once(ctx, make_user):
    trainer = db.session.get(User, make_user(role="trainer").id)
    messages: list[str] = []
    demo = DemoContext(password="x", today=date.today(), echo=messages.append, users={"trainer": trainer})
    demo_scripts.seed(demo)
    db.session.commit()
    assert demo.created_any and any("Call script" in m for m in messages)
    script = scripts.get_script("cold_call_strela")
    version = script.published
    assert [s.kind for s in version.stages] == list(STAGE_ORDER)
    assert all(not s.is_empty and s.goal and s.phrases and s.tips for s in version.stages)
    linked = {b.objection.key for s in version.stages for b in s.branches}
    assert linked <= {o.key for o in objections.list_objections()} and len(linked) >= 12

    again = DemoContext(password="x", today=date.today(), echo=messages.append, users={"trainer": trainer})
    demo_scripts.seed(again)
    db.session.commit()
    assert not again.created_any
    assert db.session.scalar(db.select(db.func.count()).select_from(CallScriptVersion)) == 1
