"""Demo: finished exam attempts with realistic mixed results for managers and new hires, one essay left to grade.

Runs after the learning seeder (which imports the courses and with them the exams); when the exams are missing it
imports the shipped course banks itself. Idempotent: nothing is added once any demo person has an attempt.
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml
from flask import current_app
from sqlalchemy import select

from app.accounts.models import User
from app.core.demo import DemoContext
from app.core.domain import DomainError
from app.exams import attempts as rules
from app.exams.gift import QType
from app.exams.gift import Question as GiftQuestion
from app.exams.grading import matching_lefts
from app.exams.importing import import_course_exam
from app.exams.models import AttemptSlot, Exam, ExamAttempt
from app.extensions import db

# person, course, days ago, ability (chance of a right answer before skill bias and question difficulty)
PLAN = [
    ("elena", "product", 150, 0.95),
    ("anna", "product", 120, 0.90),
    ("dmitry", "product", 90, 0.80),
    ("anna", "objections", 60, 0.62),
    ("anna", "objections", 53, 0.85),
    ("elena", "value", 40, 0.85),
    ("anna", "spin", 30, 0.85),
    ("pavel", "product", 20, 0.50),
    ("pavel", "product", 13, 0.72),
    ("sofia", "product", 10, 0.85),
    ("dmitry", "spin", 8, 0.66),
    ("kirill", "product", 3, 0.78),
    ("sofia", "gatekeeper", 1, 0.75),  # her essay is left for the supervisor or the trainer to grade
]
PENDING = ("sofia", "gatekeeper")
SKILL_BIAS = {
    "dmitry": {"positioning": -0.35, "needs_discovery": -0.1},
    "pavel": {"product_knowledge": -0.15, "positioning": 0.1},
    "anna": {"objection_handling": -0.1},
    "sofia": {"gatekeeper": 0.1, "opening": -0.25},
    "kirill": {"positioning": -0.3},
}
# What the demo people write in essays, by question key (a generic answer for any other essay).
ESSAYS = {
    "gk-010": (
        "Компания: «ЛайтПринт», сервис принтеров в офисах клиентов.\n"
        "ЛПР: Дмитрий Андреевич, руководитель сервиса (с сайта).\n"
        "Повод: выездные инженеры возят запчасти по городу — срочная доставка деталей за 2 часа.\n"
        "Фраза секретарю: «Добрый день! Андрей Ковалёв, „СтрелаЭкспресс“. Подскажите, как лучше связаться с "
        "Дмитрием Андреевичем по доставке запчастей инженерам?»"
    ),
    "gk-020": (
        "«Добрый день! Андрей Ковалёв, „СтрелаЭкспресс“. Подскажите, пожалуйста, кто у вас отвечает за доставку "
        "заказов покупателям по городу? Хочу задать ему пару вопросов о сроках.»"
    ),
    "gk-030": (
        "Ошибки: менеджер выдаёт себя за Центральный банк, обманывает и угрожает секретарю.\n"
        "Как лучше: «Добрый день! Ирина Власова, „СтрелаЭкспресс“. Мы возим документы для нескольких банков. "
        "Подскажите, кто у вас отвечает за курьерскую доставку между отделениями?»"
    ),
    "obj-016": (
        "«Понимаю, хорошо, когда доставка налажена. Скажите, как давно вы работаете с этой службой? "
        "Что для вас в ней важнее всего? Давайте сравним на одной пробной отправке документов — вы ничего не меняете, "
        "просто увидите разницу по срокам.»"
    ),
    "obj-030": (
        "Ошибки: ругает конкурента и давит скидкой. Лучше: «Понимаю, менять то, что работает, не хочется. "
        "Что вам особенно важно в доставке? Если интересно, сравним на одной пробной отправке»."
    ),
}
GENERIC_ESSAY = "Присоединяюсь к клиенту, задаю два уточняющих вопроса и предлагаю пробную отправку с датой."


def _difficulty(key: str) -> float:
    """A stable per-question shift in -0.2..0.2 so item statistics have something to show."""
    return (int(hashlib.sha1(key.encode()).hexdigest()[:4], 16) / 0xFFFF - 0.5) * 0.4


def _right(q: GiftQuestion, key: str) -> dict[str, list[str]]:
    if q.qtype == QType.SINGLE:
        return {"": [str(max(range(len(q.answers)), key=lambda i: q.answers[i].weight))]}
    if q.qtype == QType.MULTIPLE:
        return {"": [str(i) for i, a in enumerate(q.answers) if a.weight > 0]}
    if q.qtype == QType.TRUEFALSE:
        return {"": ["true" if q.truth else "false"]}
    if q.qtype == QType.SHORT:
        return {"": [next(a.text for a in q.answers if a.weight == 100).replace("*", "")]}
    if q.qtype == QType.NUMERICAL:
        best = max(q.numbers, key=lambda n: n.weight)
        return {"": [str(best.low if best.is_range else best.value)]}
    if q.qtype == QType.MATCHING:
        return {f"m{i}": [q.pairs[i].right] for i in matching_lefts(q)}
    return {"": [ESSAYS.get(key, GENERIC_ESSAY)]}


def _wrong(q: GiftQuestion, rng: random.Random) -> dict[str, list[str]]:
    if q.qtype == QType.SINGLE:
        return {"": [str(rng.choice([i for i, a in enumerate(q.answers) if a.weight < 100] or [0]))]}
    if q.qtype == QType.MULTIPLE:
        right = [str(i) for i, a in enumerate(q.answers) if a.weight > 0][:1]
        wrong = [str(i) for i, a in enumerate(q.answers) if a.weight <= 0][:1]
        return {"": right + wrong}
    if q.qtype == QType.TRUEFALSE:
        return {"": ["false" if q.truth else "true"]}
    if q.qtype == QType.NUMERICAL:
        best = q.numbers[0]
        return {"": [str((best.high if best.is_range else best.value) * 2 + 7)]}
    if q.qtype == QType.MATCHING:
        lefts = matching_lefts(q)
        rights = [q.pairs[i].right for i in lefts]
        return {f"m{i}": [rights[(k + 1) % len(rights)]] for k, i in enumerate(lefts)}
    return {"": ["не помню"]} if q.qtype == QType.SHORT else {"": [GENERIC_ESSAY]}


def _answers(attempt: ExamAttempt, person: str, ability: float, rng: random.Random) -> dict[int, Any]:
    bias = SKILL_BIAS.get(person, {})
    answers = {}
    for slot in attempt.slots:
        question = slot.version.as_gift()
        shift = sum(bias.get(tag, 0.0) for tag in question.tags) / max(len(question.tags), 1)
        chance = min(0.98, max(0.05, ability + shift + _difficulty(slot.question.key)))
        key = slot.question.key
        answers[slot.id] = _right(question, key) if rng.random() < chance else _wrong(question, rng)
    return answers


def _ensure_exams(ctx: DemoContext) -> None:
    """Import the shipped course banks when the learning seeder has not brought the exams in."""
    if db.session.scalar(select(Exam.id).limit(1)) is not None:
        return
    root = Path(current_app.config.get("COURSES_DIR") or Path(current_app.root_path).parent / "courses")
    for folder in sorted(p for p in root.iterdir() if (p / "course.yaml").is_file()):
        exam = (yaml.safe_load((folder / "course.yaml").read_text(encoding="utf-8")) or {}).get("exam")
        gift = folder / "questions.gift"
        text = gift.read_text(encoding="utf-8") if gift.is_file() else ""
        try:
            import_course_exam(folder.name, text, exam, source=str(gift))
        except DomainError as error:
            ctx.echo(f"Exams: {error.message}")


def _take(exam: Exam, user: User, person: str, ability: float, day: datetime, pending: bool) -> ExamAttempt:
    """One finished attempt; for ``pending`` the draw is repeated until it contains an essay, left ungraded."""
    for tries in range(40):
        rng = random.Random(f"{person}-{exam.course_key}-{day:%Y%m%d}-{tries}")
        attempt = rules.start_attempt(exam, user, now=day, rng=rng)
        has_essay = any(s.version.qtype == QType.ESSAY for s in attempt.slots)
        if not pending or has_essay:
            break
        db.session.delete(attempt)
        db.session.flush()
    rules.submit_attempt(attempt, _answers(attempt, person, ability, rng), now=day + timedelta(minutes=14))
    return attempt


def _grade_essays(attempt: ExamAttempt, trainer: User | None, ability: float, day: datetime, keep: int = 0) -> None:
    """The trainer grades the attempt's essays except the first ``keep`` (left waiting in the queue)."""
    if trainer is None:
        return
    waiting = [slot for slot in attempt.slots if slot.needs_manual and slot.graded_at is None]
    for slot in waiting[keep:]:
        points = round(slot.max_points * ability * 2) / 2
        comment = "Вопросы о последствиях есть; добавьте резюме словами клиента." if points < 1 else "Хорошо."
        rules.grade_manually(slot, points, comment, trainer, now=day + timedelta(hours=20))


