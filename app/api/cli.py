"""``flask api create-token NAME``: issue an integration token from the command line."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from app.core.domain import DomainError
from app.extensions import db

api_cli = AppGroup("api", help="Integration API tokens.")


@api_cli.command("create-token")
@click.argument("name")
@click.option("--integration", default=None, help="Integration the token belongs to (default: NAME).")
def create_token_command(name: str, integration: str | None) -> None:
    """Create a token and print it once (only its hash is stored)."""
    from app.api.tokens import create_token

    try:
        token, secret = create_token(name, integration)
    except DomainError as error:
        raise click.ClickException(f"{error.field or 'input'}: {error.message}") from error
    db.session.commit()
    click.echo(f"Token for integration {token.integration!r} (shown once, store it now):")
    click.echo(secret)


def register(app: Flask) -> None:
    """Add ``flask api …`` to the app's CLI."""
    app.cli.add_command(api_cli)
