"""Builders for the motivation tests: schemes through the service, calls, exam attempts and onboarding steps as rows."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from decimal import Decimal

from app.extensions import db

_seq = itertools.count(1)

SEEDS_TEXT = "< 80 → 0\n[80; 90) → 0.5\n[90; 100) → 0.8\n[100; 120) → 1\n≥ 120 → 1.2"


def manager_scheme(actor, *, team_id=None, valid_from: date, role: str | None = "sales_manager", gates=(),
                   name: str = "Менеджеры"):  # type: ignore[no-untyped-def]
    """Base 60 000, target 40 000: sales 50 % (steps), calls 25 % (linear, plan 80), product 15 %, CRM 10 % (manual)."""
    from app.motivation.schemes import KpiData, SchemeData, save_scheme

    data = SchemeData(
        name=name, role=role, team_id=team_id, valid_from=valid_from, valid_to=None,
        base_salary="60000", target_bonus="40000",
        kpis=[
            KpiData("План продаж", "sales", "50", formula="steps", bands=SEEDS_TEXT),
            KpiData("Качество звонков", "call_quality", "25", plan="80", formula="linear", cap="120"),
            KpiData("Знание продукта", "product_knowledge", "15", plan="100", formula="threshold", threshold="70",
                    cap="100", options={"course_key": "product", "mode": "best"}),
            KpiData("Порядок в CRM", "manual", "10", plan="100", formula="steps", bands="< 50 → 0\n≥ 50 → 1"),
        ],
        gates=list(gates),
    )
    scheme = save_scheme(None, data, actor)
    db.session.commit()
    return scheme


def checklist():  # type: ignore[no-untyped-def]
    """A checklist with one published version (calls need one)."""
    from app.quality.models import Checklist, ChecklistVersion, VersionStatus

    item = Checklist(key=f"test_{next(_seq)}", title="Тестовый чек-лист")
    item.versions.append(ChecklistVersion(number=1, status=VersionStatus.PUBLISHED, yaml_text="id: test"))
    db.session.add(item)
    db.session.flush()
    return item


def scored_call(manager_id: int, day: date, score: float, checklist_row, company: str = "ООО Ромашка"):  # type: ignore[no-untyped-def]
    """A scored call with one scorecard of two items (so a reviewer can override one)."""
    from app.calls.models import Call, CallStatus, ItemResult, Recording, Scorecard, ScorecardItem

    n = next(_seq)
    recording = Recording(sha256=f"{n:064x}", extension="wav", size_bytes=10, mime="audio/wav", container="wav",
                          codec="pcm", channels=2, sample_rate=8000, duration=60.0)
    call = Call(recording=recording, manager_id=manager_id, call_date=day, checklist_id=checklist_row.id,
                client_company=company, status=CallStatus.SCORED, final_score=score, scored_at=datetime.now(UTC))
    db.session.add(call)
    db.session.flush()
    card = Scorecard(call_id=call.id, sequence=1, checklist_version_id=checklist_row.versions[0].id, auto={},
                     auto_score=score)
    card.items = [
        ScorecardItem(call_id=call.id, position=0, item_id="greeting", title="Приветствие", weight=1.0,
                      auto_result=ItemResult.PASS, auto_points=1.0),
        ScorecardItem(call_id=call.id, position=1, item_id="next_step", title="Следующий шаг", weight=1.0,
                      auto_result=ItemResult.PASS, auto_points=1.0),
    ]
    db.session.add(card)
    db.session.flush()
    call.current_scorecard_id = card.id
    db.session.commit()
    return call


def exam(course_key: str = "product", title: str = "Экзамен по продукту"):  # type: ignore[no-untyped-def]
    from app.exams.models import Exam

    row = Exam(course_key=course_key, title=title, pass_mark=70)
    db.session.add(row)
    db.session.flush()
    return row


def attempt(user_id: int, exam_row, percent: float, day: date, number: int | None = None):  # type: ignore[no-untyped-def]
    """A graded attempt on ``day``."""
    from app.exams.models import AttemptStatus, ExamAttempt

    moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    row = ExamAttempt(exam_id=exam_row.id, user_id=user_id, number=number or next(_seq), status=AttemptStatus.GRADED,
                      started_at=moment, submitted_at=moment, graded_at=moment, percent=percent,
                      passed=percent >= exam_row.pass_mark, points=percent, max_points=100)
    db.session.add(row)
    db.session.commit()
    return row


def sales(user_id: int, period: date, plan: str | None, fact: str | None, actor_id: int | None = None):  # type: ignore[no-untyped-def]
    from app.motivation.models import SalesRow

    row = SalesRow(user_id=user_id, period=period, plan=None if plan is None else Decimal(plan),
                   fact=None if fact is None else Decimal(fact), entered_by_id=actor_id)
    db.session.add(row)
    db.session.commit()
    return row


def attach(obj):  # type: ignore[no-untyped-def]
    """The same row in the current session (fixtures hand out detached users)."""
    return db.session.merge(obj)
