"""KPI pay formulas: pure functions over ``Decimal`` (no Flask, no database).

* achievement = fact / plan × 100, truncated to 0.01 percentage point (a band is never reached by rounding up);
* linear: factor = achievement / 100, optionally capped;
* threshold and cap: nothing below the threshold (inclusive), linear from there up to the cap;
* step scale: bands with explicit inclusive/exclusive edges, each paying a fixed factor of the KPI's share;
* gates: multipliers of the whole bonus (passed / not passed, or bands on a value such as an average call score);
* days-worked coefficient: worked / working days, pro-rates base and bonus;
* disciplinary reductions: capped at 20 % of the month's pay and never more than the bonus itself.

Errors are ``FormulaError(code, **params)``; the web layer turns the code into a translated message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

HUNDRED = Decimal(100)
KOPECK = Decimal("0.01")
ACHIEVEMENT_STEP = Decimal("0.01")  # percentage points
DEDUCTION_LIMIT_SHARE = Decimal("0.20")  # ТК РФ ст. 135 ч. 3 (144-ФЗ, from 1 Sept 2025)
ZERO, ONE = Decimal(0), Decimal(1)
MAX_DIGITS = 15  # integer digits: a quadrillion roubles is not a typo we want to compute with


class FormulaError(ValueError):
    """Parameters or inputs that make no sense; ``code`` and ``params`` say what and where."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(f"{code}: {params}" if params else code)
        self.code = code
        self.params = params


def dec(value: Any) -> Decimal:
    """Exact decimal from an int, a Decimal or text such as ``1 200 000,50`` (floats go through ``str``)."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise FormulaError("not_a_number", value=str(value))
    elif isinstance(value, int | float):
        result = Decimal(str(value))
    else:
        text = str(value or "").strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        text = text.replace("₽", "").replace("%", "").replace(",", ".")
        try:
            result = Decimal(text)
        except InvalidOperation as error:
            raise FormulaError("not_a_number", value=str(value)) from error
    if not result.is_finite():
        raise FormulaError("not_a_number", value=str(value))
    if result and result.adjusted() >= MAX_DIGITS:
        raise FormulaError("too_large", value=str(value))
    return result


def money(value: Decimal) -> Decimal:
    """Round to kopecks, half up: the last step of every money line."""
    return value.quantize(KOPECK, rounding=ROUND_HALF_UP)


def achievement(plan: Decimal | None, fact: Decimal | None) -> Decimal | None:
    """Fact as a percentage of plan, truncated to 0.01; None when there is no fact or no positive plan."""
    if plan is None or fact is None or plan <= 0:
        return None
    return (fact * HUNDRED / plan).quantize(ACHIEVEMENT_STEP, rounding=ROUND_DOWN)


# ---------------------------------------------------------------- step scales


@dataclass(frozen=True)
class Band:
    """One step of a scale: values between ``lower`` and ``upper`` (None = unbounded) pay ``factor``."""

    lower: Decimal | None
    upper: Decimal | None
    factor: Decimal
    lower_inclusive: bool = True
    upper_inclusive: bool = False

    def contains(self, value: Decimal) -> bool:
        """Is ``value`` inside the band, honouring each edge's inclusivity?"""
        if self.lower is not None and (value < self.lower or (value == self.lower and not self.lower_inclusive)):
            return False
        return not (
            self.upper is not None and (value > self.upper or (value == self.upper and not self.upper_inclusive))
        )

    def label(self, unit: str = " %", number: Any = None) -> str:
        """``[90 %; 100 %)``, ``< 80 %``, ``≥ 120 %`` — brackets say which edges belong to the band."""
        fmt = number or plain_number
        if self.lower is None and self.upper is None:
            return "(−∞; +∞)"
        if self.lower is None:
            return f"{'≤' if self.upper_inclusive else '<'} {fmt(self.upper)}{unit}"
        if self.upper is None:
            return f"{'≥' if self.lower_inclusive else '>'} {fmt(self.lower)}{unit}"
        left, right = ("[" if self.lower_inclusive else "("), ("]" if self.upper_inclusive else ")")
        return f"{left}{fmt(self.lower)}{unit}; {fmt(self.upper)}{unit}{right}"


def plain_number(value: Decimal) -> str:
    """``Decimal('90.00')`` → ``90``, ``Decimal('0.50')`` → ``0.5`` (no exponent)."""
    text = format(value.normalize(), "f")
    return text


SEEDS_BANDS: tuple[Band, ...] = (
    Band(None, Decimal(80), ZERO),
    Band(Decimal(80), Decimal(90), Decimal("0.5")),
    Band(Decimal(90), Decimal(100), Decimal("0.8")),
    Band(Decimal(100), Decimal(120), ONE),
    Band(Decimal(120), None, Decimal("1.2")),
)
"""The seeds' scale: < 80 % → 0, [80; 90) → 0.5, [90; 100) → 0.8, [100; 120) → 1.0, ≥ 120 % → 1.2."""


