"""``flask exams import-gift FILE [--category]``, ``flask exams export-gift``, ``flask exams close-expired``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from app.core.domain import DomainError
from app.exams import importing
from app.exams.attempts import close_expired_attempts
from app.extensions import db


def register(app: Flask) -> None:
    """Add the ``flask exams`` command group."""
    group = AppGroup("exams", help="Question bank (GIFT) and exam attempts.")

    @group.command("import-gift")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--category", default="", help="Category for questions before any $CATEGORY line.")
    def import_gift_command(file: Path, category: str) -> None:
        """Import a GIFT file into the bank (idempotent: questions are keyed by [id:…])."""
        try:
            text = importing.decode_gift(file.read_bytes())
            report = importing.import_gift(text, default_category=category, source=str(file))
        except DomainError as error:
            raise click.ClickException(f"{file}: {error.message}") from error
        db.session.commit()
        click.echo(f"{file}: {report.summary()}")
        for error in report.refused:
            click.echo(f"  refused, {error}", err=True)

    @group.command("export-gift")
    @click.option("--category", default="", help="Category path (with its sub-categories); all when omitted.")
    @click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
    def export_gift_command(category: str, output: Path | None) -> None:
        """Write the bank (or a category) as GIFT to a file or to standard output."""
        try:
            text = importing.export_category(category)
        except DomainError as error:
            raise click.ClickException(error.message) from error
        if output is None:
            click.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
            click.echo(f"{output}: written")

    @group.command("close-expired")
    def close_expired_command() -> None:
        """Grade attempts whose time ran out without a submit."""
        count = close_expired_attempts()
        db.session.commit()
        click.echo(f"{count} attempt(s) closed")

    app.cli.add_command(group)
