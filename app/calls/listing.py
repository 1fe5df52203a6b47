"""The call list: filters kept in the URL, whitelisted sorting, one query for the page and one for the count.

``parse_filters`` is pure (query-string mapping in, ``ListFilters`` out, bad values dropped and named).
``list_calls`` pages with a deferred join: the filtered, ordered ids of one page are chosen first over
indexed columns, then only those rows get their names, critical failures and library flag, so the
per-row subqueries never run for rows that are not shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, time
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select

from app.accounts.models import Role, Team, User
from app.accounts.permissions import visible_user_ids
from app.calls.library_models import LibraryEntry
from app.calls.models import Call, CallStatus, ItemResult, ScorecardItem
from app.extensions import db
from app.quality.models import Checklist

PAGE_SIZES = (25, 50, 100)
STATUSES = tuple(s.value for s in CallStatus)
# sort key -> columns (ascending); "-key" sorts descending. Ties always break on the id.
SORTS: dict[str, tuple[Any, ...]] = {
    "date": (Call.call_date, Call.call_time, Call.id),
    "score": (Call.final_score, Call.id),
    "duration": (Call.duration, Call.id),
    "manager": (User.full_name, Call.call_date, Call.id),
    "status": (Call.status, Call.call_date, Call.id),
}
DEFAULT_SORT = "-date"
# First click on a column: newest, weakest, longest first; names and statuses alphabetically.
FIRST_DIRECTION = {"date": "-", "score": "", "duration": "-", "manager": "", "status": ""}
REVIEWED = ("yes", "no")


@dataclass(frozen=True)
class ListFilters:
    """What the list shows; every field round-trips through the query string."""

    manager: int | None = None
    team: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    checklist: int | None = None
    score_min: float | None = None
    score_max: float | None = None
    status: str | None = None
    failed: str | None = None  # checklist item id that failed (human verdict when given)
    critical: bool = False
    reviewed: str | None = None  # "yes" | "no"
    client: str | None = None
    sort: str = DEFAULT_SORT
    page: int = 1
    per_page: int = PAGE_SIZES[0]

    @property
    def active(self) -> bool:
        """Any filter (not sorting or paging) is set."""
        defaults = ListFilters()
        return any(
            getattr(self, f.name) != getattr(defaults, f.name)
            for f in fields(self)
            if f.name not in ("sort", "page", "per_page")
        )


def _int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def _score(value: str) -> float:
    number = float(value.replace(",", "."))
    if not 0 <= number <= 100:
        raise ValueError(value)
    return number


def _choice(options: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def parse(value: str) -> str:
        if value not in options:
            raise ValueError(value)
        return value

    return parse


def _sort(value: str) -> str:
    if value.lstrip("-") not in SORTS:
        raise ValueError(value)
    return value


def _item_id(value: str) -> str:
    if len(value) > 80 or not value.replace("_", "").replace("-", "").isalnum():
        raise ValueError(value)
    return value


PARSERS = {
    "manager": _int,
    "team": _int,
    "checklist": _int,
    "date_from": date.fromisoformat,
    "date_to": date.fromisoformat,
    "score_min": _score,
    "score_max": _score,
    "status": _choice(STATUSES),
    "failed": _item_id,
    "critical": lambda v: v in ("1", "on", "true", "yes"),
    "reviewed": _choice(REVIEWED),
    "client": lambda v: v[:200],
    "sort": _sort,
    "page": _int,
    "per_page": lambda v: _choice(tuple(map(str, PAGE_SIZES)))(v) and int(v),
}


def parse_filters(args: Mapping[str, str]) -> tuple[ListFilters, list[str]]:
    """Filters from query-string values; returns them and the names of values that were not understood."""
    values: dict[str, Any] = {}
    invalid: list[str] = []
    for name, parse in PARSERS.items():
        raw = (args.get(name) or "").strip()
        if not raw:
            continue
        try:
            values[name] = parse(raw)
        except ValueError:
            invalid.append(name)
    filters = ListFilters(**values)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        filters = replace(filters, date_from=filters.date_to, date_to=filters.date_from)
    if filters.score_min is not None and filters.score_max is not None and filters.score_min > filters.score_max:
        filters = replace(filters, score_min=filters.score_max, score_max=filters.score_min)
    return filters, invalid


def to_args(filters: ListFilters, **changes: Any) -> dict[str, str]:
    """Query-string arguments of the filters (defaults left out) with ``changes`` applied."""
    filters = replace(filters, **changes)
    defaults = ListFilters()
    args = {}
    for f in fields(filters):
        value = getattr(filters, f.name)
        if value == getattr(defaults, f.name) or value is None:
            continue
        if value is True:
            args[f.name] = "1"
        elif isinstance(value, date):
            args[f.name] = value.isoformat()
        elif isinstance(value, float):
            args[f.name] = f"{value:g}"
        else:
            args[f.name] = str(value)
    return args


def next_sort(current: str, key: str) -> str:
    """The sort a column header links to: its first direction, or the other one when already sorted by it."""
    if current.lstrip("-") != key:
        return FIRST_DIRECTION.get(key, "") + key
    return key if current.startswith("-") else f"-{key}"


def order_by(sort: str) -> list[Any]:
    """ORDER BY clauses for a sort key; scores and durations put calls without a value last."""
    descending = sort.startswith("-")
    columns = SORTS.get(sort.lstrip("-"), SORTS["date"])
    clauses = []
    for column in columns:
        clause = column.desc() if descending else column.asc()
        if column is Call.final_score or column is Call.duration or column is Call.call_time:
            clause = clause.nulls_last()
        clauses.append(clause)
    return clauses


def status_is(status: CallStatus) -> Any:
    """SQL ``status = value``. Most calls are "scored", so for that value the status index is kept out of the
    plan (``status || ''`` cannot use it): a covering index of the list then answers the whole query."""
    if status == CallStatus.SCORED:
        return (Call.status + "") == status.value
    return Call.status == status


def item_in_force_is(result: ItemResult) -> Any:
    """SQL condition: the verdict in force of a scorecard item (human over automatic) is ``result``."""
    return or_(
        ScorecardItem.human_result == result,
        and_(ScorecardItem.human_result.is_(None), ScorecardItem.auto_result == result),
    )


def conditions(filters: ListFilters, visible_ids: list[int] | None) -> list[Any]:
    """WHERE clauses of the filters, restricted to the people the viewer may see."""
    where: list[Any] = []
    if visible_ids is not None:
        where.append(Call.manager_id.in_(visible_ids))
    if filters.manager:
        where.append(Call.manager_id == filters.manager)
    if filters.team:
        where.append(Call.team_id == filters.team)
    if filters.date_from:
        where.append(Call.call_date >= filters.date_from)
    if filters.date_to:
        where.append(Call.call_date <= filters.date_to)
    if filters.checklist:
        where.append(Call.checklist_id == filters.checklist)
    if filters.score_min is not None:
        where.append(Call.final_score >= filters.score_min)
    if filters.score_max is not None:
        where.append(Call.final_score <= filters.score_max)
    if filters.status:
        where.append(status_is(CallStatus(filters.status)))
    if filters.critical:
        where.append(Call.critical_failed.is_(True))
    if filters.reviewed == "yes":
        where.append(Call.reviewed_at.is_not(None))
    elif filters.reviewed == "no":
        where.append(Call.reviewed_at.is_(None))
    if filters.client:
        # case-insensitive in every alphabet (SQLite's lower() is replaced in app/extensions.py); % and _ are literal
        where.append(func.lower(Call.client_company).contains(filters.client.lower(), autoescape=True))
    if filters.failed:
        where.append(
            exists().where(
                ScorecardItem.scorecard_id == Call.current_scorecard_id,
                ScorecardItem.item_id == filters.failed,
                item_in_force_is(ItemResult.FAIL),
            )
        )
    return where


@dataclass
class CallRow:
    """One line of the list."""

    id: int
    call_date: date
    call_time: time | None
    manager_id: int
    manager_name: str
    team_name: str | None
    client_company: str | None
    checklist_title: str
    duration: float | None
    status: CallStatus
    stage: str | None
    progress: int
    final_score: float | None
    critical_failed: bool
    reviewed: bool
    critical_items: list[str]
    failed_count: int
    in_library: bool
    no_recording: bool = False  # sent as a ready transcript


@dataclass
class CallPage:
    """A page of calls and where it sits in the whole result."""

    rows: list[CallRow]
    total: int
    page: int
    per_page: int
    filters: ListFilters = field(default_factory=ListFilters)

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-self.total // self.per_page))

    @property
    def first_index(self) -> int:
        """1-based position of the first row shown (0 when empty)."""
        return 0 if not self.rows else (self.page - 1) * self.per_page + 1


def _ids_query(filters: ListFilters, visible_ids: list[int] | None) -> Select[Any]:
    query = select(Call.id).where(*conditions(filters, visible_ids))
    if filters.sort.lstrip("-") == "manager":
        query = query.join(User, User.id == Call.manager_id)
    return query


def _row_columns() -> list[Any]:
    in_force_fail = item_in_force_is(ItemResult.FAIL)
    of_current = ScorecardItem.scorecard_id == Call.current_scorecard_id
    critical_titles = (
        select(func.aggregate_strings(ScorecardItem.title, "\x1f"))
        .where(of_current, ScorecardItem.critical.is_(True), in_force_fail)
        .scalar_subquery()
    )
    failed_count = select(func.count(ScorecardItem.id)).where(of_current, in_force_fail).scalar_subquery()
    in_library = exists().where(LibraryEntry.call_id == Call.id)
    return [
        Call.id,
        Call.call_date,
        Call.call_time,
        Call.manager_id,
        User.full_name,
        Team.name,
        Call.client_company,
        Checklist.title,
        Call.duration,
        Call.status,
        Call.stage,
        Call.progress,
        Call.final_score,
        Call.critical_failed,
        Call.reviewed_at.is_not(None),
        critical_titles,
        failed_count,
        in_library,
        Call.recording_id.is_(None),
    ]


def list_calls(user: User, filters: ListFilters) -> CallPage:
    """The page of calls ``user`` may see that match ``filters`` (the page is clamped to the last one)."""
    visible = visible_user_ids(user)
    total = db.session.scalar(select(func.count()).select_from(_ids_query(filters, visible).subquery())) or 0
    pages = max(1, -(-total // filters.per_page))
    page = min(filters.page, pages)
    clauses = order_by(filters.sort)
    page_ids = (
        _ids_query(filters, visible).order_by(*clauses).limit(filters.per_page).offset((page - 1) * filters.per_page)
    ).subquery()
    query = (
        select(*_row_columns())
        .join(page_ids, page_ids.c.id == Call.id)
        .join(User, User.id == Call.manager_id)
        .outerjoin(Team, Team.id == Call.team_id)
        .join(Checklist, Checklist.id == Call.checklist_id)
        .order_by(*clauses)
    )
    rows = []
    for values in db.session.execute(query):
        values = list(values)
        titles = values[15]
        values[15] = sorted(titles.split("\x1f")) if titles else []
        values[14], values[17], values[18] = bool(values[14]), bool(values[17]), bool(values[18])
        rows.append(CallRow(*values))
    return CallPage(rows, total, page, filters.per_page, replace(filters, page=page))


@dataclass
class FilterOptions:
    """Choices of the filter form for one viewer."""

    managers: list[tuple[int, str]]
    teams: list[tuple[int, str]]
    checklists: list[tuple[int, str]]
    items: list[tuple[str, str]]  # item id, "section · title"


# People whose calls are listed: the «Менеджер» filter offers them (and anyone else who has calls).
CALLER_ROLES = (Role.SALES_MANAGER, Role.NEW_HIRE)


def name_key(name: str) -> tuple[str, str]:
    """Sort key for people's names: case-insensitive, «ё» with «е» (SQLite orders by code point)."""
    return name.casefold().replace("ё", "е"), name


