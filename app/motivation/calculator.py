"""Pay statement computation over plain data: scheme + facts → lines with every number behind them.

Order (see docs/motivation.md): days coefficient → base → KPI lines → gates → disciplinary reductions (capped)
→ total. Intermediate values stay exact; each money line is rounded once, half up to kopecks, and the total
is the sum of the rounded lines, so a statement always adds up. No Flask, no database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from app.motivation.formulas import (
    HUNDRED,
    ONE,
    ZERO,
    Band,
    Formula,
    FormulaError,
    Steps,
    achievement,
    cap_reductions,
    check_formula,
    days_coefficient,
    factor,
    find_band,
    formula_to_dict,
    gate_passed,
    money,
    raising_edges,
    required_fact,
    step_factor,
)

MIN_KPIS, MAX_KPIS = 1, 5


@dataclass(frozen=True)
class KpiSpec:
    """One KPI of a scheme: weight in % of the target bonus, plan, formula over achievement %, fact unit."""

    key: str
    name: str
    source: str
    weight: Decimal
    formula: Formula
    plan: Decimal | None = None
    unit: str = "points"  # rub | points | percent | count
    step: Decimal = ONE  # granularity of the fact, for "what it takes" amounts


@dataclass(frozen=True)
class GateSpec:
    """A multiplier of the whole bonus: ``passed`` (×pass/×fail) or ``bands`` on the raw value."""

    key: str
    name: str
    source: str
    kind: str  # passed | bands
    bands: tuple[Band, ...] = ()
    pass_factor: Decimal = ONE
    fail_factor: Decimal = ZERO
    unit: str = "points"


@dataclass(frozen=True)
class SchemeSpec:
    """Base salary, target bonus (at 100 % on every KPI), 1-5 KPIs with weights summing to 100 %, gates."""

    name: str
    base_salary: Decimal
    target_bonus: Decimal
    kpis: tuple[KpiSpec, ...]
    gates: tuple[GateSpec, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """What a number rests on: a call, an exam attempt, a CSV row, an onboarding task, a manual entry."""

    kind: str
    ref: int
    label: str
    value: str = ""
    on: str = ""  # ISO date

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "ref": self.ref, "label": self.label, "value": self.value, "on": self.on}


@dataclass(frozen=True)
class Fact:
    """A KPI's or gate's fact for one person and period; ``plan`` overrides the scheme's plan (sales)."""

    value: Decimal | bool | None
    plan: Decimal | None = None
    evidence: tuple[Evidence, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Attendance:
    """Worked and working days of the period."""

    worked: Decimal
    working: Decimal


@dataclass(frozen=True)
class Reduction:
    """A disciplinary bonus reduction as entered by a supervisor."""

    amount: Decimal
    reason: str


@dataclass
class Line:
    """One statement line: its money amount and the plain data its explanation is written from."""

    kind: str  # base | kpi | gate | reduction
    key: str
    name: str
    amount: Decimal
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Statement:
    """A computed statement; ``to_dict`` is what a frozen snapshot stores."""

    scheme: str
    lines: list[Line]
    base: Decimal
    bonus: Decimal
    reductions: Decimal
    total: Decimal
    target_total: Decimal
    coefficient: Decimal

    def line(self, key: str) -> Line | None:
        """The line with this key (KPI or gate key, ``base``, ``reductions``)."""
        return next((line for line in self.lines if line.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON form, decimals as strings."""
        return {
            "scheme": self.scheme,
            "lines": [
                {"kind": ln.kind, "key": ln.key, "name": ln.name, "amount": str(ln.amount), "data": ln.data}
                for ln in self.lines
            ],
            **{k: str(getattr(self, k)) for k in ("base", "bonus", "reductions", "total", "target_total")},
            "coefficient": str(self.coefficient),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Statement:
        """Inverse of ``to_dict``."""
        lines = [Line(d["kind"], d["key"], d["name"], Decimal(d["amount"]), dict(d["data"])) for d in data["lines"]]
        return cls(
            data["scheme"], lines, *(Decimal(data[k]) for k in ("base", "bonus", "reductions", "total",
                                                                 "target_total", "coefficient"))
        )


def check_scheme(spec: SchemeSpec) -> None:
    """1-5 KPIs, weights summing to exactly 100 %, unique keys, sane money and formulas."""
    if not MIN_KPIS <= len(spec.kpis) <= MAX_KPIS:
        raise FormulaError("kpi_count", count=len(spec.kpis), min=MIN_KPIS, max=MAX_KPIS)
    if spec.base_salary < 0 or spec.target_bonus < 0:
        raise FormulaError("money_negative")
    keys = [k.key for k in spec.kpis] + [g.key for g in spec.gates]
    if len(set(keys)) != len(keys):
        raise FormulaError("duplicate_key")
    for kpi in spec.kpis:
        if kpi.weight <= 0:
            raise FormulaError("weight_not_positive", kpi=kpi.name)
        check_formula(kpi.formula)
    total = sum((k.weight for k in spec.kpis), ZERO)
    if total != HUNDRED:
        raise FormulaError("weights_sum", total=format(total.normalize(), "f"))
    for gate in spec.gates:
        if gate.kind == "bands":
            check_formula(Steps(gate.bands))
        elif gate.kind != "passed":
            raise FormulaError("unknown_gate", kind=gate.kind)


def _evidence(fact: Fact | None) -> list[dict[str, Any]]:
    return [e.to_dict() for e in (fact.evidence if fact else ())]


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _kpi_line(spec: SchemeSpec, kpi: KpiSpec, fact: Fact | None, coefficient: Decimal) -> Line:
    plan = fact.plan if fact is not None and fact.plan is not None else kpi.plan
    value = fact.value if fact is not None and not isinstance(fact.value, bool) else None
    reached = achievement(plan, value)
    paid = factor(kpi.formula, reached)
    share = spec.target_bonus * kpi.weight / HUNDRED
    band = None
    if isinstance(kpi.formula, Steps) and reached is not None:
        index = find_band(kpi.formula.bands, reached)
        band = None if index is None else kpi.formula.bands[index].label()
    missing = "no_fact" if value is None else ("no_plan" if plan is None or plan <= 0 else None)
    data = {
        "source": kpi.source, "unit": kpi.unit, "plan": _s(plan), "fact": _s(value), "achievement": _s(reached),
        "formula": formula_to_dict(kpi.formula), "factor": str(paid), "band": band, "weight": str(kpi.weight),
        "target_bonus": str(spec.target_bonus), "share": str(share), "coefficient": str(coefficient),
        "missing": missing, "note": fact.note if fact else "", "evidence": _evidence(fact),
    }
    return Line("kpi", kpi.key, kpi.name, money(share * paid * coefficient), data)


def _gate_factor(gate: GateSpec, fact: Fact | None) -> tuple[Decimal, dict[str, Any]]:
    value = fact.value if fact is not None else None
    if gate.kind == "passed":
        passed = bool(value)
        return gate_passed(passed, gate.pass_factor, gate.fail_factor), {"passed": passed}
    if value is None or isinstance(value, bool):
        return ONE, {"value": None, "missing": "no_fact"}
    index = find_band(gate.bands, value)
    label = None if index is None else gate.bands[index].label(unit="")
    return step_factor(gate.bands, value) if index is not None else ONE, {"value": str(value), "band": label}


def compute(
    spec: SchemeSpec,
    facts: Mapping[str, Fact],
    attendance: Attendance | None = None,
    reductions: Sequence[Reduction] = (),
) -> Statement:
    """The statement for one person and period."""
    check_scheme(spec)
    coefficient = ONE if attendance is None else days_coefficient(attendance.worked, attendance.working)
    days = {} if attendance is None else {"worked": str(attendance.worked), "working": str(attendance.working)}
    base = money(spec.base_salary * coefficient)
    lines = [Line("base", "base", "", base, {"base_salary": str(spec.base_salary), "coefficient": str(coefficient),
                                              **days})]
    lines += [_kpi_line(spec, kpi, facts.get(kpi.key), coefficient) for kpi in spec.kpis]
    bonus = sum((ln.amount for ln in lines if ln.kind == "kpi"), ZERO)
    for gate in spec.gates:
        fact = facts.get(gate.key)
        multiplier, data = _gate_factor(gate, fact)
        after = money(bonus * multiplier)
        data.update(kind=gate.kind, source=gate.source, unit=gate.unit, factor=str(multiplier), bonus_before=str(bonus),
                    evidence=_evidence(fact), note=fact.note if fact else "")
        lines.append(Line("gate", gate.key, gate.name, after - bonus, data))
        bonus = after
    requested = sum((r.amount for r in reductions), ZERO)
    applied = ZERO
    if reductions:
        cap = cap_reductions(requested, base + bonus, bonus)
        applied = cap.applied
        lines.append(Line("reduction", "reductions", "", -applied, {
            "requested": str(cap.requested), "limit": str(cap.limit), "applied": str(cap.applied),
            "capped_by": cap.capped_by, "monthly_pay": str(base + bonus), "reasons": [r.reason for r in reductions],
        }))
    total = sum((ln.amount for ln in lines), ZERO)
    return Statement(spec.name, lines, base, bonus, applied, total, spec.base_salary + spec.target_bonus, coefficient)


def what_if(
    spec: SchemeSpec,
    facts: Mapping[str, Fact],
    key: str,
    value: Decimal,
    attendance: Attendance | None = None,
    reductions: Sequence[Reduction] = (),
) -> Statement:
    """The statement if KPI ``key``'s fact were ``value`` (everything else unchanged)."""
    current = facts.get(key) or Fact(None)
    changed = {**facts, key: replace(current, value=value)}
    return compute(spec, changed, attendance, reductions)


@dataclass(frozen=True)
class NextStep:
    """What it takes to reach the next band of a KPI and what it adds to the total."""

    kpi_key: str
    kpi_name: str
    unit: str
    edge: Decimal
    inclusive: bool
    factor_now: Decimal
    factor_next: Decimal
    needed_fact: Decimal
    missing: Decimal
    gain: Decimal
    gap: Decimal  # percentage points of plan between now and the edge


def next_step(
    spec: SchemeSpec,
    facts: Mapping[str, Fact],
    kpi: KpiSpec,
    attendance: Attendance | None = None,
    reductions: Sequence[Reduction] = (),
    current: Statement | None = None,
) -> NextStep | None:
    """The nearest edge above the current achievement where the KPI pays more; None at the top or without a plan."""
    fact = facts.get(kpi.key)
    plan = fact.plan if fact is not None and fact.plan is not None else kpi.plan
    value = fact.value if fact is not None and not isinstance(fact.value, bool) else None
    if plan is None or plan <= 0:
        return None
    now = value if value is not None else ZERO
    reached = achievement(plan, now) or ZERO
    factor_now = factor(kpi.formula, reached)
    current = current or compute(spec, facts, attendance, reductions)
    for edge, inclusive in raising_edges(kpi.formula):
        if edge < reached or (edge == reached and inclusive):
            continue
        needed = max(required_fact(plan, edge, inclusive, kpi.step), now)
        factor_next = factor(kpi.formula, achievement(plan, needed))
        if factor_next <= factor_now:
            continue
        projected = what_if(spec, facts, kpi.key, needed, attendance, reductions)
        return NextStep(kpi.key, kpi.name, kpi.unit, edge, inclusive, factor_now, factor_next, needed,
                        needed - now, projected.total - current.total, edge - reached)
    return None


def next_steps(
    spec: SchemeSpec, facts: Mapping[str, Fact], attendance: Attendance | None = None,
    reductions: Sequence[Reduction] = (),
) -> list[NextStep]:
    """The next step of every KPI that has one, the closest (in percentage points of plan) first."""
    current = compute(spec, facts, attendance, reductions)
    steps = [s for k in spec.kpis if (s := next_step(spec, facts, k, attendance, reductions, current)) is not None]
    return sorted(steps, key=lambda s: s.gap)
