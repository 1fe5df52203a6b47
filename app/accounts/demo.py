"""Demo company «СтрелаЭкспресс»: an admin, a trainer, two supervisors with teams, managers and new hires."""

from __future__ import annotations

from datetime import timedelta

from app.accounts.models import Role, Team, User
from app.accounts.services import UserData, create_user, find_user_by_email
from app.core.demo import DemoContext
from app.extensions import db

# key, email, full name, role, team key, days since hire
PEOPLE = [
    ("admin", "admin@strela.example", "Алексей Громов", Role.ADMIN, None, 2000),
    ("trainer", "trainer@strela.example", "Ольга Смирнова", Role.TRAINER, None, 1500),
    ("rop_corp", "rop.vasiliev@strela.example", "Игорь Васильев", Role.SUPERVISOR, "corp", 1200),
    ("rop_ecom", "rop.kozlova@strela.example", "Марина Козлова", Role.SUPERVISOR, "ecom", 900),
    ("anna", "anna.petrova@strela.example", "Анна Петрова", Role.SALES_MANAGER, "corp", 540),
    ("dmitry", "dmitry.sokolov@strela.example", "Дмитрий Соколов", Role.SALES_MANAGER, "corp", 400),
    ("elena", "elena.orlova@strela.example", "Елена Орлова", Role.SALES_MANAGER, "ecom", 610),
    ("pavel", "pavel.egorov@strela.example", "Павел Егоров", Role.SALES_MANAGER, "ecom", 300),
    ("kirill", "kirill.novikov@strela.example", "Кирилл Новиков", Role.NEW_HIRE, "corp", 9),
    ("sofia", "sofia.belova@strela.example", "София Белова", Role.NEW_HIRE, "ecom", 16),
]
TEAMS = {"corp": ("Корпоративные клиенты", "rop_corp"), "ecom": ("Интернет-магазины", "rop_ecom")}


def seed(ctx: DemoContext) -> None:
    """Create the demo people and teams unless they exist; print new credentials once."""
    teams: dict[str, Team] = {}
    for key, (name, _sup) in TEAMS.items():
        team = db.session.scalar(db.select(Team).where(Team.name == name))
        if team is None:
            team = Team(name=name)
            db.session.add(team)
            db.session.flush()
        teams[key] = team
    created = []
    for key, email, name, role, team_key, days in PEOPLE:
        user = find_user_by_email(email)
        if user is None:
            data = UserData(
                email, name, role, teams[team_key].id if team_key else None, ctx.today - timedelta(days=days)
            )
            user, _password = create_user(data, ctx.password)
            created.append(user)
        ctx.users[key] = user
    for key, (_name, sup_key) in TEAMS.items():
        if teams[key].supervisor_id is None:
            teams[key].supervisor_id = ctx.users[sup_key].id
    db.session.flush()
    if created:
        ctx.created_any = True
        ctx.echo(f"Demo accounts (password for all: {ctx.password}):")
        for user in created:
            ctx.echo(f"  {user.role.value:<14} {user.email:<34} {user.full_name}")


def demo_user(email: str) -> User | None:
    """Look up a demo person by email."""
    return find_user_by_email(email)
