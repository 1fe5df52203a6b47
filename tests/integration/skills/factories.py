"""Rows the skills tests need, built through the calls and exams models (call inside an app context)."""

from __future__ import annotations

import hashlib
import itertools
from datetime import UTC, date, datetime

_seq = itertools.count(1)


def create_scored_call(
    manager_id: int,
    call_date: date,
    items: list[tuple],
    *,
    company: str = "ООО Ромашка",
    unscorable: bool = False,
    status: str = "scored",
) -> int:
    """A call with a current scorecard; items are ``(item_id, skill, auto_result[, human_result])``; commits."""
    from app.calls.models import Call, CallStatus, ItemResult, Recording, Scorecard, ScorecardItem
    from app.extensions import db
    from app.quality.models import Checklist, ChecklistVersion, VersionStatus

    n = next(_seq)
    checklist = db.session.scalar(db.select(Checklist).where(Checklist.key == "cold_call"))
    if checklist is None:
        checklist = Checklist(key="cold_call", title="Холодный звонок")
        db.session.add(checklist)
        db.session.add(ChecklistVersion(checklist=checklist, number=1, status=VersionStatus.PUBLISHED, yaml_text="x"))
        db.session.flush()
    recording = Recording(
        sha256=hashlib.sha256(f"skills-{n}".encode()).hexdigest(),
        extension="wav",
        size_bytes=10,
        mime="audio/wav",
        container="wav",
        codec="pcm",
        channels=2,
        sample_rate=8000,
    )
    call = Call(
        recording=recording,
        manager_id=manager_id,
        call_date=call_date,
        checklist_id=checklist.id,
        client_company=company,
        status=CallStatus(status),
    )
    db.session.add_all([recording, call])
    db.session.flush()
    card = Scorecard(
        call_id=call.id, sequence=1, checklist_version_id=checklist.versions[0].id, auto={}, unscorable=unscorable
    )
    for position, row in enumerate(items):
        item_id, skill, result = row[:3]
        human = row[3] if len(row) > 3 else None
        card.items.append(
            ScorecardItem(
                call_id=call.id,
                position=position,
                item_id=item_id,
                title=f"Пункт {item_id}",
                skill=skill,
                auto_result=ItemResult(result),
                human_result=ItemResult(human) if human else None,
            )
        )
    db.session.add(card)
    db.session.flush()
    call.current_scorecard_id = card.id
    call.final_score = 50.0
    db.session.commit()
    return call.id


def create_graded_attempt(
    user_id: int,
    graded_on: date,
    questions: list[tuple[tuple[str, ...], float, float]],
    *,
    status: str = "graded",
    title: str = "Экзамен: работа с возражениями",
) -> int:
    """An exam attempt with one slot per ``(tags, points, max_points)``; commits."""
    from app.exams.models import (
        AttemptSlot,
        AttemptStatus,
        Exam,
        ExamAttempt,
        Question,
        QuestionCategory,
        QuestionTag,
        QuestionVersion,
    )
    from app.extensions import db

    n = next(_seq)
    category = db.session.scalar(db.select(QuestionCategory).where(QuestionCategory.path == "skills-test"))
    if category is None:
        category = QuestionCategory(path="skills-test", name="skills-test")
        db.session.add(category)
    exam = Exam(title=title, course_key=f"skills-course-{n}")
    attempt = ExamAttempt(
        exam=exam,
        user_id=user_id,
        number=1,
        status=AttemptStatus(status),
        graded_at=datetime.combine(graded_on, datetime.min.time(), tzinfo=UTC),
    )
    db.session.add_all([exam, attempt])
    for position, (tags, points, max_points) in enumerate(questions):
        question = Question(key=f"skills-q-{n}-{position}", category=category)
        version = QuestionVersion(question=question, number=1, qtype="multichoice", data={}, content_hash="0" * 64)
        question.tag_rows = [QuestionTag(tag=tag) for tag in tags]
        db.session.add_all([question, version])
        db.session.flush()
        attempt.slots.append(
            AttemptSlot(
                position=position, question_id=question.id, version_id=version.id, max_points=max_points, points=points
            )
        )
    db.session.commit()
    return attempt.id
