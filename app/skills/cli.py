"""``flask skills import-defaults``: add the default skills framework (idempotent)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from app.extensions import db
from app.skills.framework import import_defaults

skills_cli = AppGroup("skills", help="The skills framework.")


@skills_cli.command("import-defaults")
def import_defaults_command() -> None:
    """Add the skills of app/skills/default_skills.yaml that are missing; edited skills are left as they are."""
    created = import_defaults()
    db.session.commit()
    if created:
        click.echo("Added skills: " + ", ".join(skill.key for skill in created))
    else:
        click.echo("All default skills are already in place.")


def register(app: Flask) -> None:
    """Add the ``flask skills`` group."""
    app.cli.add_command(skills_cli)
