"""Browser tests for skills: the shared live server plus the skills demo and one reviewed call for Дмитрий."""

from __future__ import annotations

from datetime import date, timedelta

import pytest


@pytest.fixture(scope="session", autouse=True)
def skills_demo(live_app):
    """Framework, ratings and shared sheets (the skills seeder), plus a scored call with failed objection items."""
    from app.accounts.demo import PEOPLE
    from app.accounts.services import find_user_by_email
    from app.calls.models import Call
    from app.core.demo import DemoContext
    from app.extensions import db
    from app.skills import demo
    from tests.factories import skills_call

    with live_app.app_context():
        ctx = DemoContext(password=live_app.config["DEMO_PASSWORD"], today=date.today(), echo=lambda _msg: None)
        ctx.users = {key: find_user_by_email(email) for key, email, *_rest in PEOPLE}
        dmitry = ctx.users["dmitry"]
        if not db.session.scalar(db.select(Call.id).where(Call.client_company == "ООО «ВекторСнаб»")):
            skills_call(
                dmitry.id,
                date.today() - timedelta(days=2),
                [
                    ("obj_acknowledge", "objection_handling", "fail"),
                    ("obj_clarify", "objection_handling", "fail"),
                ],
                client="ООО «ВекторСнаб»",
            )
        demo.seed(ctx)
        db.session.commit()