def check_bands(bands: Sequence[Band]) -> None:
    """Bands must be ascending and meet edge to edge with exactly one side owning each edge."""
    if not bands:
        raise FormulaError("bands_empty")
    for index, band in enumerate(bands, start=1):
        if band.factor < 0:
            raise FormulaError("band_negative_factor", band=index)
        for edge in (band.lower, band.upper):
            if edge is not None and edge != edge.quantize(ACHIEVEMENT_STEP):
                raise FormulaError("band_edge_precision", band=index)
        if band.lower is not None and band.upper is not None and band.lower >= band.upper:
            raise FormulaError("band_empty", band=index)
        if band.lower is None and index != 1:
            raise FormulaError("band_open_lower", band=index)
        if band.upper is None and index != len(bands):
            raise FormulaError("band_open_upper", band=index)
    for index, (left, right) in enumerate(zip(bands, bands[1:], strict=False), start=1):
        assert left.upper is not None and right.lower is not None  # guaranteed by the open-edge checks above
        owned = left.upper_inclusive or right.lower_inclusive
        if left.upper < right.lower or (left.upper == right.lower and not owned):
            raise FormulaError("band_gap", band=index, edge=plain_number(left.upper))
        if left.upper > right.lower or (left.upper_inclusive and right.lower_inclusive):
            raise FormulaError("band_overlap", band=index, edge=plain_number(right.lower))


def find_band(bands: Sequence[Band], value: Decimal) -> int | None:
    """Index of the band holding ``value``; None below the first (or above the last) band."""
    for index, band in enumerate(bands):
        if band.contains(value):
            return index
    return None


_NUM = r"[-+]?\d[\d\s\u00a0]*(?:[.,]\d+)?"
_ARROW = r"\s*(?:→|->|=>|:|=)?\s*"
_INTERVAL = re.compile(rf"^([\[(])\s*({_NUM})\s*%?\s*;\s*({_NUM})\s*%?\s*([\])]){_ARROW}({_NUM})$")
_OPEN = re.compile(rf"^(<=|>=|≤|≥|<|>)\s*({_NUM})\s*%?{_ARROW}({_NUM})$")


def parse_bands(text: str) -> tuple[Band, ...]:
    """One band a line: ``< 80 → 0``, ``[80; 90) → 0.5``, ``≥ 120 → 1.2``; blank lines are skipped."""
    bands = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _INTERVAL.match(line)
        if match:
            left, low, high, right, factor = match.groups()
            bands.append(Band(dec(low), dec(high), dec(factor), left == "[", right == "]"))
            continue
        match = _OPEN.match(line)
        if not match:
            raise FormulaError("band_syntax", line=number, text=line)
        sign, edge, factor = match.groups()
        if sign in ("<", "<=", "≤"):
            bands.append(Band(None, dec(edge), dec(factor), True, sign != "<"))
        else:
            bands.append(Band(dec(edge), None, dec(factor), sign != ">", False))
    check_bands(bands)
    return tuple(bands)


def format_bands(bands: Iterable[Band]) -> str:
    """The text form ``parse_bands`` reads back."""
    return "\n".join(f"{band.label(unit='')} → {plain_number(band.factor)}" for band in bands)


# ---------------------------------------------------------------- formulas


@dataclass(frozen=True)
class Linear:
    """Factor = achievement / 100 (negative → 0), capped at ``cap`` % when given."""

    cap: Decimal | None = None
    kind: str = "linear"


@dataclass(frozen=True)
class ThresholdCap:
    """Nothing below ``threshold`` % (the threshold itself pays); linear above it up to ``cap`` %."""

    threshold: Decimal
    cap: Decimal | None = None
    kind: str = "threshold"


@dataclass(frozen=True)
class Steps:
    """A step scale of bands."""

    bands: tuple[Band, ...]
    kind: str = "steps"


Formula = Linear | ThresholdCap | Steps


def linear_factor(value: Decimal, cap: Decimal | None = None) -> Decimal:
    """Achievement / 100, never negative, at most ``cap`` / 100."""
    factor = max(value, ZERO) / HUNDRED
    return min(factor, cap / HUNDRED) if cap is not None else factor


def threshold_factor(value: Decimal, threshold: Decimal, cap: Decimal | None = None) -> Decimal:
    """Zero below the threshold; from the threshold (inclusive) on, linear up to the cap."""
    return ZERO if value < threshold else linear_factor(value, cap)


def step_factor(bands: Sequence[Band], value: Decimal) -> Decimal:
    """The factor of the band that holds ``value``; zero outside every band."""
    index = find_band(bands, value)
    return ZERO if index is None else bands[index].factor


def check_formula(formula: Formula) -> None:
    """Refuse parameters that cannot be meant: a cap ≤ 0, a threshold ≥ the cap, broken bands."""
    if isinstance(formula, Steps):
        check_bands(formula.bands)
        return
    if formula.cap is not None and formula.cap <= 0:
        raise FormulaError("cap_not_positive")
    if isinstance(formula, ThresholdCap):
        if formula.threshold < 0:
            raise FormulaError("threshold_negative")
        if formula.cap is not None and formula.threshold >= formula.cap:
            raise FormulaError("threshold_above_cap")


