"""Human words for motivation codes: fact sources, formulas, units and the calculator's error codes."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.domain import DomainError
from app.motivation.formulas import FormulaError

SOURCE_LABELS = {
    "sales": _l("План продаж (CSV или вручную)"),
    "call_quality": _l("Качество звонков (средний итоговый балл)"),
    "product_knowledge": _l("Знание продукта (экзамены)"),
    "onboarding": _l("Адаптация (шаги в срок)"),
    "manual": _l("Вручную (значение от руководителя)"),
    "certification": _l("Аттестация (экзамен сдан)"),
}
FORMULA_LABELS = {
    "steps": _l("Ступени"),
    "linear": _l("Линейно"),
    "threshold": _l("Порог и потолок"),
}
GATE_KIND_LABELS = {"passed": _l("Сдано / не сдано"), "bands": _l("Коэффициент по ступеням")}
UNIT_LABELS = {"rub": "₽", "points": _l("балл."), "percent": "%", "count": _l("шт.")}

_FORMULA_MESSAGES = {
    "not_a_number": _l("«%(value)s» — не число."),
    "too_large": _l("«%(value)s» — слишком большое число."),
    "bands_empty": _l("Задайте хотя бы одну ступень."),
    "band_syntax": _l("Строка %(line)s: «%(text)s» — не ступень. Пример: «[80; 90) → 0.5» или «≥ 120 → 1.2»."),
    "band_negative_factor": _l("Ступень %(band)s: коэффициент не может быть отрицательным."),
    "band_edge_precision": _l("Ступень %(band)s: границы задаются с точностью до сотых."),
    "band_empty": _l("Ступень %(band)s: нижняя граница должна быть меньше верхней."),
    "band_open_lower": _l("Ступень %(band)s: открытой снизу («< …») может быть только первая ступень."),
    "band_open_upper": _l("Ступень %(band)s: открытой сверху («≥ …») может быть только последняя ступень."),
    "band_gap": _l("После ступени %(band)s значение %(edge)s не попадает ни в одну ступень: "
                   "одна из соседних ступеней должна включать эту границу («]» или «[»)."),
    "band_overlap": _l("Ступени %(band)s и следующая перекрываются у границы %(edge)s: "
                       "граница должна принадлежать только одной из них."),
    "cap_not_positive": _l("Потолок должен быть больше нуля."),
    "threshold_negative": _l("Порог не может быть отрицательным."),
    "threshold_above_cap": _l("Порог должен быть меньше потолка."),
    "unknown_formula": _l("Неизвестная формула «%(kind)s»."),
    "unknown_gate": _l("Неизвестный вид коэффициента «%(kind)s»."),
    "working_days_not_positive": _l("Рабочих дней в периоде должно быть больше нуля."),
    "worked_days_out_of_range": _l("Отработано %(worked)s дн. — должно быть от 0 до %(working)s."),
    "reduction_negative": _l("Сумма снижения не может быть отрицательной."),
    "kpi_count": _l("В схеме должно быть от %(min)s до %(max)s KPI, сейчас %(count)s."),
    "money_negative": _l("Оклад и целевая премия не могут быть отрицательными."),
    "duplicate_key": _l("Коды KPI и коэффициентов в схеме должны быть разными."),
    "weight_not_positive": _l("Вес KPI «%(kpi)s» должен быть больше нуля."),
    "weights_sum": _l("Сумма весов KPI должна быть ровно 100 %%, сейчас %(total)s %%."),
}


def formula_message(error: FormulaError) -> str:
    """The translated message for a calculator error."""
    template = _FORMULA_MESSAGES.get(error.code)
    if template is None:
        return _("Ошибка в параметрах формулы: %(code)s", code=error.code)
    return str(template) % error.params if error.params else str(template).replace("%%", "%")


def domain_error(error: FormulaError, field: str | None = None) -> DomainError:
    """A calculator error as a domain error for a form field."""
    return DomainError(formula_message(error), field)


def source_label(source: str) -> str:
    """The fact source's name."""
    return str(SOURCE_LABELS.get(source, source))
