"""Pay schemes: which scheme applies to whom and when, saving a scheme (checked by the calculator), its spec.

Services flush; the caller commits. Permission to edit: admins any scheme, a supervisor the schemes of their team.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import or_, select

from app.accounts.models import Role, Team, User
from app.core.domain import DomainError
from app.extensions import db
from app.motivation import facts as sources
from app.motivation.calculator import GateSpec, KpiSpec, SchemeSpec, check_scheme
from app.motivation.formulas import (
    Formula,
    FormulaError,
    Linear,
    Steps,
    ThresholdCap,
    dec,
    formula_from_dict,
    formula_to_dict,
    parse_bands,
)
from app.motivation.labels import domain_error, formula_message
from app.motivation.models import Scheme, SchemeGate, SchemeKpi

UNITS = {"sales": "rub", "call_quality": "points", "product_knowledge": "percent", "onboarding": "percent"}
STEPS = {"rub": Decimal(1), "count": Decimal(1)}


@dataclass
class KpiData:
    """A KPI as entered: formula parameters still as text, parsed here."""

    name: str
    source: str
    weight: str
    plan: str = ""
    formula: str = "steps"
    bands: str = ""
    threshold: str = ""
    cap: str = ""
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class GateData:
    """A gate as entered."""

    name: str
    source: str
    kind: str = "passed"
    bands: str = ""
    pass_factor: str = "1"
    fail_factor: str = "0"
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class SchemeData:
    """A scheme as entered."""

    name: str
    role: str | None
    team_id: int | None
    valid_from: date
    valid_to: date | None
    base_salary: str
    target_bonus: str
    note: str = ""
    kpis: list[KpiData] = field(default_factory=list)
    gates: list[GateData] = field(default_factory=list)


def unit_of(source: str, options: dict[str, Any] | None = None) -> str:
    """The unit of a source's fact (manual KPIs choose theirs)."""
    return UNITS.get(source) or (options or {}).get("unit") or "points"


def spec_from(
    name: str, base: Decimal, target: Decimal, kpis: list[SchemeKpi], gates: list[SchemeGate]
) -> SchemeSpec:
    """The calculator's view of a scheme's parts (stored or about to be)."""
    kpi_specs = []
    for kpi in kpis:
        unit = unit_of(kpi.source, kpi.options)
        kpi_specs.append(KpiSpec(kpi.key, kpi.name, kpi.source, kpi.weight, formula_from_dict(kpi.formula), kpi.plan,
                                 unit, STEPS.get(unit, Decimal("0.1"))))
    gate_specs = []
    for gate in gates:
        steps = formula_from_dict(gate.bands) if gate.kind == "bands" and gate.bands else None
        bands = steps.bands if isinstance(steps, Steps) else ()
        gate_specs.append(GateSpec(gate.key, gate.name, gate.source, gate.kind, bands, gate.pass_factor,
                                   gate.fail_factor, unit_of(gate.source, gate.options)))
    return SchemeSpec(name, base, target, tuple(kpi_specs), tuple(gate_specs))


def to_spec(scheme: Scheme) -> SchemeSpec:
    """The calculator's view of a stored scheme."""
    return spec_from(scheme.name, scheme.base_salary, scheme.target_bonus, list(scheme.kpis), list(scheme.gates))


def scheme_for(user: User, period: date) -> Scheme | None:
    """The most specific active scheme for the person's role and team in that month (team+role > team > role)."""
    role = user.role.value if isinstance(user.role, Role) else str(user.role)
    candidates = db.session.scalars(
        select(Scheme)
        .where(Scheme.active.is_(True), Scheme.valid_from <= period)
        .where(or_(Scheme.valid_to.is_(None), Scheme.valid_to >= period))
        .where(or_(Scheme.role.is_(None), Scheme.role == role))
        .where(or_(Scheme.team_id.is_(None), Scheme.team_id == user.team_id))
    ).all()
    if not candidates:
        return None
    return max(candidates, key=lambda s: (s.team_id is not None, s.role is not None, s.valid_from, s.id))


def supervised_team_ids(user: User) -> list[int]:
    """Teams the user leads."""
    return list(db.session.scalars(select(Team.id).where(Team.supervisor_id == user.id)))


def can_edit(user: User, team_id: int | None) -> bool:
    """Admins edit every scheme; a supervisor only their own team's."""
    if user.role == Role.ADMIN:
        return True
    return user.role == Role.SUPERVISOR and team_id is not None and team_id in supervised_team_ids(user)


def visible_schemes(user: User) -> list[Scheme]:
    """Schemes a pay manager may look at: everything for admins; company-wide and own teams' for a supervisor."""
    query = select(Scheme).order_by(Scheme.active.desc(), Scheme.valid_from.desc(), Scheme.name)
    if user.role != Role.ADMIN:
        query = query.where(or_(Scheme.team_id.is_(None), Scheme.team_id.in_(supervised_team_ids(user) or [-1])))
    return list(db.session.scalars(query))


def _money(text: str, field_name: str) -> Decimal:
    try:
        value = dec(text)
    except FormulaError as error:
        raise domain_error(error, field_name) from error
    if value < 0:
        raise DomainError(_("Сумма не может быть отрицательной."), field_name)
    return value


