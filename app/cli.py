"""Site-wide commands: ``flask seed-demo``, ``flask create-user``, ``flask worker``."""

from __future__ import annotations

import importlib
from datetime import date

import click
from flask import Flask, current_app

from app.accounts.models import Role
from app.accounts.services import UserData, create_user
from app.core.demo import DemoContext
from app.core.domain import DomainError
from app.extensions import db

# Feature seeders in dependency order; each module is optional until its feature lands.
DEMO_SEEDERS = (
    "app.accounts.demo",
    "app.learning.demo",
    "app.exams.demo",
    "app.quality.demo",
    "app.quality.demo_scripts",
    "app.calls.demo",
    "app.quality.demo_tools",
    "app.skills.demo",
    "app.motivation.demo",
)


def run_seeders(ctx: DemoContext) -> None:
    """Run every present seeder; each commits its own part so a failure keeps what came before."""
    for name in DEMO_SEEDERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.seed(ctx)
        db.session.commit()


def register(app: Flask) -> None:
    """Add the commands to the app's CLI."""

    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Only seed when there are no users yet.")
    def seed_demo(if_empty: bool) -> None:
        """Create the demo company «СтрелаЭкспресс» (idempotent)."""
        from app.accounts.models import User

        if if_empty and db.session.scalar(db.select(User.id).limit(1)) is not None:
            click.echo("Database already has users; demo not seeded.")
            return
        ctx = DemoContext(password=current_app.config["DEMO_PASSWORD"], today=date.today(), echo=click.echo)
        run_seeders(ctx)
        click.echo("Demo data is in place." if ctx.created_any else "Demo data was already in place.")

    @app.cli.command("create-user")
    @click.option("--email", required=True)
    @click.option("--name", "full_name", required=True)
    @click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
    @click.option("--password", default=None, help="Initial password (generated when omitted).")
    def create_user_command(email: str, full_name: str, role: str, password: str | None) -> None:
        """Create a user and print the initial password."""
        try:
            user, password = create_user(UserData(email, full_name, Role(role)), password)
        except DomainError as error:
            raise click.ClickException(f"{error.field or 'input'}: {error.message}") from error
        db.session.commit()
        click.echo(f"Created {user.email} ({user.role.value}); password: {password}")

    @app.cli.command("worker")
    @click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
    def worker(burst: bool) -> None:
        """Run an RQ worker (needs REDIS_URL); unfinished jobs are re-queued at start."""
        from app.jobs import start_worker

        start_worker(current_app._get_current_object(), burst=burst)  # type: ignore[attr-defined]
