"""Item analysis of an exam: facility and discrimination of every question over the graded attempts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from app.exams.models import AttemptStatus, Exam, ExamAttempt, Question
from app.exams.stats import ItemStats, item_stats
from app.extensions import db


@dataclass
class ItemRow:
    """One question's statistics, with the versions the attempts showed."""

    question: Question
    stats: ItemStats
    versions: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class Analysis:
    """The whole table plus how many attempts it is based on."""

    attempts: int
    rows: list[ItemRow]


def _percent(points: float, max_points: float) -> float:
    return 100 * points / max_points if max_points > 0 else 0.0


def item_analysis(exam: Exam) -> Analysis:
    """Statistics over every graded attempt (question score 0..1, attempt total and rest-of-test in percent)."""
    attempts = list(
        db.session.scalars(
            select(ExamAttempt).where(ExamAttempt.exam_id == exam.id, ExamAttempt.status == AttemptStatus.GRADED)
        )
    )
    scores: dict[int, list[float]] = defaultdict(list)
    totals: dict[int, list[float]] = defaultdict(list)
    rests: dict[int, list[float]] = defaultdict(list)
    versions: dict[int, set[int]] = defaultdict(set)
    questions: dict[int, Question] = {}
    for attempt in attempts:
        points = attempt.points or 0.0
        for slot in attempt.slots:
            qid = slot.question_id
            questions[qid] = slot.question
            versions[qid].add(slot.version.number)
            score = slot.fraction or 0.0
            scores[qid].append(score)
            totals[qid].append(attempt.percent or 0.0)
            rests[qid].append(_percent(points - (slot.points or 0.0), attempt.max_points - slot.max_points))
    rows = [
        ItemRow(
            questions[qid],
            item_stats(scores[qid], totals[qid], rests[qid]),
            sorted(versions[qid]),
            questions[qid].tags,
        )
        for qid in questions
    ]
    rows.sort(key=lambda r: (r.stats.discrimination is None, r.stats.discrimination or 0.0, r.question.key))
    return Analysis(len(attempts), rows)
