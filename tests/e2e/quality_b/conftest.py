"""Browser tests of call scripts: the shared live server plus the objection library and the demo script."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture(scope="session", autouse=True)
def scripts_demo(live_app):
    """Run this feature's seeder on the live app's database (idempotent)."""
    from app.accounts.demo import PEOPLE
    from app.accounts.services import find_user_by_email
    from app.core.demo import DemoContext
    from app.extensions import db
    from app.quality import demo_scripts

    with live_app.app_context():
        ctx = DemoContext(password=live_app.config["DEMO_PASSWORD"], today=date.today(), echo=lambda _msg: None)
        ctx.users = {key: find_user_by_email(email) for key, email, *_rest in PEOPLE}
        demo_scripts.seed(ctx)
        db.session.commit()
