"""What the skills pages show: charts and rows assembled from the services (keeps the views thin)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup

from app.accounts.models import Team, User
from app.accounts.permissions import can
from app.core import charts
from app.skills import services
from app.skills import sheets as sheet_rules
from app.skills.forms import RatingForm, method_label
from app.skills.levels import MAX_LEVEL, MIN_LEVEL, HistoryPoint, LevelResult, Method
from app.skills.models import Skill


def history_labels(history: list[HistoryPoint]) -> list[str]:
    """Short date labels (dd.mm) of history points."""
    return [point.end.strftime("%d.%m") for point in history]


def evidence_href(person: User, skill: Skill) -> str:
    return url_for("skills.evidence", user_id=person.id, key=skill.key)


def method_text(skill: Skill) -> str:
    """How this skill's level is computed, in words."""
    text = method_label(skill.method.value)
    if skill.method == Method.DECAYING:
        text += " · " + _("полураспад %(n)s дн.", n=skill.half_life_days)
    elif skill.method == Method.N_TIMES:
        text += " · " + _("N = %(n)s", n=skill.n_times)
    return text


def profile_page(person: User, viewer: User) -> dict[str, Any]:
    """Radar of current levels, a row per skill with its trend, the weakest skill, links to evidence."""
    rows = services.profile(person.id)
    radar = charts.radar(
        [charts.Axis(row.skill.title, row.result.level, evidence_href(person, row.skill)) for row in rows],
        label=_("Уровни навыков: %(name)s", name=person.full_name),
    )
    sparklines = {
        row.skill.key: charts.sparkline(
            [h.level for h in row.history],
            low=MIN_LEVEL,
            high=MAX_LEVEL,
            label=_("Динамика: %(skill)s", skill=row.skill.title),
        )
        for row in rows
    }
    sheets = sheet_rules.list_sheets(viewer, person_id=person.id)
    return {
        "person": person,
        "rows": rows,
        "radar": radar,
        "sparklines": sparklines,
        "weakest": services.weakest(rows),
        "known": sum(1 for r in rows if r.result.level is not None),
        "open_sheet": next((s for s in sheets if not s.is_closed), None),
        "may_rate": can(viewer, "review", person),
    }


def evidence_page(person: User, row: services.SkillRow, viewer: User) -> dict[str, Any]:
    """One skill of one person: level, descriptors, history chart, evidence and (for a supervisor) a rating form."""
    history = row.history
    chart: Markup = charts.line_chart(
        [h.level for h in history],
        history_labels(history),
        counts=[h.evidence_count for h in history],
        title=_("История уровня: %(skill)s", skill=row.skill.title),
        low=MIN_LEVEL,
        high=MAX_LEVEL,
    )
    current = int(row.result.level + 1e-9) if row.result.level is not None else None
    form = RatingForm() if can(viewer, "review", person) else None
    if form is not None and form.rated_on.data is None:
        form.rated_on.data = date.today()
    return {
        "person": person,
        "row": row,
        "chart": chart,
        "current_whole": current,
        "method_text": method_text(row.skill),
        "form": form,
    }


def level_cell_class(result: LevelResult) -> str:
    """CSS class of a matrix cell by its colour band."""
    return {"weak": "score-bad", "mid": "score-mid", "strong": "score-good"}.get(result.band, "")


def team_page(viewer: User, team_id: int | None) -> dict[str, Any] | None:
    """The matrix of the picked team (or the viewer's first team); None when the viewer may not see that team."""
    teams = services.teams_for(viewer)
    team: Team | None = next((t for t in teams if t.id == team_id), None) if team_id else (teams[0] if teams else None)
    if team_id and team is None:
        return None
    matrix = services.team_matrix(services.team_people(team)) if team is not None else None
    return {"teams": teams, "team": team, "matrix": matrix, "cell_class": level_cell_class}
