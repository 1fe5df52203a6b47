"""Statement lines in words: «План 1 200 000 ₽, факт 1 080 000 ₽ → 90 %, ступень [90 %; 100 %) → 0,8 × 30 % ×
40 000 ₽ = 9 600 ₽». Written from the numbers a line carries, so frozen statements read the same forever."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.routing import BuildError

from app.core.numbers import format_number
from app.motivation.calculator import Line
from app.motivation.formulas import Steps, find_band, formula_from_dict
from app.motivation.labels import UNIT_LABELS

NBSP = "\u00a0"


def _locale() -> str:
    return str(get_locale() or "ru")


def fmt_num(value: Decimal | str | None, digits: int = 2) -> str:
    """``1200000.5`` → ``1 200 000,5`` in Russian; ``—`` for None (the site-wide ``number`` filter)."""
    return format_number(value, digits)


def fmt_money(value: Decimal | str | None) -> str:
    """``9600`` → ``9 600 ₽``, ``9600.5`` → ``9 600,50 ₽``."""
    if value is None:
        return "—"
    amount = Decimal(value)
    pattern = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
    text = format_decimal(abs(amount), format=pattern, locale=_locale())
    return f"{'−' if amount < 0 else ''}{text}{NBSP}₽"


def fmt_percent(value: Decimal | str | None) -> str:
    """``90.00`` → ``90 %`` (``90%`` in English), like the ``number`` filter's percentages."""
    return format_number(value, 2, percent=True)


def fmt_value(value: Decimal | str | None, unit: str) -> str:
    """A fact in its unit: money, percent, points or pieces."""
    if unit == "rub":
        return fmt_money(value)
    if unit == "percent":
        return fmt_percent(value)
    if value is None:
        return "—"
    return fmt_num(value) + (f"{NBSP}{UNIT_LABELS['count']}" if unit == "count" else "")


def fmt_day(iso: str | None) -> str:
    """``2026-11-05`` → ``5 нояб. 2026``; ``—`` when empty."""
    if not iso:
        return "—"
    return format_date(date.fromisoformat(iso), format="d MMM yyyy", locale=_locale())


def fmt_factor(value: Decimal | str) -> str:
    """A coefficient with up to four decimals."""
    return fmt_num(value, 4)


def band_label(formula: dict[str, Any], value: Decimal | None) -> str | None:
    """The label of the band that holds ``value``, with localized numbers."""
    steps = formula_from_dict(formula)
    if not isinstance(steps, Steps) or value is None:
        return None
    index = find_band(steps.bands, value)
    return None if index is None else steps.bands[index].label(unit=f"{NBSP}%", number=fmt_num)


def _days(data: dict[str, Any]) -> str:
    if Decimal(data.get("coefficient", "1")) == 1:
        return ""
    days = ""
    if data.get("worked") is not None:
        days = " " + _("(отработано %(w)s из %(n)s дн.)", w=fmt_num(data["worked"]), n=fmt_num(data["working"]))
    return f" × {fmt_factor(data['coefficient'])}{days}"


def _missing_text(source: str) -> str:
    texts = {
        "sales": _("нет факта продаж за месяц"),
        "call_quality": _("нет оценённых звонков за период"),
        "product_knowledge": _("нет проверенных попыток экзамена"),
        "onboarding": _("в этом периоде нет шагов адаптации со сроком"),
        "manual": _("значение ещё не внесено руководителем"),
    }
    return texts.get(source, _("нет данных"))


def _rule(data: dict[str, Any], achievement: Decimal) -> str:
    formula = data["formula"]
    kind = formula.get("kind")
    if kind == "steps":
        label = band_label(formula, achievement)
        return _("ступень %(band)s", band=label) if label else _("ниже первой ступени")
    cap = formula.get("cap")
    capped = cap is not None and achievement >= Decimal(cap)
    if kind == "threshold":
        threshold = fmt_percent(formula["threshold"])
        if achievement < Decimal(formula["threshold"]):
            return _("ниже порога %(t)s", t=threshold)
        text = _("порог %(t)s пройден", t=threshold)
    else:
        text = _("линейно")
    if capped:
        text += ", " + _("потолок %(c)s", c=fmt_percent(cap))
    return text


