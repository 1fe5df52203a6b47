"""The skills framework: the default skills from ``default_skills.yaml`` and a trainer's edits. Services flush."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User
from app.core.domain import DomainError
from app.extensions import db
from app.skills.levels import MAX_LEVEL, Method
from app.skills.models import Skill

DEFAULTS_FILE = Path(__file__).with_name("default_skills.yaml")
MAX_HALF_LIFE = 730
MAX_N_TIMES = 20
MAX_WEIGHT = 10.0


@dataclass
class SkillData:
    """What a trainer edits on a skill."""

    title: str
    description: str
    levels: list[str]
    method: str
    half_life_days: int
    n_times: int
    weight_calls: float
    weight_exams: float
    weight_ratings: float


def load_defaults(path: Path = DEFAULTS_FILE) -> list[dict[str, Any]]:
    """The default skills as dictionaries, checked for shape (a broken file names the skill and field)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    skills = data.get("skills") or []
    for index, raw in enumerate(skills, start=1):
        where = f"{path.name}: skill {index} ({raw.get('key', '?')})"
        if not raw.get("key") or not raw.get("title"):
            raise ValueError(f"{where}: key and title are required")
        if len(raw.get("levels") or []) != MAX_LEVEL:
            raise ValueError(f"{where}: exactly {MAX_LEVEL} level descriptors are required")
        Method(raw.get("method", Method.DECAYING.value))
    return skills


def import_defaults(path: Path = DEFAULTS_FILE) -> list[Skill]:
    """Add the default skills that are missing (idempotent; skills already present are left as edited)."""
    existing = {s.key for s in db.session.scalars(select(Skill))}
    created = []
    for position, raw in enumerate(load_defaults(path)):
        if raw["key"] in existing:
            continue
        weights = raw.get("weights") or {}
        skill = Skill(
            key=raw["key"],
            title=raw["title"],
            description=(raw.get("description") or "").strip(),
            position=position,
            levels=[str(text).strip() for text in raw["levels"]],
            method=Method(raw.get("method", Method.DECAYING.value)),
            half_life_days=int(raw.get("half_life_days", 30)),
            n_times=int(raw.get("n_times", 3)),
            weight_calls=float(weights.get("calls", 1.0)),
            weight_exams=float(weights.get("exams", 1.0)),
            weight_ratings=float(weights.get("ratings", 1.0)),
        )
        db.session.add(skill)
        created.append(skill)
    db.session.flush()
    return created


def list_skills() -> list[Skill]:
    """The framework in display order."""
    return list(db.session.scalars(select(Skill).order_by(Skill.position, Skill.id)))


def get_skill(key: str) -> Skill | None:
    """The skill with this key, if any."""
    return db.session.scalar(select(Skill).where(Skill.key == key))


def _check(data: SkillData) -> None:
    if not data.title.strip():
        raise DomainError(_("Укажите название навыка."), "title")
    if len(data.levels) != MAX_LEVEL or any(not text.strip() for text in data.levels):
        raise DomainError(_("Опишите поведение на каждом из пяти уровней."), "levels")
    if data.method not in {m.value for m in Method}:
        raise DomainError(_("Выберите способ расчёта уровня."), "method")
    if not 1 <= data.half_life_days <= MAX_HALF_LIFE:
        raise DomainError(_("Период полураспада — от 1 до %(n)s дней.", n=MAX_HALF_LIFE), "half_life_days")
    if not 1 <= data.n_times <= MAX_N_TIMES:
        raise DomainError(_("Число подтверждений — от 1 до %(n)s.", n=MAX_N_TIMES), "n_times")
    for name in ("weight_calls", "weight_exams", "weight_ratings"):
        if not 0 <= getattr(data, name) <= MAX_WEIGHT:
            raise DomainError(_("Вес — число от 0 до %(n)s (0 — источник не учитывается).", n=MAX_WEIGHT), name)
    if data.weight_calls + data.weight_exams + data.weight_ratings <= 0:
        raise DomainError(_("Хотя бы один источник должен иметь вес больше нуля."), "weight_calls")


def update_skill(skill: Skill, data: SkillData, editor: User) -> Skill:
    """Save a trainer's edit of a skill; levels are recomputed from evidence on the next view."""
    _check(data)
    skill.title, skill.description = data.title.strip(), data.description.strip()
    skill.levels = [text.strip() for text in data.levels]
    skill.method = Method(data.method)
    skill.half_life_days, skill.n_times = data.half_life_days, data.n_times
    skill.weight_calls, skill.weight_exams = data.weight_calls, data.weight_exams
    skill.weight_ratings = data.weight_ratings
    skill.updated_by_id = editor.id
    db.session.flush()
    return skill
