"""Demo: the default skills framework, supervisor ratings and development sheets for every manager and new hire.

Runs after the calls and exams seeders, so the levels also rest on the demo calls and exam attempts. Every sheet is
drafted by :func:`app.skills.drafting.draft_sheet` (weakest skills, most-failed call items) and shared with the
employee; Анна Петрова has acknowledged hers and has a closed sheet for the previous month.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.core.demo import DemoContext
from app.extensions import db
from app.skills import drafting, sheets
from app.skills.framework import get_skill, import_defaults
from app.skills.models import ActionStatus, DevelopmentSheet, SheetComment, SheetStatus, SkillRating

LEARNERS = ("anna", "dmitry", "elena", "pavel", "kirill", "sofia")
SUPERVISOR = {
    "anna": "rop_corp",
    "dmitry": "rop_corp",
    "kirill": "rop_corp",
    "elena": "rop_ecom",
    "pavel": "rop_ecom",
    "sofia": "rop_ecom",
}

# person -> [(skill, days ago, level, what the supervisor observed)]
RATINGS: dict[str, list[tuple[str, int, int, str]]] = {
    "anna": [
        (
            "negotiation",
            40,
            3,
            "На встрече с «ТехноМаркетом» обменяла отсрочку платежа на объём, но скидку дала без условия.",
        ),
        (
            "negotiation",
            12,
            4,
            "Переговоры по тарифу межгорода: каждую уступку обменяла на срок договора, итог зафиксировала письмом.",
        ),
        (
            "product_knowledge",
            20,
            5,
            "Без подсказок объяснила клиенту интеграцию по API и посчитала выгоду фулфилмента с возвратами.",
        ),
        (
            "objection_handling",
            9,
            4,
            "На «у нас уже есть курьеры» присоединилась, уточнила, что не устраивает, и вышла на тестовую отправку.",
        ),
    ],
    "dmitry": [
        ("negotiation", 35, 2, "На «дорого» сразу предложил максимальную скидку, встречных условий не попросил."),
        ("objection_handling", 18, 2, "Спорил с клиентом о качестве текущего подрядчика, возражение не уточнил."),
        ("product_knowledge", 10, 3, "Тарифы по Москве знает, на вопрос о наложенном платеже ответил «уточню»."),
        ("closing", 5, 3, "Договорился о созвоне в четверг, но не уточнил, кто будет от клиента."),
    ],
    "elena": [
        (
            "value_presentation",
            28,
            4,
            "Презентовала доставку день в день через выгоду: «заказ приходит, пока покупатель не передумал».",
        ),
        ("negotiation", 14, 3, "Границы уступок знает, но отсрочку дала без встречного обязательства."),
        ("positioning", 7, 4, "Корректно признала сильные стороны СДЭК и показала наше отличие на возвратах."),
    ],
    "pavel": [
        ("needs_discovery", 30, 2, "Задал два ситуационных вопроса и сразу перешёл к презентации."),
        ("closing", 16, 2, "Закончил звонок фразой «пришлю предложение на почту» без даты следующего шага."),
        ("product_knowledge", 6, 3, "Уверенно рассказывает про последнюю милю, путается в сроках межгорода."),
    ],
    "kirill": [
        ("gatekeeper", 6, 2, "На ролевой игре начал рассказывать секретарю об услугах, до ЛПР не дошёл."),
        ("product_knowledge", 4, 2, "Путает тарифы срочной и обычной доставки документов."),
        ("opening", 2, 3, "Представляется и называет причину звонка, согласие продолжить не спрашивает."),
    ],
    "sofia": [
        ("gatekeeper", 10, 3, "Просит соединить с руководителем логистики, после первого отказа сдаётся."),
        ("needs_discovery", 5, 3, "Задаёт ситуационные и проблемные вопросы, извлекающих пока нет."),
        ("value_presentation", 3, 2, "Перечисляет характеристики без связки с выгодой клиента."),
    ],
}


def _moment(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def _rate(ctx: DemoContext) -> int:
    added = 0
    for key, rows in RATINGS.items():
        person = ctx.users.get(key)
        rater = ctx.users.get(SUPERVISOR[key])
        if person is None or db.session.scalar(select(SkillRating.id).where(SkillRating.user_id == person.id).limit(1)):
            continue
        for skill_key, days_ago, level, comment in rows:
            skill = get_skill(skill_key)
            if skill is None:
                continue
            db.session.add(
                SkillRating(
                    user_id=person.id,
                    skill_id=skill.id,
                    level=level,
                    comment=comment,
                    rated_on=ctx.today - timedelta(days=days_ago),
                    rated_by_id=rater.id if rater else None,
                )
            )
            added += 1
    db.session.flush()
    return added


def _has_sheet(user: User, period: sheets.Period, status: SheetStatus | None = None) -> bool:
    query = select(DevelopmentSheet.id).where(
        DevelopmentSheet.user_id == user.id, DevelopmentSheet.period_start == period.start
    )
    if status is not None:
        query = query.where(DevelopmentSheet.status == status)
    return db.session.scalar(query.limit(1)) is not None


def _closed_previous(ctx: DemoContext, person: User, author: User | None) -> None:
    """A sheet for the previous month: shared, acknowledged, mostly done, closed on its last day."""
    period = sheets.Period.month_of(ctx.today).previous()
    if _has_sheet(person, period):
        return
    sheet = drafting.draft_sheet(person, period, author, today=period.end)
    sheets.share_sheet(sheet)
    sheet.shared_at = _moment(period.start, 10)
    sheet.acknowledged_at = _moment(period.start + timedelta(days=1), 9)
    sheet.changed_at = sheet.shared_at
    for index, action in enumerate(sheet.actions):
        action.status = ActionStatus.DONE if index % 3 != 2 else ActionStatus.CANCELLED
        action.done_at = _moment(action.due_date or period.end, 17) if action.status == ActionStatus.DONE else None
    sheet.comments.append(
        SheetComment(
            author_id=person.id,
            created_at=_moment(period.start + timedelta(days=12), 18),
            text="Ролевую игру прошли, на встречах стало спокойнее с торгом.",
        )
    )
    sheets.close_sheet(sheet, author or person, "Цели по переговорам достигнуты, продолжаем работать над возражениями.")
    sheet.closed_at = _moment(period.end, 18)
    db.session.flush()


def _current(ctx: DemoContext, person: User, author: User | None, acknowledged: bool) -> None:
    """A drafted sheet for the current month, shared with the employee (optionally acknowledged)."""
    period = sheets.Period.month_of(ctx.today)
    if _has_sheet(person, period):
        return
    sheet = drafting.draft_sheet(person, period, author, today=ctx.today)
    sheets.share_sheet(sheet)
    if acknowledged:
        sheets.acknowledge(sheet, person)
        if sheet.actions:
            sheet.actions[0].status = ActionStatus.IN_PROGRESS
    db.session.flush()


def seed(ctx: DemoContext) -> None:
    """Framework, ratings and sheets (idempotent: existing rows are left alone)."""
    created = import_defaults()
    ratings = _rate(ctx)
    for key in LEARNERS:
        person = ctx.users.get(key)
        if person is None:
            continue
        author = ctx.users.get(SUPERVISOR[key])
        if key == "anna":
            _closed_previous(ctx, person, author)
        _current(ctx, person, author, acknowledged=key == "anna")
    if created or ratings:
        ctx.created_any = True
        ctx.echo(f"Skills: {len(created)} skills, {ratings} supervisor ratings, development sheets for the team.")
