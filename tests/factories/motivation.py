"""Motivation: pay schemes and sales rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

SEEDS_TEXT = "< 80 → 0\n[80; 90) → 0.5\n[90; 100) → 0.8\n[100; 120) → 1\n≥ 120 → 1.2"


def manager_scheme(
    actor, *, team_id=None, valid_from: date, role: str | None = "sales_manager", gates=(), name: str = "Менеджеры"
):  # type: ignore[no-untyped-def]
    """Base 60 000, target 40 000: sales 50 % (steps), calls 25 % (linear, plan 80), product 15 %, CRM 10 % (manual);
    saved through the service, committed."""
    from app.extensions import db
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
    )  # fmt: skip
    scheme = save_scheme(None, data, actor)
    db.session.commit()
    return scheme


def sales_row(user_id: int, period: date, plan: str | None, fact: str | None, actor_id: int | None = None):  # type: ignore[no-untyped-def]
    """A month's sales plan and fact (strings, or None for not entered); commits."""
    from app.extensions import db
    from app.motivation.models import SalesRow

    row = SalesRow(user_id=user_id, period=period, plan=None if plan is None else Decimal(plan),
                   fact=None if fact is None else Decimal(fact), entered_by_id=actor_id)  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row
