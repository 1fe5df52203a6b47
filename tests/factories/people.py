"""People: users and teams as the tests need them."""

from __future__ import annotations

from typing import Any


def build_people(make_user, make_team) -> dict[str, Any]:
    """A supervisor with a team of two managers, another team with its supervisor and manager, an admin, a trainer.

    Keys: supervisor, team, anna, boris, other, other_supervisor, other_team, admin, trainer (detached rows).
    """
    supervisor = make_user(role="supervisor", full_name="Игорь Васильев")
    team = make_team("Корпоративные клиенты", supervisor)
    other_supervisor = make_user(role="supervisor")
    other_team = make_team("Интернет-магазины", other_supervisor)
    return {
        "supervisor": supervisor,
        "team": team,
        "anna": make_user(role="sales_manager", team=team, full_name="Анна Петрова", email="anna@example.test"),
        "boris": make_user(role="sales_manager", team=team, full_name="Борис Иванов", email="boris@example.test"),
        "other": make_user(role="sales_manager", team=other_team, email="other@example.test"),
        "other_supervisor": other_supervisor,
        "other_team": other_team,
        "admin": make_user(role="admin"),
        "trainer": make_user(role="trainer"),
    }


def build_world(make_user, make_team) -> dict[str, Any]:
    """Two teams with supervisors and managers, plus an admin, a trainer and a new hire (detached users)."""
    rop_a = make_user(role="supervisor", full_name="Руководитель Альфа")
    rop_b = make_user(role="supervisor", full_name="Руководитель Бета")
    team_a = make_team("Альфа", rop_a)
    team_b = make_team("Бета", rop_b)
    return {
        "rop_a": rop_a,
        "rop_b": rop_b,
        "team_a": team_a,
        "team_b": team_b,
        "anna": make_user(role="sales_manager", team=team_a, full_name="Анна Альфина"),
        "boris": make_user(role="sales_manager", team=team_a, full_name="Борис Альфин"),
        "vera": make_user(role="sales_manager", team=team_b, full_name="Вера Бетова"),
        "newbie": make_user(role="new_hire", team=team_b, full_name="Гоша Новиков"),
        "admin": make_user(role="admin", full_name="Админ Админов"),
        "trainer": make_user(role="trainer", full_name="Тренер Тренеров"),
    }


def attach(obj):  # type: ignore[no-untyped-def]
    """The same row in the current session (fixtures hand out detached users)."""
    from app.extensions import db

    return db.session.merge(obj)
