"""Shared context for ``flask seed-demo``: each feature's ``demo.seed(ctx)`` adds its part idempotently."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.accounts.models import User


@dataclass
class DemoContext:
    """What seeders share: the demo people by key, the demo password and where to report."""

    password: str
    today: date
    echo: Callable[[str], None] = print
    users: dict[str, User] = field(default_factory=dict)
    created_any: bool = False