def _optional(text: str, field_name: str) -> Decimal | None:
    return None if not (text or "").strip() else _money(text, field_name)


def _formula(data: KpiData, prefix: str) -> Formula:
    try:
        if data.formula == "steps":
            return Steps(parse_bands(data.bands))
        cap = _optional(data.cap, f"{prefix}-cap")
        if data.formula == "threshold":
            formula: Formula = ThresholdCap(_money(data.threshold, f"{prefix}-threshold"), cap)
        else:
            formula = Linear(cap)
        formula_from_dict(formula_to_dict(formula))  # runs the parameter checks
        return formula
    except FormulaError as error:
        field_name = f"{prefix}-bands" if data.formula == "steps" else f"{prefix}-cap"
        raise domain_error(error, field_name) from error


def _key(source: str, taken: set[str], prefix: str = "") -> str:
    base = f"{prefix}{source}"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    taken.add(key)
    return key


def _build_kpis(data: SchemeData) -> list[SchemeKpi]:
    taken: set[str] = set()
    kpis = []
    for index, item in enumerate(data.kpis):
        prefix = f"kpis-{index}"
        if item.source not in sources.KPI_SOURCES:
            raise DomainError(_("Выберите источник факта."), f"{prefix}-source")
        if not item.name.strip():
            raise DomainError(_("Назовите KPI."), f"{prefix}-name")
        plan = _optional(item.plan, f"{prefix}-plan")
        if item.source != "sales" and (plan is None or plan <= 0):
            raise DomainError(_("Укажите план больше нуля: от него считается процент выполнения."), f"{prefix}-plan")
        kpis.append(SchemeKpi(
            position=index, key=_key(item.source, taken), name=item.name.strip(), source=item.source,
            weight=_money(item.weight, f"{prefix}-weight"), plan=plan,
            formula=formula_to_dict(_formula(item, prefix)), options=dict(item.options),
        ))
    return kpis


def _build_gates(data: SchemeData) -> list[SchemeGate]:
    taken: set[str] = set()
    gates = []
    for index, item in enumerate(data.gates):
        prefix = f"gates-{index}"
        if item.source not in sources.GATE_SOURCES:
            raise DomainError(_("Выберите источник коэффициента."), f"{prefix}-source")
        bands = None
        if item.kind == "bands":
            try:
                bands = formula_to_dict(Steps(parse_bands(item.bands)))
            except FormulaError as error:
                raise domain_error(error, f"{prefix}-bands") from error
        elif item.source != "certification":
            raise DomainError(_("«Сдано / не сдано» подходит только для аттестации."), f"{prefix}-kind")
        gates.append(SchemeGate(
            position=index, key=_key(item.source, taken, "gate_"), name=item.name.strip() or item.source,
            source=item.source, kind=item.kind, bands=bands,
            pass_factor=_money(item.pass_factor or "1", f"{prefix}-pass_factor"),
            fail_factor=_money(item.fail_factor or "0", f"{prefix}-fail_factor"), options=dict(item.options),
        ))
    return gates


def save_scheme(scheme: Scheme | None, data: SchemeData, actor: User) -> Scheme:
    """Create or replace a scheme; the calculator's rules (1-5 KPIs, weights = 100 %) are checked first."""
    if not can_edit(actor, data.team_id):
        raise DomainError(_("Руководитель может настраивать только схемы своей команды."), "team_id")
    if scheme is not None and not can_edit(actor, scheme.team_id):
        raise DomainError(_("Эту схему может менять только администратор."), "team_id")
    if data.valid_to is not None and data.valid_to < data.valid_from:
        raise DomainError(_("Последний месяц не может быть раньше первого."), "valid_to")
    if data.role is not None and data.role not in {r.value for r in Role}:
        raise DomainError(_("Неизвестная роль."), "role")
    kpis, gates = _build_kpis(data), _build_gates(data)
    base, target = _money(data.base_salary, "base_salary"), _money(data.target_bonus, "target_bonus")
    if not data.name.strip():
        raise DomainError(_("Назовите схему."), "name")
    try:
        check_scheme(spec_from(data.name, base, target, kpis, gates))
    except FormulaError as error:
        raise DomainError(formula_message(error), "kpis") from error
    if scheme is None:
        scheme = Scheme(created_by_id=actor.id)
        db.session.add(scheme)
    scheme.name, scheme.role, scheme.team_id = data.name.strip(), data.role, data.team_id
    scheme.valid_from, scheme.valid_to, scheme.note = data.valid_from, data.valid_to, data.note.strip()
    scheme.base_salary, scheme.target_bonus = base, target
    scheme.kpis.clear()
    scheme.gates.clear()
    db.session.flush()
    scheme.kpis.extend(kpis)
    scheme.gates.extend(gates)
    db.session.flush()
    return scheme


def set_active(scheme: Scheme, active: bool, actor: User) -> None:
    """Switch a scheme off (it stops applying; frozen statements keep their copy) or back on."""
    if not can_edit(actor, scheme.team_id):
        raise DomainError(_("Эту схему может менять только администратор."))
    scheme.active = active
    db.session.flush()
