"""Evidence collection: scored calls, graded exam attempts and supervisor ratings turned into 1-5 skill points.

* **Call** (one per scored call and skill): the share of the skill's applicable checklist items that passed on
  the call's current scorecard, using the verdict in force (a supervisor's override beats the engine), mapped to a
  level by :func:`app.skills.levels.share_to_level`. Unscorable scorecards and calls not yet scored are skipped.
* **Exam** (one per graded attempt and tag): the attempt's points on questions tagged with the skill over their
  maximum, mapped by :func:`app.skills.levels.percent_to_level`.
* **Rating** (one per rating): the supervisor's level as given.

Each point carries the weight the skill gives its source type.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import select

from app.extensions import db
from app.skills.levels import Point, percent_to_level, share_to_level
from app.skills.models import Skill, SkillRating

CALL, EXAM, RATING = "call", "exam", "rating"
SOURCES = (CALL, EXAM, RATING)


@dataclass(frozen=True)
class ItemVerdict:
    """A checklist item behind a call's evidence point."""

    item_id: str
    title: str
    result: str  # pass | fail
    overridden: bool = False


@dataclass(frozen=True)
class Evidence:
    """One evidence point with everything needed to show and link it."""

    source: str  # call | exam | rating
    source_id: int
    user_id: int
    skill: str
    on: date
    value: int  # level 1-5
    weight: float
    percent: float | None = None  # calls and exams: the share behind the level
    title: str = ""  # call's client company, exam title, rater's name
    note: str = ""  # rating comment
    items: tuple[ItemVerdict, ...] = field(default=())
    link_id: int | None = None  # call id or attempt id

    @property
    def point(self) -> Point:
        """The plain data the level functions work on."""
        return Point(self.on, float(self.value), self.weight)


Key = tuple[int, str]  # (user_id, skill key)


def _weight(skill: Skill, source: str) -> float:
    return float({CALL: skill.weight_calls, EXAM: skill.weight_exams, RATING: skill.weight_ratings}[source] or 0.0)


def _day(moment: datetime | date | None) -> date | None:
    if moment is None or not isinstance(moment, datetime):
        return moment
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).date()


def call_evidence(user_ids: list[int], skills: dict[str, Skill], until: date | None) -> list[Evidence]:
    """One point per (scored call, skill): passed / applicable items of that skill on the current scorecard."""
    from app.calls.models import Call, CallStatus, ItemResult, Scorecard, ScorecardItem

    query = (
        select(ScorecardItem, Call.id, Call.manager_id, Call.call_date, Call.client_company)
        .join(Call, Call.current_scorecard_id == ScorecardItem.scorecard_id)
        .join(Scorecard, Scorecard.id == ScorecardItem.scorecard_id)
        .where(
            Call.manager_id.in_(user_ids),
            Call.status == CallStatus.SCORED,
            Scorecard.unscorable.is_(False),
            ScorecardItem.skill.in_(list(skills)),
        )
        .order_by(Call.call_date, Call.id, ScorecardItem.position)
    )
    if until is not None:
        query = query.where(Call.call_date <= until)
    groups: dict[tuple[int, str], list[ItemVerdict]] = defaultdict(list)
    meta: dict[int, tuple[int, date, str]] = {}
    for item, call_id, manager_id, call_date, company in db.session.execute(query):
        meta[call_id] = (manager_id, call_date, company or "")
        result = item.result
        if result == ItemResult.NA:
            continue
        groups[(call_id, item.skill)].append(ItemVerdict(item.item_id, item.title, result.value, item.overridden))
    out = []
    for (call_id, key), verdicts in groups.items():
        passed = sum(1 for v in verdicts if v.result == ItemResult.PASS.value)
        level = share_to_level(passed, len(verdicts))
        manager_id, call_date, company = meta[call_id]
        out.append(
            Evidence(
                CALL,
                call_id,
                manager_id,
                key,
                call_date,
                level or 1,
                _weight(skills[key], CALL),
                percent=round(100.0 * passed / len(verdicts), 1),
                title=company,
                items=tuple(verdicts),
                link_id=call_id,
            )
        )
    return out


def exam_evidence(user_ids: list[int], skills: dict[str, Skill], until: date | None) -> list[Evidence]:
    """One point per (graded attempt, tag): points on the questions tagged with the skill over their maximum."""
    from app.exams.models import AttemptSlot, AttemptStatus, Exam, ExamAttempt, QuestionTag

    query = (
        select(
            ExamAttempt.id,
            ExamAttempt.user_id,
            ExamAttempt.graded_at,
            Exam.title,
            QuestionTag.tag,
            AttemptSlot.points,
            AttemptSlot.max_points,
        )
        .join(Exam, Exam.id == ExamAttempt.exam_id)
        .join(AttemptSlot, AttemptSlot.attempt_id == ExamAttempt.id)
        .join(QuestionTag, QuestionTag.question_id == AttemptSlot.question_id)
        .where(
            ExamAttempt.user_id.in_(user_ids),
            ExamAttempt.status == AttemptStatus.GRADED,
            QuestionTag.tag.in_(list(skills)),
        )
    )
    sums: dict[tuple[int, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    meta: dict[int, tuple[int, date, str]] = {}
    for attempt_id, user_id, graded_at, title, tag, points, max_points in db.session.execute(query):
        day = _day(graded_at)
        if day is None or (until is not None and day > until):
            continue
        meta[attempt_id] = (user_id, day, title)
        sums[(attempt_id, tag)][0] += points or 0.0
        sums[(attempt_id, tag)][1] += max_points or 0.0
    out = []
    for (attempt_id, tag), (points, max_points) in sums.items():
        if max_points <= 0:
            continue
        percent = 100.0 * points / max_points
        user_id, day, title = meta[attempt_id]
        out.append(
            Evidence(
                EXAM,
                attempt_id,
                user_id,
                tag,
                day,
                percent_to_level(percent),
                _weight(skills[tag], EXAM),
                percent=round(percent, 1),
                title=title,
                link_id=attempt_id,
            )
        )
    return out


def rating_evidence(user_ids: list[int], skills: dict[str, Skill], until: date | None) -> list[Evidence]:
    """One point per supervisor rating."""
    by_id = {skill.id: skill for skill in skills.values()}
    query = select(SkillRating).where(SkillRating.user_id.in_(user_ids), SkillRating.skill_id.in_(list(by_id)))
    if until is not None:
        query = query.where(SkillRating.rated_on <= until)
    out = []
    for rating in db.session.scalars(query):
        skill = by_id[rating.skill_id]
        rater = rating.rated_by.full_name if rating.rated_by else ""
        out.append(
            Evidence(
                RATING,
                rating.id,
                rating.user_id,
                skill.key,
                rating.rated_on,
                rating.level,
                _weight(skill, RATING),
                title=rater,
                note=rating.comment or "",
            )
        )
    return out


def collect(user_ids: Iterable[int], skills: list[Skill], until: date | None = None) -> dict[Key, list[Evidence]]:
    """All evidence of these people for these skills up to ``until``, by (user, skill), oldest first."""
    ids = sorted(set(user_ids))
    by_key = {skill.key: skill for skill in skills}
    grouped: dict[Key, list[Evidence]] = defaultdict(list)
    if not ids or not by_key:
        return grouped
    for collector in (call_evidence, exam_evidence, rating_evidence):
        for item in collector(ids, by_key, until):
            grouped[(item.user_id, item.skill)].append(item)
    for items in grouped.values():
        items.sort(key=lambda e: (e.on, SOURCES.index(e.source), e.source_id))
    return grouped
