"""Skill levels of people and teams, with the evidence and history behind every number; supervisor ratings.

``skill_level(user_id, skill_id, as_of=None)`` is the entry point other features (motivation) call.
Levels are computed on read from the evidence in force, so a changed call verdict shows up at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import Role, Team, User
from app.accounts.permissions import LEARNERS
from app.core.domain import DomainError
from app.extensions import db
from app.skills import evidence as sources
from app.skills.framework import get_skill, list_skills
from app.skills.levels import (
    MAX_LEVEL,
    MIN_LEVEL,
    HistoryPoint,
    LevelResult,
    compute_level,
    level_history,
    weakest_cells,
)
from app.skills.models import Skill, SkillRating

MAX_COMMENT = 2000


@dataclass
class SkillRow:
    """A person's level in one skill with the evidence list and history behind it."""

    skill: Skill
    result: LevelResult
    evidence: list[sources.Evidence] = field(default_factory=list)
    history: list[HistoryPoint] = field(default_factory=list)


def _today() -> date:
    return date.today()


def skill_level(user_id: int, skill_id: str, as_of: date | None = None) -> LevelResult:
    """Level of one person in one skill (by skill key, e.g. ``objection_handling``) as of a date (default today)."""
    skill = get_skill(skill_id)
    if skill is None:
        return LevelResult(None, 0)
    as_of = as_of or _today()
    points = [e.point for e in sources.collect([user_id], [skill], as_of).get((user_id, skill.key), [])]
    return compute_level(points, skill.config, as_of)


def skill_levels(user_id: int, as_of: date | None = None) -> dict[str, LevelResult]:
    """Levels of one person in every skill of the framework, by skill key."""
    return {row.skill.key: row.result for row in profile(user_id, as_of, with_history=False)}


def profile(user_id: int, as_of: date | None = None, *, with_history: bool = True) -> list[SkillRow]:
    """Every skill of the framework for one person: level, evidence (newest first) and, optionally, history."""
    as_of = as_of or _today()
    skills = list_skills()
    grouped = sources.collect([user_id], skills, as_of)
    rows = []
    for skill in skills:
        items = grouped.get((user_id, skill.key), [])
        points = [e.point for e in items]
        rows.append(
            SkillRow(
                skill,
                compute_level(points, skill.config, as_of),
                list(reversed(items)),
                level_history(points, skill.config, as_of) if with_history else [],
            )
        )
    return rows


def skill_detail(user_id: int, key: str, as_of: date | None = None) -> SkillRow | None:
    """One skill of one person with its full evidence list and history; None for an unknown skill."""
    skill = get_skill(key)
    if skill is None:
        return None
    as_of = as_of or _today()
    items = sources.collect([user_id], [skill], as_of).get((user_id, skill.key), [])
    points = [e.point for e in items]
    return SkillRow(
        skill,
        compute_level(points, skill.config, as_of),
        list(reversed(items)),
        level_history(points, skill.config, as_of),
    )


def weakest(rows: list[SkillRow]) -> SkillRow | None:
    """The skill with the lowest known level (ties: fewer evidence first, then framework order)."""
    known = [row for row in rows if row.result.level is not None]
    return min(known, key=lambda r: (r.result.level, r.result.evidence_count), default=None)


@dataclass
class Matrix:
    """People × skills: levels, the weakest cells, averages per skill and per person."""

    people: list[User]
    skills: list[Skill]
    cells: dict[tuple[int, str], LevelResult]
    weakest: set[tuple[int, str]]
    skill_average: dict[str, float | None]
    person_average: dict[int, float | None]


def _average(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None


def team_matrix(people: list[User], as_of: date | None = None, weakest_count: int = 3) -> Matrix:
    """Levels of a team in every skill, with the ``weakest_count`` lowest cells marked."""
    as_of = as_of or _today()
    skills = list_skills()
    grouped = sources.collect([p.id for p in people], skills, as_of)
    cells = {
        (person.id, skill.key): compute_level(
            [e.point for e in grouped.get((person.id, skill.key), [])], skill.config, as_of
        )
        for person in people
        for skill in skills
    }
    levels = {key: result.level for key, result in cells.items()}
    return Matrix(
        people,
        skills,
        cells,
        weakest_cells(levels, weakest_count),
        {s.key: _average([levels[(p.id, s.key)] for p in people]) for s in skills},
        {p.id: _average([levels[(p.id, s.key)] for s in skills]) for p in people},
    )


def teams_for(viewer: User) -> list[Team]:
    """Teams whose matrix the viewer may open: a supervisor's own teams; every team for trainers and admins."""
    query = select(Team).order_by(Team.name)
    if viewer.role == Role.SUPERVISOR:
        query = query.where(Team.supervisor_id == viewer.id)
    elif viewer.role not in (Role.TRAINER, Role.ADMIN):
        return []
    return list(db.session.scalars(query))


def team_people(team: Team) -> list[User]:
    """Active managers and new hires of a team, by name."""
    return [m for m in team.members if m.active and m.role in LEARNERS]


def rate_skill(person: User, key: str, level: int, comment: str, rater: User, on: date | None = None) -> SkillRating:
    """Record a supervisor's rating of a person's skill (1-5 with a comment); it becomes evidence at once."""
    skill = get_skill(key)
    if skill is None:
        raise DomainError(_("Такого навыка нет в модели."), "skill")
    if level is None or not MIN_LEVEL <= int(level) <= MAX_LEVEL:
        raise DomainError(_("Оценка — целое число от 1 до 5."), "level")
    comment = (comment or "").strip()
    if not comment:
        raise DomainError(
            _("Напишите, что именно вы наблюдали: сотрудник увидит комментарий рядом с оценкой."), "comment"
        )
    if len(comment) > MAX_COMMENT:
        raise DomainError(_("Комментарий длиннее %(n)s символов.", n=MAX_COMMENT), "comment")
    on = on or _today()
    if on > _today():
        raise DomainError(_("Дата оценки не может быть в будущем."), "rated_on")
    rating = SkillRating(
        user_id=person.id, skill_id=skill.id, level=int(level), comment=comment, rated_on=on, rated_by_id=rater.id
    )
    db.session.add(rating)
    db.session.flush()
    return rating
