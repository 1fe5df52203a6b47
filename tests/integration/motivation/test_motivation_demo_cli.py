"""The demo seeder (idempotent, every demo manager gets a statement) and ``flask motivation import-sales``."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from app.extensions import db
from app.motivation.facts import sales_figures
from app.motivation.models import Contest, FrozenStatement, SalesImport
from app.motivation.periods import add_months, month_key, month_start
from app.motivation.statements import statement_for
from tests import factories as f


def _seed(today: date):  # type: ignore[no-untyped-def]
    from app.accounts import demo as accounts_demo
    from app.core.demo import DemoContext
    from app.motivation import demo

    ctx = DemoContext(password="demo-pass-123", today=today, echo=lambda _m: None)
    accounts_demo.seed(ctx)
    demo.seed(ctx)
    db.session.commit()
    return ctx


def test_demo_gives_every_manager_a_statement_and_is_idempotent(ctx):
    today = date.today()
    seeded = _seed(today)
    current, previous = month_start(today), add_months(month_start(today), -1)
    for key in ("anna", "dmitry", "elena", "pavel"):
        person = seeded.users[key]
        assert statement_for(person, current).statement is not None
        assert statement_for(person, previous).is_frozen
        assert statement_for(person, current).statement.line("sales").data["evidence"]
    assert _seed(today).created_any is False
    assert db.session.scalar(db.select(db.func.count(SalesImport.id))) == 2
    assert db.session.scalar(db.select(db.func.count(Contest.id))) == 1
    assert db.session.scalar(db.select(db.func.count(FrozenStatement.id))) == 4
    dmitry = statement_for(seeded.users["dmitry"], previous).statement.line("reductions")
    assert dmitry.data["capped_by"] == "law"


def test_hired_mid_month_pro_rates_and_before_hire_has_no_statement(ctx, people, months):
    admin = f.attach(people["admin"])
    f.manager_scheme(admin, valid_from=add_months(months["previous"], -1))
    anna = f.attach(people["anna"])
    anna.hire_date = months["previous"] + timedelta(days=14)
    db.session.commit()
    assert statement_for(anna, add_months(months["previous"], -1)).before_hire
    statement = statement_for(anna, months["previous"]).statement
    assert Decimal(0) < statement.coefficient < 1
    assert statement.base < Decimal(60000)


def test_cli_import_sales(app, runner, ctx, people, months, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text(f"email;month;plan;fact\nanna@example.test;{month_key(months['current'])};100;90\n",
                    encoding="utf-8")
    result = runner.invoke(args=["motivation", "import-sales", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 rows imported" in result.output
    assert sales_figures(people["anna"].id, months["current"])[1] == Decimal(90)
    bad = tmp_path / "bad.csv"
    bad.write_text(f"email;month;plan;fact\nnobody@example.test;{month_key(months['current'])};x;1\n", encoding="utf-8")
    result = runner.invoke(args=["motivation", "import-sales", str(bad)])
    assert result.exit_code == 1
    assert "Строка 2, столбец «email»" in result.output and "Строка 2, столбец «plan»" in result.output