def explain_kpi(line: Line) -> str:
    """One KPI line in words."""
    data = line.data
    amount = fmt_money(line.amount)
    if data.get("missing") == "no_fact":
        return _("%(why)s → %(amount)s", why=_missing_text(data["source"]).capitalize(), amount=amount)
    if data.get("missing") == "no_plan":
        return _("План не задан: процент выполнения не посчитать → %(amount)s", amount=amount)
    unit = data["unit"]
    achievement = Decimal(data["achievement"])
    return _(
        "План %(plan)s, факт %(fact)s → %(ach)s, %(rule)s → %(factor)s × %(weight)s × %(target)s%(days)s = %(amount)s",
        plan=fmt_value(data["plan"], unit), fact=fmt_value(data["fact"], unit), ach=fmt_percent(achievement),
        rule=_rule(data, achievement), factor=fmt_factor(data["factor"]), weight=fmt_percent(data["weight"]),
        target=fmt_money(data["target_bonus"]), days=_days(data), amount=amount,
    )


def explain_base(line: Line) -> str:
    """The base salary line in words."""
    return _("Оклад %(base)s%(days)s = %(amount)s", base=fmt_money(line.data["base_salary"]), days=_days(line.data),
             amount=fmt_money(line.amount))


def explain_gate(line: Line) -> str:
    """A gate line in words."""
    data = line.data
    before, after = Decimal(data["bonus_before"]), Decimal(data["bonus_before"]) + line.amount
    change = _("премия %(a)s → %(b)s", a=fmt_money(before), b=fmt_money(after))
    if data["kind"] == "passed":
        state = _("сдана") if data.get("passed") else _("не сдана")
        return _("Аттестация %(state)s → × %(f)s: %(change)s", state=state, f=fmt_factor(data["factor"]), change=change)
    if data.get("missing") == "no_fact":
        return _("Нет данных за период — коэффициент не применяется (× 1)")
    band = data.get("band")
    where = _("ступень %(band)s", band=band) if band else _("вне ступеней")
    return _("Значение %(v)s → %(where)s → × %(f)s: %(change)s", v=fmt_num(data["value"]), where=where,
             f=fmt_factor(data["factor"]), change=change)


def explain_reduction(line: Line) -> str:
    """The disciplinary reduction line, saying when and why the 20 % cap cut it."""
    data = line.data
    limit = _("20 %% месячной зарплаты: %(pay)s × 20 %% = %(limit)s", pay=fmt_money(data["monthly_pay"]),
              limit=fmt_money(data["limit"]))
    if data.get("capped_by") == "law":
        return _("Снижение премии за дисциплинарные взыскания: запрошено %(req)s, применено %(applied)s — "
                 "не более %(limit)s (ст. 135 ТК РФ, с 01.09.2025)",
                 req=fmt_money(data["requested"]), applied=fmt_money(data["applied"]), limit=limit)
    if data.get("capped_by") == "bonus":
        return _("Снижение премии за дисциплинарные взыскания: запрошено %(req)s, применено %(applied)s — "
                 "снизить можно только премию, оклад не уменьшается",
                 req=fmt_money(data["requested"]), applied=fmt_money(data["applied"]))
    return _("Снижение премии за дисциплинарные взыскания: %(applied)s (предел — %(limit)s, не превышен)",
             applied=fmt_money(data["applied"]), limit=limit)


def explain(line: Line) -> str:
    """Any statement line in words."""
    return {"base": explain_base, "kpi": explain_kpi, "gate": explain_gate, "reduction": explain_reduction}[
        line.kind
    ](line)


def _url(endpoint: str, **values: Any) -> str | None:
    try:
        return url_for(endpoint, **values)
    except BuildError:  # the feature that owns the page is not there (yet)
        return None


def evidence_url(item: dict[str, Any], user_id: int, period_key: str) -> str | None:
    """Where an evidence item can be opened: the call, the exam result, the CSV row, the onboarding step."""
    kind, ref = item.get("kind"), item.get("ref")
    if kind == "call":
        return _url("calls.detail", call_id=ref)
    if kind == "attempt":
        return _url("exams.result", attempt_id=ref)
    if kind == "sales_row":
        return _url("motivation.sales_row", row_id=ref)
    if kind == "onboarding_task":
        return _url("learning.person_onboarding", user_id=user_id, _anchor=f"task-{ref}")
    if kind == "manual":
        return _url("motivation.adjust", user_id=user_id, period=period_key)
    return None
