"""``flask courses import [DIR]``, ``flask courses export [DIR]``, ``flask courses assign-onboarding EMAIL``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.accounts.services import find_user_by_email
from app.core.domain import DomainError
from app.extensions import db
from app.learning.importer import default_courses_dir, export_courses, import_courses
from app.learning.onboarding import assign_onboarding

courses_cli = AppGroup("courses", help="Course folders and the onboarding program.")


@courses_cli.command("import")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def import_command(directory: Path | None) -> None:
    """Import course folders and onboarding.yaml from DIRECTORY (default: courses/); safe to run again."""
    root = directory or default_courses_dir()
    report = import_courses(root)
    for line in report.lines():
        click.echo(line)
    db.session.commit()  # the courses that were valid; broken ones are listed as errors
    click.echo("Changes imported." if report.changed else "No changes: the database already matches the files.")
    if report.errors:
        raise click.ClickException(f"{len(report.errors)} course file(s) could not be imported (see errors above).")


@courses_cli.command("export")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def export_command(directory: Path | None) -> None:
    """Write every course (current lesson texts) and the onboarding program to DIRECTORY."""
    root = directory or Path(current_app.instance_path) / "courses-export"
    for line in export_courses(root):
        click.echo(line)
    click.echo(f"Exported to {root}")


@courses_cli.command("assign-onboarding")
@click.argument("email")
def assign_command(email: str) -> None:
    """Give a person the onboarding program (due dates count from their hire date)."""
    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user with email {email}")
    try:
        plan, created = assign_onboarding(user)
    except DomainError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    verb = "Assigned" if created else "Updated"
    click.echo(f"{verb} onboarding for {user.email}: {len(plan.tasks)} steps from {plan.start_date:%Y-%m-%d}")


def register(app: Flask) -> None:
    """Add the ``courses`` command group."""
    app.cli.add_command(courses_cli)
