"""The learning demo: shipped courses, onboarding for the demo new hires half-way done, some reading; idempotent."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.accounts import demo as accounts_demo
from app.core.demo import DemoContext
from app.extensions import db
from app.learning import demo
from app.learning.models import LessonProgress, LessonVersion, OnboardingPlan, TaskStatus
from app.learning.onboarding import plan_for, plan_summary


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_demo_seeds_onboarding_and_progress_once(ctx):
    context = DemoContext(password="demo-pass-123", today=date.today(), echo=lambda _m: None)
    accounts_demo.seed(context)
    demo.seed(context)
    db.session.commit()
    kirill, sofia = context.users["kirill"], context.users["sofia"]
    for person in (kirill, sofia):
        summary = plan_summary(plan_for(person.id), date.today())
        assert 0 < summary.done < summary.total and summary.overdue >= 1
    submitted = [t for t in plan_for(sofia.id).tasks if t.status == TaskStatus.SUBMITTED]
    assert len(submitted) == 1 and submitted[0].awaits_review
    assert (
        db.session.scalar(
            select(func.count()).select_from(LessonProgress).where(LessonProgress.user_id == context.users["anna"].id)
        )
        > 10
    )
    counts = (count(LessonProgress), count(LessonVersion), count(OnboardingPlan))
    again = DemoContext(password="demo-pass-123", today=date.today(), echo=lambda _m: None)
    accounts_demo.seed(again)
    demo.seed(again)
    db.session.commit()
    assert (count(LessonProgress), count(LessonVersion), count(OnboardingPlan)) == counts
    assert not again.created_any
