"""Role-dependent navigation and home-page widgets that features contribute."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from app.accounts.models import Role, role_label
from app.accounts.permissions import can

ALL = frozenset(Role)
LEARNERS = frozenset({Role.NEW_HIRE, Role.SALES_MANAGER})
LEADS = frozenset({Role.SUPERVISOR, Role.ADMIN})
CONTENT_EDITORS = frozenset({Role.TRAINER, Role.ADMIN})


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object
    icon: str
    roles: frozenset[Role]
    group: str = "main"


# An entry shows only when its endpoint exists, so features light up as they are registered.
NAV: list[NavItem] = [
    NavItem("core.home", _l("Главная"), "house", ALL),
    NavItem("learning.onboarding", _l("Адаптация"), "signpost-2", ALL),
    NavItem("learning.catalog", _l("Обучение"), "book", ALL),
    NavItem("exams.index", _l("Экзамены"), "patch-check", ALL),
    NavItem("calls.index", _l("Звонки"), "telephone", ALL),
    NavItem("calls.stats", _l("Статистика"), "graph-up", LEADS | {Role.TRAINER}),
    NavItem("calls.library", _l("Библиотека звонков"), "collection-play", ALL),
    NavItem("skills.mine", _l("Мои навыки"), "bar-chart", LEARNERS),
    NavItem("skills.team", _l("Навыки команды"), "grid-3x3", LEADS | {Role.TRAINER}),
    NavItem("skills.sheets", _l("Листы развития"), "journal-check", ALL),
    NavItem("motivation.mine", _l("Моя премия"), "cash-coin", LEARNERS),
    NavItem("motivation.dashboard", _l("KPI и мотивация"), "trophy", LEADS),
    NavItem("quality.scripts", _l("Скрипты"), "chat-quote", ALL),
    NavItem("quality.objections", _l("Возражения"), "shield-check", ALL),
    NavItem(
        "quality.checklists", _l("Чек-листы"), "list-check", frozenset({Role.TRAINER, Role.ADMIN, Role.SUPERVISOR})
    ),
    NavItem("quality.labelling", _l("Разметка"), "tags", frozenset({Role.TRAINER, Role.ADMIN, Role.SUPERVISOR})),
    NavItem("skills.framework_index", _l("Модель навыков"), "diagram-2", CONTENT_EDITORS, "admin"),
    NavItem("exams.bank", _l("Банк вопросов"), "database", frozenset({Role.TRAINER, Role.ADMIN}), "admin"),
    NavItem("api.tokens_admin", _l("API-токены"), "key", frozenset({Role.ADMIN}), "admin"),
    NavItem("accounts.users", _l("Пользователи"), "people", frozenset({Role.ADMIN}), "admin"),
    NavItem("accounts.teams", _l("Команды"), "diagram-3", frozenset({Role.ADMIN}), "admin"),
]

# Home-page widgets: callables (user) -> Markup | None, contributed by features.
_widgets: list[tuple[int, Callable[[object], Markup | None]]] = []


def home_widget(order: int = 50) -> Callable[[Callable[[object], Markup | None]], Callable[[object], Markup | None]]:
    """Decorator: register a function that renders a card on the home page for a user (or returns None)."""

    def decorate(fn: Callable[[object], Markup | None]) -> Callable[[object], Markup | None]:
        _widgets.append((order, fn))
        _widgets.sort(key=lambda pair: pair[0])
        return fn

    return decorate


def render_widgets(user: object) -> list[Markup]:
    """Render every widget that has something to show for ``user``."""
    cards = []
    for _order, fn in _widgets:
        html = fn(user)
        if html:
            cards.append(html)
    return cards


def nav_for(user: object) -> dict[str, list[NavItem]]:
    """Navigation entries the user may see, grouped."""
    groups: dict[str, list[NavItem]] = {"main": [], "admin": []}
    if not getattr(user, "is_authenticated", False):
        return groups
    endpoints = current_app.view_functions
    for item in NAV:
        if item.endpoint in endpoints and user.role in item.roles:  # type: ignore[attr-defined]
            groups[item.group].append(item)
    return groups


def active_entry(groups: dict[str, list[NavItem]], endpoint: str, path: str) -> str:
    """The entry to highlight: the current endpoint, else the entry whose URL is the longest prefix of ``path``.

    So a call page lights up "Звонки" and a library entry "Библиотека звонков"; the home page matches only itself.
    """
    items = [item for group in groups.values() for item in group]
    if any(item.endpoint == endpoint for item in items):
        return endpoint
    best, best_len = "", 0
    for item in items:
        url = url_for(item.endpoint)
        if url != "/" and (path == url or path.startswith(url.rstrip("/") + "/")) and len(url) > best_len:
            best, best_len = item.endpoint, len(url)
    return best


def register(app: Flask) -> None:
    """Expose navigation and permission helpers to templates."""

    @app.context_processor
    def inject_navigation() -> dict[str, object]:
        nav = nav_for(current_user)
        return {
            "nav": nav,
            "can": lambda action, obj=None: can(current_user, action, obj),
            "role_label": role_label,
            "active_endpoint": active_entry(nav, request.endpoint or "", request.path),
            "get_locale": get_locale,
        }
