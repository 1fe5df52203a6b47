"""Demo seeders: the shipped checklists are published (the objection library file is skipped); a calibration
session on a demo call is created once."""

from __future__ import annotations

from datetime import date


def test_demo_publishes_the_shipped_checklists_idempotently(ctx):
    from app.core.demo import DemoContext
    from app.extensions import db
    from app.quality import demo
    from app.quality.checklists import published_checklists

    messages: list[str] = []
    context = DemoContext(password="x", today=date(2026, 11, 20), echo=messages.append)
    demo.seed(context)
    db.session.commit()
    keys = {c.key for c in published_checklists()}
    assert {"cold_call", "gatekeeper", "spin", "value"} <= keys
    assert "objections" not in keys
    demo.seed(context)
    assert all(len(c.versions) == 1 for c in published_checklists())


def test_demo_calibration_session(ctx, call, make_user):
    from app.accounts.models import User
    from app.core.demo import DemoContext
    from app.extensions import db
    from app.quality import calibration, demo_tools

    users = {
        k: make_user(role=r).id
        for k, r in (("rop_corp", "supervisor"), ("rop_ecom", "supervisor"), ("trainer", "trainer"))
    }
    context = DemoContext(password="x", today=date(2026, 11, 20), echo=lambda _m: None)
    context.users = {k: db.session.get(User, v) for k, v in users.items()}
    demo_tools.seed(context)
    demo_tools.seed(context)
    db.session.commit()
    (session,) = calibration.sessions_for(context.users["trainer"])
    assert len(session.submitted) == 2 and calibration.pending_for(context.users["rop_ecom"]) == [session]
    result = calibration.results(session)
    assert any(row.percent == 0.0 for row in result.items)  # the planted disagreement