def seed(ctx: DemoContext) -> None:
    """Finished attempts for the demo people (idempotent) so sub-scores, item statistics and the queue show."""
    _ensure_exams(ctx)
    people = {key: user for key, user in ctx.users.items() if key in {p for p, *_ in PLAN}}
    if not people:
        return
    ids = [user.id for user in people.values()]
    if db.session.scalar(select(ExamAttempt.id).where(ExamAttempt.user_id.in_(ids)).limit(1)) is not None:
        return
    exams = {e.course_key: e for e in db.session.scalars(select(Exam))}
    trainer = ctx.users.get("trainer")
    taken = 0
    for person, course, days_ago, ability in PLAN:
        user, exam = people.get(person), exams.get(course)
        if user is None or exam is None:
            continue
        day = datetime.combine(ctx.today - timedelta(days=days_ago), time(7, 30), tzinfo=UTC)
        pending = (person, course) == PENDING
        attempt = _take(exam, user, person, ability, day, pending=pending)
        _grade_essays(attempt, trainer, ability, day, keep=1 if pending else 0)
        taken += 1
    db.session.flush()
    if taken:
        ctx.created_any = True
        waiting = db.session.scalar(
            select(AttemptSlot.id).where(AttemptSlot.needs_manual.is_(True), AttemptSlot.graded_at.is_(None)).limit(1)
        )
        ctx.echo(f"Exams: {taken} finished attempts" + (", one essay waiting for grading" if waiting else ""))
