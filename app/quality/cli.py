"""``flask checklists import|export``: the YAML files in ``checklists/`` in and out of the database."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask

from app.core.domain import DomainError
from app.extensions import db
from app.quality.checklists import CHECKLISTS_DIR, export_directory, import_directory


def register(app: Flask) -> None:
    """Add the ``checklists`` command group."""

    @app.cli.group("checklists")
    def checklists() -> None:
        """Import and export checklist YAML files."""

    @checklists.command("import")
    @click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=CHECKLISTS_DIR)
    def import_command(directory: Path) -> None:
        """Publish every *.yaml whose content is new as the next version (unchanged files add nothing)."""
        try:
            versions = import_directory(directory)
        except DomainError as error:
            db.session.rollback()
            raise click.ClickException(error.message) from error
        db.session.commit()
        for version in versions:
            click.echo(f"{version.label}: {version.checklist.title}")
        if not versions:
            click.echo(f"No *.yaml files in {directory}.")

    @checklists.command("export")
    @click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=CHECKLISTS_DIR)
    def export_command(directory: Path) -> None:
        """Write the published version of every checklist to <dir>/<key>.yaml."""
        for path in export_directory(directory):
            click.echo(f"wrote {path}")
