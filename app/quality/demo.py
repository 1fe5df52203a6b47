"""Demo: publish the shipped checklists."""

from __future__ import annotations

from app.core.demo import DemoContext
from app.quality.checklists import import_directory


def seed(ctx: DemoContext) -> None:
    """Import ``checklists/*.yaml`` (idempotent: unchanged files add no version)."""
    versions = import_directory(user=ctx.users.get("trainer"))
    if versions:
        ctx.echo("Checklists: " + ", ".join(v.label for v in versions))
