"""Sales CSV import: every error names its row and column, and a file with any bad row stores nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.extensions import db
from app.motivation import sales
from app.motivation.facts import sales_figures
from app.motivation.models import SalesImport, SalesRow
from app.motivation.periods import month_key
from tests import factories as f


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return "\n".join(lines).encode(encoding)


@pytest.fixture
def actor(ctx, people):
    return f.attach(people["supervisor"])


def test_good_file_is_stored_row_by_row(actor, people, months):
    m = month_key(months["current"])
    data = csv_bytes("email;month;plan;fact;comment", f"anna@example.test;{m};1 200 000;1 080 000;",
                     f"BORIS@example.test;{m};1 000 000,50;;факт позже")
    batch = sales.import_csv(data, "crm-may.csv", actor)
    db.session.commit()
    assert batch.row_count == 2
    plan, fact, rows = sales_figures(people["anna"].id, months["current"])
    assert (plan, fact) == (Decimal(1200000), Decimal(1080000)) and rows[0].row_number == 2
    plan, fact, _rows = sales_figures(people["boris"].id, months["current"])
    assert plan == Decimal("1000000.50") and fact is None


def test_russian_headers_comma_separator_and_windows_1251(actor, people, months):
    m = month_key(months["current"])
    data = csv_bytes("Почта,Месяц,План,Факт,Комментарий", f'anna@example.test,{m},"1200000","900000",Тест',
                     encoding="cp1251")
    sales.import_csv(data, "выгрузка.csv", actor)
    assert sales_figures(people["anna"].id, months["current"])[1] == Decimal(900000)


def test_bad_rows_are_all_reported_with_row_and_column_and_nothing_is_stored(actor, people, months):
    m = month_key(months["current"])
    data = csv_bytes(
        "email;month;plan;fact",
        f"anna@example.test;{m};1200000;1080000",  # fine, but must not be stored either
        f"nobody@example.test;{m};100;50",
        "boris@example.test;2026-13;100;50",
        f"boris@example.test;{m};сто;-5",
        f"other@example.test;{m};100;50",
        f"anna@example.test;{m};;",
    )
    with pytest.raises(sales.SalesImportError) as error:
        sales.import_csv(data, "bad.csv", actor)
    found = {(e.row, e.column) for e in error.value.errors}
    assert {(3, "email"), (4, "month"), (5, "plan"), (5, "fact"), (6, "email"), (7, None)} <= found
    assert (2, "email") not in found
    messages = [str(e) for e in error.value.errors]
    assert any("Строка 5, столбец «plan»: «сто» — не число" in m for m in messages)
    assert any("Строка 6" in m and "не в вашей команде" in m for m in messages)
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(SalesRow.id))) == 0
    assert db.session.scalar(db.select(db.func.count(SalesImport.id))) == 0


def test_duplicate_person_and_month_in_one_file(actor, months):
    m = month_key(months["current"])
    data = csv_bytes("email;month;fact", f"anna@example.test;{m};1", f"anna@example.test;{m};2")
    with pytest.raises(sales.SalesImportError) as error:
        sales.import_csv(data, "dup.csv", actor)
    assert [(e.row, "повтор строки 2" in e.message) for e in error.value.errors] == [(3, True)]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "пустой"),
        (b"PK\x03\x04 excel", "Excel"),
        (b"email;month\x00;plan", "не текстовый"),
        ("name;sum\nАнна;1".encode(), "нет столбца «email»"),
        (b"email;month\nanna@example.test;2026-01", "plan"),
        (b"email;month;plan\n", "нет строк"),
    ],
)
def test_files_that_are_not_sales_tables_are_refused(actor, data, fragment):
    with pytest.raises(sales.SalesImportError) as error:
        sales.import_csv(data, "x.csv", actor)
    assert fragment in str(error.value.errors[0])
    assert error.value.errors[0].row == 1 or "нет строк" in fragment


def test_admin_may_import_for_anyone(ctx, people, months):
    m = month_key(months["current"])
    sales.import_csv(csv_bytes("email;month;fact", f"other@example.test;{m};5"), "all.csv", f.attach(people["admin"]))
    assert sales_figures(people["other"].id, months["current"])[1] == Decimal(5)


def test_manual_entry_checks_scope_and_values(actor, people, months):
    anna, other = f.attach(people["anna"]), f.attach(people["other"])
    with pytest.raises(Exception, match="своей команды"):
        sales.enter_sales(other, months["current"], Decimal(1), None, "", actor)
    with pytest.raises(Exception, match="План, факт или оба|Укажите план"):
        sales.enter_sales(anna, months["current"], None, None, "", actor)
    row = sales.enter_sales(anna, months["current"], Decimal(100), Decimal(90), "со слов РОПа", actor)
    assert row.import_id is None and sales_figures(anna.id, months["current"])[:2] == (Decimal(100), Decimal(90))
