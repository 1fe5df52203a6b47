"""Sales plans and facts: CSV import (all rows or nothing, every error with its row and column) and manual entry.

CSV: a header row, then one row per person and month — ``email;month;plan;fact;comment`` (Russian headers
«почта;месяц;план;факт;комментарий» work too; ``;``, ``,`` or tab separated; UTF-8 or Windows-1251; an empty plan
or fact cell keeps the value already stored). Services flush; the caller commits.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.accounts.models import User
from app.accounts.permissions import can
from app.core.domain import DomainError
from app.extensions import db
from app.motivation.formulas import FormulaError, dec
from app.motivation.models import FrozenStatement, SalesImport, SalesRow
from app.motivation.periods import month_key, parse_month

MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000
COLUMNS = {
    "email": ("email", "e-mail", "почта", "эл. почта", "электронная почта"),
    "month": ("month", "period", "месяц", "период"),
    "plan": ("plan", "план"),
    "fact": ("fact", "факт"),
    "comment": ("comment", "комментарий"),
}


@dataclass(frozen=True)
class RowError:
    """One problem: the file row (header = 1), the column and what is wrong."""

    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Строка %(row)s, столбец «%(col)s»: %(msg)s", row=self.row, col=self.column, msg=self.message)
        return _("Строка %(row)s: %(msg)s", row=self.row, msg=self.message)


class SalesImportError(DomainError):
    """The file was refused; ``errors`` lists every problem found, nothing was stored."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(_("Файл не загружен: ошибок %(n)s, ни одна строка не сохранена.", n=len(errors)), "file")
        self.errors = errors


@dataclass(frozen=True)
class ParsedRow:
    """A valid row, ready to store."""

    row: int
    user: User
    period: date
    plan: Decimal | None
    fact: Decimal | None
    comment: str


def decode(data: bytes) -> str:
    """The text of an uploaded CSV; refuses what is not a text table (checked by content, not by name)."""
    if not data.strip():
        raise SalesImportError([RowError(1, None, _("файл пустой"))])
    if len(data) > MAX_BYTES:
        raise SalesImportError([RowError(1, None, _("файл больше 1 МБ"))])
    if data[:2] == b"PK":
        raise SalesImportError([RowError(1, None, _("это файл Excel; сохраните его как CSV (разделители — точка с "
                                                    "запятой) и загрузите снова"))])
    if b"\x00" in data:
        raise SalesImportError([RowError(1, None, _("это не текстовый CSV-файл"))])
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SalesImportError([RowError(1, None, _("не удалось прочитать кодировку (нужна UTF-8 или Windows-1251)"))])


def _header(names: list[str]) -> tuple[dict[str, int], list[RowError]]:
    found: dict[str, int] = {}
    for index, name in enumerate(names):
        clean = name.strip().lower()
        for column, aliases in COLUMNS.items():
            if clean in aliases and column not in found:
                found[column] = index
    errors = [RowError(1, None, _("нет столбца «%(c)s»", c=c)) for c in ("email", "month") if c not in found]
    if "plan" not in found and "fact" not in found:
        errors.append(RowError(1, None, _("нужен хотя бы один из столбцов «plan» и «fact»")))
    return found, errors


def _number(text: str, row: int, column: str, errors: list[RowError], positive: bool) -> Decimal | None:
    if not text.strip():
        return None
    try:
        value = dec(text)
    except FormulaError:
        errors.append(RowError(row, column, _("«%(v)s» — не число", v=text.strip())))
        return None
    if value < 0 or (positive and value == 0):
        errors.append(RowError(row, column, _("«%(v)s» — должно быть больше нуля", v=text.strip()) if positive
                               else _("«%(v)s» — не может быть отрицательным", v=text.strip())))
        return None
    return value


def _people_by_email(emails: set[str]) -> dict[str, User]:
    if not emails:
        return {}
    users = db.session.scalars(select(User).where(func.lower(User.email).in_(emails))).all()
    return {u.email.lower(): u for u in users}


