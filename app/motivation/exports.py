"""Payroll exports of a team's month: CSV (UTF-8 with BOM, «;», decimal comma — opens as numbers in Russian
Excel and 1C) and XLSX (real numbers with a money format)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.motivation.periods import month_key
from app.motivation.statements import StatementView

Cell = str | Decimal | None


def table(views: list[StatementView]) -> tuple[list[str], list[list[Cell]]]:
    """Header and one row per person: base, every KPI, gates, reductions, total."""
    kpi_names: dict[str, str] = {}
    for view in views:
        for line in view.statement.lines if view.statement else []:
            if line.kind == "kpi":
                kpi_names.setdefault(line.key, line.name)
    header = [_("ФИО"), _("Email"), _("Команда"), _("Месяц"), _("Схема"), _("Статус"), _("Оклад")]
    header += [_("KPI: %(name)s", name=name) for name in kpi_names.values()]
    header += [_("Коэффициенты"), _("Снижения"), _("Премия"), _("Итого к начислению")]
    rows: list[list[Cell]] = []
    for view in views:
        if view.statement is None:
            continue
        statement = view.statement
        amounts = {line.key: line.amount for line in statement.lines}
        gates = sum((ln.amount for ln in statement.lines if ln.kind == "gate"), Decimal(0))
        row: list[Cell] = [
            view.user.full_name, view.user.email, view.user.team.name if view.user.team else "",
            month_key(view.period), statement.scheme, _("утверждена") if view.is_frozen else _("открыта"),
            statement.base,
        ]
        row += [amounts.get(key, Decimal(0)) for key in kpi_names]
        row += [gates, -statement.reductions, statement.bonus - statement.reductions, statement.total]
        rows.append(row)
    return header, rows


def _csv_cell(value: Cell) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return value or ""


def to_csv(header: list[str], rows: list[list[Cell]]) -> bytes:
    """CSV for payroll: UTF-8 with BOM, «;» separated, amounts with two decimals and a decimal comma."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_csv_cell(cell) for cell in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(header: list[str], rows: list[list[Cell]], title: str) -> bytes:
    """A one-sheet workbook; amounts are numbers formatted as roubles with kopecks."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column in range(1, len(header) + 1):
        letter = get_column_letter(column)
        width = max(len(str(c.value or "")) for c in sheet[letter])
        sheet.column_dimensions[letter].width = min(max(width + 2, 10), 40)
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, Decimal | int | float):
                cell.number_format = "#,##0.00"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
