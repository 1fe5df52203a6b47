"""Calls demo seeder: scored imported calls over the weeks, reviews, library examples; idempotent."""

from __future__ import annotations

from datetime import date

import pytest

from app.extensions import db


@pytest.fixture
def light_demo(app):
    """Two weeks, one call a week per manager, no Whisper (the recorded part has its own test)."""
    keys = ("DEMO_CALLS_WEEKS", "DEMO_CALLS_PER_WEEK", "DEMO_CALLS_AUDIO")
    saved = {k: app.config[k] for k in keys if k in app.config}
    app.config.update(DEMO_CALLS_WEEKS=2, DEMO_CALLS_PER_WEEK=2, DEMO_CALLS_AUDIO=False)
    yield
    for key in keys:  # restore exactly: keys that were absent stay absent (None would break the seeder)
        app.config.pop(key, None)
    app.config.update(saved)


def _seed(lines: list[str]) -> None:
    """The demo people, the shipped cold_call checklist (what the quality demo publishes), then the calls."""
    from app.accounts import demo as accounts_demo
    from app.calls import demo as calls_demo
    from app.core.demo import DemoContext
    from app.quality.checklists import CHECKLISTS_DIR, publish_yaml

    ctx = DemoContext(password="demo-pass-123", today=date(2026, 3, 11), echo=lines.append)
    accounts_demo.seed(ctx)
    publish_yaml((CHECKLISTS_DIR / "cold_call.yaml").read_text(encoding="utf-8"), "cold_call.yaml")
    db.session.commit()
    calls_demo.seed(ctx)
    db.session.commit()


def test_demo_calls_are_scored_spread_and_idempotent(ctx, light_demo):
    from app.calls.library_models import LibraryEntry
    from app.calls.models import Call, CallStatus, Recording, Review, Scorecard

    lines: list[str] = []
    _seed(lines)
    calls = db.session.scalars(db.select(Call)).all()
    assert calls and all(c.status == CallStatus.SCORED and c.final_score is not None for c in calls)
    assert all(c.integration == "demo" and c.transcript["source"] == "imported transcript" for c in calls)
    assert {c.call_date for c in calls} <= {date(2026, 3, d) for d in range(2, 12)}
    managers = {c.manager.email.split("@")[0] for c in calls}
    assert {"anna.petrova", "dmitry.sokolov", "elena.orlova", "pavel.egorov"} <= managers
    assert all(c.call_date >= c.manager.hire_date for c in calls)  # nobody calls before being hired
    # Imported transcripts are calls without a recording (no silent placeholder); the length comes from the text.
    assert all(c.recording_id is None and not c.has_recording for c in calls)
    assert all(c.duration and abs(c.duration - c.transcript["duration"]) < 0.5 for c in calls)
    assert db.session.scalar(db.select(db.func.count(Recording.id))) == 0
    summary = next(line for line in lines if line.startswith("Calls:"))
    assert f"{len(calls)} imported transcripts" in summary
    cards, reviews = (
        db.session.scalar(db.select(db.func.count(Scorecard.id))),
        db.session.scalars(db.select(Review)).all(),
    )
    assert cards == len(calls)
    for review in reviews:  # reviewed by the manager's own supervisor
        assert review.reviewer_id == review.call.manager.team.supervisor_id
    entries = db.session.scalars(db.select(LibraryEntry)).all()
    assert all(e.is_fragment and e.end > e.start and e.tag_names for e in entries)

    again: list[str] = []
    _seed(again)
    assert db.session.scalar(db.select(db.func.count(Call.id))) == len(calls)
    assert db.session.scalar(db.select(db.func.count(Scorecard.id))) == cards
    assert db.session.scalar(db.select(db.func.count(LibraryEntry.id))) == len(entries)
    assert "already in place" in next(line for line in again if line.startswith("Calls:"))


def test_demo_without_a_published_checklist_says_so(ctx, light_demo):
    from app.calls import demo as calls_demo
    from app.core.demo import DemoContext

    lines: list[str] = []
    calls_demo.seed(DemoContext(password="x", today=date(2026, 3, 11), echo=lines.append))
    assert lines and "not published" in lines[0]
