"""The skills web tests share the integration fixtures (framework, team, row factories)."""

from __future__ import annotations

from tests.integration.skills.conftest import framework, make_attempt, make_call, team  # noqa: F401
