"""The "20-second rule": what I have earned so far, where each KPI stands and what raising it is worth, and a
what-if slider.

``positions`` says, per KPI, what the person can act on: for a step scale (and below a threshold) the step reached
and what the next one needs; for a linear KPI (and above a threshold) what it pays now and what the next percentage
point of plan adds; at the top or the cap, that nothing more is to be earned there. Every amount comes from the
calculator (``what_if``), so gates and the days-worked coefficient are included. The slider asks the server
(``whatif_payload``) for every position, so the calculator stays the one source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Any

from flask_babel import gettext as _

from app.motivation import formulas
from app.motivation.calculator import KpiSpec, NextStep
from app.motivation.explain import band_label, explain, fmt_factor, fmt_money, fmt_percent, fmt_value
from app.motivation.formulas import HUNDRED, ZERO, Steps, ThresholdCap, achievement, formula_to_dict
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


@dataclass(frozen=True)
class Position:
    """Where one KPI stands and what raising its fact is worth (a line of the home card and of the statement)."""

    kpi_key: str
    kind: str  # "step": a band or the threshold ahead | "linear": every point pays | "top": nothing more to earn
    text: str
    gain: Decimal  # what the next step, or the next percentage point, adds to the month's pay
    gap: Decimal = ZERO  # percentage points of plan to the next step


POSITION_ORDER = {"step": 0, "linear": 1, "top": 2}


def positions(view: StatementView) -> list[Position]:
    """Every KPI with a plan, what to act on first: the nearest steps, then linear KPIs by what a point pays,
    then those at the top (open months only)."""
    if view.is_frozen or view.spec is None or view.statement is None:
        return []
    steps = {step.kpi_key: step for step in view.next_steps()}
    found = [p for kpi in view.spec.kpis if (p := _position(view, kpi, steps.get(kpi.key))) is not None]
    return sorted(found, key=lambda p: (POSITION_ORDER[p.kind], p.gap if p.kind == "step" else -p.gain))


def _position(view: StatementView, kpi: KpiSpec, step: NextStep | None) -> Position | None:
    assert view.statement is not None
    plan, value = _plan_and_value(view, kpi)
    if plan is None or plan <= 0:
        return None  # the statement line says «План не задан»
    reached = achievement(plan, value) or ZERO
    line = view.statement.line(kpi.key)
    now = fmt_money(line.amount if line is not None else ZERO)
    formula = kpi.formula
    if isinstance(formula, Steps):
        band, paid = band_label(formula_to_dict(formula), reached), formulas.factor(formula, reached)
        if band is None:
            where = _("ниже первой ступени")
        elif paid > 0:
            where = _("ступень %(band)s (× %(f)s)", band=band, f=fmt_factor(paid))
        else:
            where = _("ступень %(band)s — пока не оплачивается", band=band)
        if step is None:
            return Position(kpi.key, "top", _("%(kpi)s: %(where)s — верхняя ступень, выше этот KPI не платит",
                                              kpi=kpi.name, where=where), ZERO)
        text = _("%(kpi)s: %(where)s; до ступени %(edge)s не хватает %(missing)s — это +%(gain)s к выплате",
                 kpi=kpi.name, where=where, edge=fmt_percent(step.edge), missing=fmt_value(step.missing, step.unit),
                 gain=fmt_money(step.gain))
        return Position(kpi.key, "step", text, step.gain, step.gap)
    if isinstance(formula, ThresholdCap) and step is not None:  # below the threshold: nothing yet
        text = _("%(kpi)s: ниже порога %(edge)s — пока %(now)s; до порога не хватает %(missing)s — это +%(gain)s "
                 "к выплате", kpi=kpi.name, edge=fmt_percent(step.edge), now=now,
                 missing=fmt_value(step.missing, step.unit), gain=fmt_money(step.gain))
        return Position(kpi.key, "step", text, step.gain, step.gap)
    # linear, or past the threshold: every percentage point of plan pays, up to the cap
    cap = formula.cap
    if cap is not None and reached >= cap:
        return Position(kpi.key, "top", _("%(kpi)s: потолок %(cap)s достигнут — KPI даёт %(now)s, больше по нему не "
                                          "заработать", kpi=kpi.name, cap=fmt_percent(cap), now=now), ZERO)
    point = plan / HUNDRED  # one percentage point of plan, in the fact's unit
    gain = view.what_if(kpi.key, value + point).total - view.statement.total
    args = {"kpi": kpi.name, "ach": fmt_percent(reached), "now": now, "gain": fmt_money(gain)}
    if kpi.unit == "percent" and plan == HUNDRED:  # a point of plan is a point of the fact: nothing to add
        text = _("%(kpi)s: %(ach)s плана → %(now)s; каждый следующий процентный пункт — ещё +%(gain)s", **args)
    else:
        text = _("%(kpi)s: %(ach)s плана → %(now)s; каждый следующий процентный пункт (это +%(point)s к факту) — "
                 "ещё +%(gain)s", point=fmt_value(point, kpi.unit), **args)
    if cap is not None:
        text += " " + _("(до потолка %(cap)s)", cap=fmt_percent(cap))
    return Position(kpi.key, "linear", text, gain)


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
