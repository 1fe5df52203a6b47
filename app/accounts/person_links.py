"""The sections of a person page: that person's calls, skills, development sheets, onboarding and pay statement.

A link shows only when its feature is registered and the viewer may open it (the same rule its view checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.accounts.permissions import LEARNERS, can


@dataclass(frozen=True)
class PersonLink:
    """One section link of a person page."""

    key: str
    label: Any
    hint: Any
    icon: str
    url: str


# key, endpoint, permission action, label, hint, icon, URL arguments for the person's id
SECTIONS: tuple[tuple[str, str, str, Any, Any, str, str], ...] = (
    ("calls", "calls.index", "view", _l("Звонки"), _l("оценки по чек-листам и прослушки"), "telephone", "manager"),
    ("skills", "skills.person", "view", _l("Навыки"), _l("уровни по звонкам, экзаменам и оценкам"), "bar-chart",
     "user_id"),
    ("sheets", "skills.sheets", "view", _l("Листы развития"), _l("цели и действия на период"), "journal-check",
     "person_id"),
    ("onboarding", "learning.person_onboarding", "view", _l("Адаптация"), _l("программа первых недель"), "signpost-2",
     "user_id"),
    ("pay", "motivation.statement", "view_pay", _l("Ведомость премии"), _l("KPI и расчёт за месяц"), "cash-coin",
     "user_id"),
)


def person_links(person: User, viewer: User) -> list[PersonLink]:
    """Links to the sections of ``person`` that ``viewer`` may open (sales managers and new hires only)."""
    if person.role not in LEARNERS:
        return []
    endpoints = current_app.view_functions
    return [
        PersonLink(key, label, hint, icon, url_for(endpoint, **{argument: person.id}))
        for key, endpoint, action, label, hint, icon, argument in SECTIONS
        if endpoint in endpoints and can(viewer, action, person)
    ]