def parse(text: str, actor: User) -> tuple[list[ParsedRow], list[RowError]]:
    """Every row checked; returns the good rows and every error (a row may have several)."""
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample.splitlines()[0], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = list(csv.reader(io.StringIO(text), dialect))
    columns, errors = _header(reader[0] if reader else [])
    if errors:
        return [], errors
    body = [(n, cells) for n, cells in enumerate(reader[1:], start=2) if any(c.strip() for c in cells)]
    if not body:
        return [], [RowError(2, None, _("в файле нет строк с данными"))]
    if len(body) > MAX_ROWS:
        return [], [RowError(MAX_ROWS + 2, None, _("больше %(n)s строк — разбейте файл", n=MAX_ROWS))]

    def cell(cells: list[str], name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    people = _people_by_email({cell(c, "email").lower() for _n, c in body})
    rows: list[ParsedRow] = []
    seen: dict[tuple[str, date], int] = {}
    for n, cells in body:
        email, month_text = cell(cells, "email").lower(), cell(cells, "month")
        person = people.get(email)
        if not email:
            errors.append(RowError(n, "email", _("пусто")))
        elif person is None or not person.active:
            errors.append(RowError(n, "email", _("сотрудника «%(e)s» нет в системе", e=email)))
        elif not can(actor, "review", person):
            errors.append(RowError(n, "email", _("«%(e)s» не в вашей команде", e=email)))
        try:
            period = parse_month(month_text)
        except ValueError:
            errors.append(RowError(n, "month", _("«%(v)s» — не месяц; пишите ГГГГ-ММ, например 2026-05", v=month_text)))
            period = None
        plan = _number(cell(cells, "plan"), n, "plan", errors, positive=True)
        fact = _number(cell(cells, "fact"), n, "fact", errors, positive=False)
        if not cell(cells, "plan") and not cell(cells, "fact"):
            errors.append(RowError(n, None, _("нет ни плана, ни факта")))
        if person is None or period is None:
            continue
        if (email, period) in seen:
            first = seen[(email, period)]
            errors.append(RowError(n, None, _("повтор строки %(r)s (тот же сотрудник и месяц)", r=first)))
        seen[(email, period)] = n
        if _is_frozen(person.id, period):
            errors.append(RowError(n, "month", _("месяц %(p)s уже утверждён — менять его нельзя", p=month_key(period))))
        rows.append(ParsedRow(n, person, period, plan, fact, cell(cells, "comment")[:500]))
    return (rows if not errors else []), errors


def _is_frozen(user_id: int, period: date) -> bool:
    return db.session.scalar(
        select(FrozenStatement.id).where(FrozenStatement.user_id == user_id, FrozenStatement.period == period)
    ) is not None


def import_csv(data: bytes, filename: str, actor: User) -> SalesImport:
    """Store every row of the file, or none: raises ``SalesImportError`` with all the problems found."""
    rows, errors = parse(decode(data), actor)
    if errors:
        raise SalesImportError(errors)
    batch = SalesImport(filename=(filename or "sales.csv")[-255:], sha256=hashlib.sha256(data).hexdigest(),
                        row_count=len(rows), uploaded_by_id=actor.id)
    db.session.add(batch)
    db.session.flush()
    for row in rows:
        db.session.add(SalesRow(import_id=batch.id, row_number=row.row, user_id=row.user.id, period=row.period,
                                plan=row.plan, fact=row.fact, comment=row.comment, entered_by_id=actor.id))
    db.session.flush()
    return batch


def enter_sales(person: User, period: date, plan: Decimal | None, fact: Decimal | None, comment: str,
                actor: User) -> SalesRow:
    """Type in a plan and/or fact for a person's month (the newest value wins)."""
    if not can(actor, "review", person):
        raise DomainError(_("Вносить продажи можно только за сотрудников своей команды."), "user_id")
    if plan is None and fact is None:
        raise DomainError(_("Укажите план, факт или оба."), "plan")
    if plan is not None and plan <= 0:
        raise DomainError(_("План должен быть больше нуля."), "plan")
    if fact is not None and fact < 0:
        raise DomainError(_("Факт не может быть отрицательным."), "fact")
    if _is_frozen(person.id, period):
        raise DomainError(_("Месяц %(p)s уже утверждён — менять его нельзя.", p=month_key(period)), "period")
    row = SalesRow(user_id=person.id, period=period, plan=plan, fact=fact, comment=(comment or "").strip()[:500],
                   entered_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    return row


def recent_imports(limit: int = 10) -> list[SalesImport]:
    """The latest accepted files."""
    return list(db.session.scalars(select(SalesImport).order_by(SalesImport.id.desc()).limit(limit)))


def import_rows(batch: SalesImport) -> list[SalesRow]:
    """The rows a file brought, in file order."""
    query = select(SalesRow).where(SalesRow.import_id == batch.id).order_by(SalesRow.row_number)
    return list(db.session.scalars(query))
