"""Demo motivation for «СтрелаЭкспресс»: schemes for managers and new hires, sales for two months (as CSV imports),
manual CRM-discipline values, an approved previous month and a running contest. Idempotent; runs after every
other seeder so statements are computed from the demo calls and exam attempts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.accounts.models import User
from app.core.demo import DemoContext
from app.extensions import db
from app.motivation import entries, sales
from app.motivation.dashboard import ContestData, create_contest
from app.motivation.models import Contest, ManualValue, SalesImport, Scheme
from app.motivation.periods import add_months, month_end, month_key, month_start
from app.motivation.schemes import GateData, KpiData, SchemeData, save_scheme, scheme_for
from app.motivation.statements import close_for, freeze_team

SEEDS_BANDS = "< 80 → 0\n[80; 90) → 0.5\n[90; 100) → 0.8\n[100; 120) → 1\n≥ 120 → 1.2"
MANAGERS, NEW_HIRES = "Менеджеры по продажам", "Стажёры: первые три месяца"

# person key -> (plan, fact) for the previous and the current month (roubles)
SALES = {
    "anna": (("1200000", "1236000"), ("1200000", "1080000")),
    "dmitry": (("1000000", "905000"), ("1000000", "1150000")),
    "elena": (("900000", "1098000"), ("900000", "760000")),
    "pavel": (("800000", "612000"), ("800000", "520000")),
}
# person key -> CRM order score (0-100) and the supervisor's comment, previous and current month
CRM = {
    "anna": ((95, "Все сделки и звонки заведены в день контакта"), (90, "Два звонка внесены с опозданием на день")),
    "dmitry": ((70, "Следующие шаги не заполнены у трети сделок"), (85, "Стал заполнять следующие шаги")),
    "elena": ((100, "Образцовая карточка клиента"), (100, "Без замечаний")),
    "pavel": ((40, "Половина сделок без этапа воронки"), (60, "Этапы проставлены, нет следующих шагов")),
}


def _managers_scheme(start: date) -> SchemeData:
    return SchemeData(
        name=MANAGERS, role="sales_manager", team_id=None, valid_from=start, valid_to=None,
        base_salary="60000", target_bonus="40000",
        note="Оклад 60 000 ₽, целевая премия 40 000 ₽ при 100 % по всем KPI. Пороги плана: 80 / 90 / 100 / 120 %.",
        kpis=[
            KpiData("План продаж", "sales", "50", formula="steps", bands=SEEDS_BANDS),
            KpiData("Качество звонков", "call_quality", "25", plan="80", formula="linear", cap="120"),
            KpiData("Знание продукта", "product_knowledge", "15", plan="100", formula="threshold", threshold="70",
                    cap="100", options={"course_key": "product", "mode": "best"}),
            KpiData("Порядок в CRM", "manual", "10", plan="100", formula="steps",
                    bands="< 60 → 0\n[60; 90) → 0.5\n≥ 90 → 1", options={"unit": "points"}),
        ],
        gates=[GateData("Коэффициент качества звонков", "call_quality", "bands", bands="< 60 → 0.8\n≥ 60 → 1")],
    )


def _new_hires_scheme(start: date) -> SchemeData:
    return SchemeData(
        name=NEW_HIRES, role="new_hire", team_id=None, valid_from=start, valid_to=None,
        base_salary="45000", target_bonus="15000",
        note="Для стажёров главное — пройти адаптацию в срок и выучить продукт.",
        kpis=[
            KpiData("Адаптация в срок", "onboarding", "50", plan="100", formula="linear", cap="100"),
            KpiData("Знание продукта", "product_knowledge", "30", plan="100", formula="threshold", threshold="70",
                    cap="100", options={"course_key": "product", "mode": "best"}),
            KpiData("Первые звонки", "call_quality", "20", plan="70", formula="linear", cap="100"),
        ],
    )


def _ensure_scheme(data: SchemeData, actor: User) -> bool:
    if db.session.scalar(select(Scheme.id).where(Scheme.name == data.name)) is not None:
        return False
    save_scheme(None, data, actor)
    return True


def _import_sales(ctx: DemoContext, period: date, index: int, actor: User) -> bool:
    filename = f"crm-sales-{month_key(period)}.csv"
    if db.session.scalar(select(SalesImport.id).where(SalesImport.filename == filename)) is not None:
        return False
    lines = ["email;month;plan;fact;comment"]
    for key, months in SALES.items():
        plan, fact = months[index]
        lines.append(f"{ctx.users[key].email};{month_key(period)};{plan};{fact};выгрузка из CRM")
    sales.import_csv("\n".join(lines).encode("utf-8"), filename, actor)
    return True


def _manual_values(ctx: DemoContext, period: date, index: int) -> None:
    for key, months in CRM.items():
        person = ctx.users[key]
        scheme = scheme_for(person, period)
        exists = db.session.scalar(select(ManualValue.id).where(ManualValue.user_id == person.id,
                                                                ManualValue.period == period))
        if scheme is None or exists is not None:
            continue
        supervisor = person.team.supervisor if person.team else ctx.users["admin"]
        value, comment = months[index]
        entries.set_manual_value(person, period, "manual", Decimal(value), comment, supervisor, scheme)


def _contest(ctx: DemoContext, current: date) -> bool:
    title = "Звонок месяца: лучшее качество разговоров"
    if db.session.scalar(select(Contest.id).where(Contest.title == title)) is not None:
        return False
    rop = ctx.users["rop_corp"]
    data = ContestData(title, "call_quality", ctx.users["anna"].team_id, current, month_end(current),
                       "Билеты в театр на двоих и место на парковке у входа на месяц")
    create_contest(data, rop)
    return True


def seed(ctx: DemoContext) -> None:
    """Add the demo motivation unless it is there."""
    current = month_start(ctx.today)
    previous = add_months(current, -1)
    admin = ctx.users["admin"]
    created = _ensure_scheme(_managers_scheme(previous), admin)
    created |= _ensure_scheme(_new_hires_scheme(previous), admin)
    created |= _import_sales(ctx, previous, 0, admin)
    created |= _import_sales(ctx, current, 1, admin)
    _manual_values(ctx, previous, 0)
    _manual_values(ctx, current, 1)
    dmitry = ctx.users["dmitry"]
    if not entries.reductions_of(dmitry, previous) and dmitry.team is not None:
        entries.add_reduction(dmitry, previous, Decimal(20000), "Выговор (приказ № 14): неявка на встречу с клиентом "
                              "без предупреждения", dmitry.team.supervisor or admin)
    elena = ctx.users["elena"]
    if entries.attendance_of(elena, previous) is None and elena.team is not None:
        entries.set_attendance(elena, previous, Decimal(17), None, "Отпуск 3 дня", elena.team.supervisor or admin)
    db.session.flush()
    for key in ("rop_corp", "rop_ecom"):
        rop = ctx.users[key]
        team_id = ctx.users["anna" if key == "rop_corp" else "elena"].team_id
        if close_for(team_id, previous) is None:
            freeze_team(team_id, previous, rop, ctx.today)
            created = True
    created |= _contest(ctx, current)
    db.session.flush()
    if created:
        ctx.created_any = True
        ctx.echo(f"Motivation: schemes «{MANAGERS}» and «{NEW_HIRES}», sales for {month_key(previous)} and "
                 f"{month_key(current)}, {month_key(previous)} approved, a running contest.")