def factor(formula: Formula, value: Decimal | None) -> Decimal:
    """The share of the KPI's target bonus paid at achievement ``value`` (None → 0)."""
    if value is None:
        return ZERO
    if isinstance(formula, Steps):
        return step_factor(formula.bands, value)
    if isinstance(formula, ThresholdCap):
        return threshold_factor(value, formula.threshold, formula.cap)
    return linear_factor(value, formula.cap)


def raising_edges(formula: Formula) -> list[tuple[Decimal, bool]]:
    """Edges (value, inclusive) where the factor jumps up: step lowers and the threshold; none for linear."""
    if isinstance(formula, ThresholdCap):
        return [(formula.threshold, True)]
    if isinstance(formula, Steps):
        edges, previous = [], ZERO
        for band in formula.bands:
            if band.lower is not None and band.factor > previous:
                edges.append((band.lower, band.lower_inclusive))
            previous = band.factor
        return edges
    return []


def formula_to_dict(formula: Formula) -> dict[str, Any]:
    """JSON-friendly form (decimals as strings) stored on the scheme and in frozen statements."""
    if isinstance(formula, Steps):
        bands = [
            {
                "lower": None if b.lower is None else str(b.lower),
                "upper": None if b.upper is None else str(b.upper),
                "lower_inclusive": b.lower_inclusive,
                "upper_inclusive": b.upper_inclusive,
                "factor": str(b.factor),
            }
            for b in formula.bands
        ]
        return {"kind": "steps", "bands": bands}
    cap = None if formula.cap is None else str(formula.cap)
    if isinstance(formula, ThresholdCap):
        return {"kind": "threshold", "threshold": str(formula.threshold), "cap": cap}
    return {"kind": "linear", "cap": cap}


def _opt(value: Any) -> Decimal | None:
    return None if value in (None, "") else dec(value)


def formula_from_dict(data: dict[str, Any]) -> Formula:
    """Inverse of ``formula_to_dict``; checks the parameters."""
    kind = data.get("kind")
    formula: Formula
    if kind == "steps":
        formula = Steps(
            tuple(
                Band(_opt(b.get("lower")), _opt(b.get("upper")), dec(b["factor"]),
                     bool(b.get("lower_inclusive", True)), bool(b.get("upper_inclusive", False)))
                for b in data.get("bands") or []
            )
        )
    elif kind == "threshold":
        formula = ThresholdCap(dec(data.get("threshold")), _opt(data.get("cap")))
    elif kind == "linear":
        formula = Linear(_opt(data.get("cap")))
    else:
        raise FormulaError("unknown_formula", kind=str(kind))
    check_formula(formula)
    return formula


def required_fact(plan: Decimal, edge: Decimal, inclusive: bool, step: Decimal) -> Decimal:
    """The smallest fact (a multiple of ``step``) whose achievement reaches the band starting at ``edge``."""
    target = edge if inclusive else edge + ACHIEVEMENT_STEP
    raw = plan * target / HUNDRED
    return (raw / step).to_integral_value(rounding=ROUND_CEILING) * step


# ---------------------------------------------------------------- gates, days, reductions


def gate_passed(passed: bool | None, pass_factor: Decimal = ONE, fail_factor: Decimal = ZERO) -> Decimal:
    """×``pass_factor`` when passed, else ×``fail_factor`` (no attempt counts as not passed)."""
    return pass_factor if passed else fail_factor


def days_coefficient(worked: Decimal, working: Decimal) -> Decimal:
    """Worked days / working days of the period (exact); refuses impossible counts."""
    if working <= 0:
        raise FormulaError("working_days_not_positive")
    if worked < 0 or worked > working:
        raise FormulaError("worked_days_out_of_range", worked=plain_number(worked), working=plain_number(working))
    return worked / working


@dataclass(frozen=True)
class ReductionCap:
    """What was asked, the legal limit, what is applied and why it was cut (``law``, ``bonus`` or None)."""

    requested: Decimal
    limit: Decimal
    applied: Decimal
    capped_by: str | None


def cap_reductions(
    requested: Decimal, monthly_pay: Decimal, bonus: Decimal, share: Decimal = DEDUCTION_LIMIT_SHARE
) -> ReductionCap:
    """Disciplinary bonus reductions: at most ``share`` of the month's pay (kopecks rounded down) and the bonus."""
    if requested < 0:
        raise FormulaError("reduction_negative")
    limit = max(ZERO, (monthly_pay * share).quantize(KOPECK, rounding=ROUND_DOWN))
    available = max(ZERO, bonus)
    applied = min(requested, limit, available)
    capped_by = None
    if applied < requested:
        capped_by = "law" if limit <= available else "bonus"
    return ReductionCap(requested, limit, applied, capped_by)