def manager_options(user: User) -> list[tuple[int, str]]:
    """The «Менеджер» filter: the people whose calls ``user`` may see — active managers and new hires, plus
    anyone else among them who has calls (a supervisor who uploaded his own call, a deactivated manager) —
    sorted by name. The viewer himself is not offered just because he may see his own data."""
    has_calls = exists().where(Call.manager_id == User.id)
    people = select(User.id, User.full_name).where(
        or_(and_(User.role.in_(CALLER_ROLES), User.active.is_(True)), has_calls)
    )
    visible = visible_user_ids(user)
    if visible is not None:
        people = people.where(User.id.in_(visible))
    return sorted(((i, n) for i, n in db.session.execute(people)), key=lambda row: name_key(row[1]))


def filter_options(user: User) -> FilterOptions:
    """People, teams, checklists and checklist items the viewer can filter by."""
    from app.calls.scorecards import checklist_meta
    from app.quality.checklists import parsed_checklist, published_checklists

    teams = select(Team.id, Team.name).order_by(Team.name)
    if user.role not in (Role.ADMIN, Role.TRAINER):
        teams = teams.where(Team.supervisor_id == user.id)
    checklists = published_checklists()
    items: dict[str, str] = {}
    for checklist in checklists:
        for item_id, meta in checklist_meta(parsed_checklist(checklist.published)).items():
            label = f"{meta['section']} · {meta['title']}" if meta.get("section") else str(meta["title"])
            items.setdefault(item_id, label)
    return FilterOptions(
        managers=manager_options(user),
        teams=[(i, n) for i, n in db.session.execute(teams)],
        checklists=[(c.id, c.title) for c in checklists],
        items=list(items.items()),
    )
