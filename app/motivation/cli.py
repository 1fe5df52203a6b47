"""``flask motivation import-sales FILE.csv``: load sales plans and facts from a CRM export (all rows or none)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from app.accounts.models import Role, User
from app.accounts.services import find_user_by_email
from app.extensions import db
from app.motivation import sales


def _actor(email: str | None) -> User:
    if email:
        user = find_user_by_email(email)
        if user is None or user.role not in (Role.ADMIN, Role.SUPERVISOR):
            raise click.ClickException(f"{email}: no supervisor or admin with this e-mail")
        return user
    user = db.session.scalar(select(User).where(User.role == Role.ADMIN, User.active.is_(True)).order_by(User.id))
    if user is None:
        raise click.ClickException("no active admin: pass --as EMAIL of a supervisor or admin")
    return user


def register(app: Flask) -> None:
    """Add the ``flask motivation`` command group."""
    group = AppGroup("motivation", help="KPI pay: sales plans and facts.")

    @group.command("import-sales")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--as", "as_email", default=None, help="Import as this supervisor/admin (default: the first admin).")
    def import_sales(file: Path, as_email: str | None) -> None:
        """Import FILE.csv (email;month;plan;fact;comment); prints every error with its row and column."""
        actor = _actor(as_email)
        try:
            batch = sales.import_csv(file.read_bytes()[: sales.MAX_BYTES + 1], file.name, actor)
        except sales.SalesImportError as error:
            db.session.rollback()
            click.echo(f"{file}: {error.message}", err=True)
            for problem in error.errors:
                click.echo(f"  {problem}", err=True)
            raise SystemExit(1) from error
        db.session.commit()
        click.echo(f"{file}: {batch.row_count} rows imported (import #{batch.id}).")

    app.cli.add_command(group)
