"""The "20-second rule": what I have earned so far, what it takes to reach the next step, and a what-if slider.

The slider asks the server (``whatif_payload``) for every position, so the calculator stays the one source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Any

from flask_babel import gettext as _

from app.motivation.calculator import KpiSpec, NextStep
from app.motivation.explain import explain, fmt_money, fmt_percent, fmt_value
from app.motivation.formulas import achievement
from app.motivation.statements import StatementView

SLIDER_POSITIONS = 300


@dataclass(frozen=True)
class Slider:
    """A range input over one KPI's fact."""

    key: str
    name: str
    unit: str
    plan: Decimal
    value: Decimal
    maximum: Decimal
    step: Decimal


def _nice_step(span: Decimal, floor: Decimal) -> Decimal:
    """A round step (1, 2 or 5 × 10ⁿ) giving about ``SLIDER_POSITIONS`` positions, never below ``floor``."""
    raw = span / SLIDER_POSITIONS
    step = floor
    while step * 10 <= raw:
        step *= 10
    for factor in (1, 2, 5):
        if step * factor >= raw:
            return step * factor
    return step * 10


def _plan_and_value(view: StatementView, kpi: KpiSpec) -> tuple[Decimal | None, Decimal]:
    fact = view.facts.get(kpi.key)
    plan = fact.plan if fact is not None and fact.plan is not None else kpi.plan
    value = fact.value if fact is not None and isinstance(fact.value, Decimal) else Decimal(0)
    return plan, value


def sliders(view: StatementView) -> list[Slider]:
    """One slider per KPI with a plan, from 0 to 150 % of plan (or more when the fact is already beyond)."""
    if view.spec is None or view.is_frozen or view.statement is None:
        return []
    result = []
    for kpi in view.spec.kpis:
        plan, value = _plan_and_value(view, kpi)
        if plan is None or plan <= 0:
            continue
        top = max(plan * Decimal("1.5"), value * Decimal("1.1"))
        step = _nice_step(top, kpi.step)
        maximum = (top / step).to_integral_value(rounding=ROUND_CEILING) * step
        result.append(Slider(kpi.key, kpi.name, kpi.unit, plan, value, maximum, step))
    return result


def step_sentence(step: NextStep) -> str:
    """«до ступени 100 % не хватает 120 000 ₽ продаж — это +2 400 ₽»."""
    return _("%(kpi)s: до ступени %(edge)s не хватает %(missing)s — это +%(gain)s к выплате",
             kpi=step.kpi_name, edge=fmt_percent(step.edge), missing=fmt_value(step.missing, step.unit),
             gain=fmt_money(step.gain))


def whatif_payload(view: StatementView, key: str, value: Decimal) -> dict[str, Any]:
    """What the page shows for a slider position: totals, the KPI's line and the change against now."""
    if view.spec is None or view.statement is None:
        return {"error": _("Для этого месяца нет схемы мотивации.")}
    kpi = next((k for k in view.spec.kpis if k.key == key), None)
    if kpi is None:
        return {"error": _("В схеме нет такого KPI.")}
    projected = view.what_if(key, value)
    plan, _current = _plan_and_value(view, kpi)
    line = projected.line(key)
    delta = projected.total - view.statement.total
    return {
        "key": key,
        "value": str(value),
        "value_text": fmt_value(value, kpi.unit),
        "achievement_text": fmt_percent(achievement(plan, value)),
        "total": str(projected.total),
        "total_text": fmt_money(projected.total),
        "bonus_text": fmt_money(projected.bonus),
        "line_text": fmt_money(line.amount) if line else "",
        "explanation": explain(line) if line else "",
        "delta": str(delta),
        "delta_text": ("+" if delta >= 0 else "−") + fmt_money(abs(delta)),
    }
