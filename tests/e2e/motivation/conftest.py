"""Browser tests for motivation: the shared live server plus the motivation demo (schemes, sales, approved month)."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture(scope="session", autouse=True)
def motivation_demo(live_app):
    """Run the motivation seeder on the live app (idempotent, so harmless if the site seeder ran it already)."""
    from app.accounts.demo import PEOPLE
    from app.accounts.services import find_user_by_email
    from app.core.demo import DemoContext
    from app.extensions import db
    from app.motivation import demo

    with live_app.app_context():
        ctx = DemoContext(password=live_app.config["DEMO_PASSWORD"], today=date.today(), echo=lambda _msg: None)
        ctx.users = {key: find_user_by_email(email) for key, email, *_rest in PEOPLE}
        demo.seed(ctx)
        db.session.commit()
