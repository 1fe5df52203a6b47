"""Motivation forms: shape only; they hand plain data to the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.accounts.models import Role, role_label
from app.motivation.facts import CONTEST_SOURCES, GATE_SOURCES, KPI_SOURCES
from app.motivation.formulas import SEEDS_BANDS, FormulaError, dec, format_bands
from app.motivation.labels import FORMULA_LABELS, GATE_KIND_LABELS, SOURCE_LABELS
from app.motivation.periods import parse_month
from app.motivation.schemes import GateData, KpiData, SchemeData

KPI_SLOTS, GATE_SLOTS = 5, 2


def options(pairs) -> list[SelectChoice]:  # type: ignore[no-untyped-def]
    """(value, label) pairs as select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def _int_or_none(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


class Number:
    """A decimal as people type it («1 200 000», «0,8»)."""

    def __call__(self, form, field) -> None:  # type: ignore[no-untyped-def]
        if field.data and str(field.data).strip():
            try:
                dec(field.data)
            except FormulaError as error:
                raise ValidationError(_l("Введите число, например 1 200 000 или 0,8.")) from error


class Month:
    """A month as ``2026-05``."""

    def __call__(self, form, field) -> None:  # type: ignore[no-untyped-def]
        if field.data and str(field.data).strip():
            try:
                parse_month(field.data)
            except ValueError as error:
                raise ValidationError(_l("Месяц в виде ГГГГ-ММ, например 2026-05.")) from error


def number_or_none(text: str | None) -> Decimal | None:
    """Parsed decimal (already validated by ``Number``) or None for an empty field."""
    return dec(text) if text and str(text).strip() else None


class KpiSubform(Form):
    name = StringField(_l("Название KPI"), validators=[Optional(), Length(max=200)])
    source = SelectField(_l("Источник факта"), choices=options((s, SOURCE_LABELS[s]) for s in KPI_SOURCES),
                         default=KPI_SOURCES[0])
    weight = StringField(_l("Вес, %"), validators=[Number()])
    plan = StringField(_l("План"), validators=[Number()],
                       description=_l("Для продаж план берётся у каждого сотрудника из загруженных данных."))
    formula = SelectField(_l("Формула"), choices=options(FORMULA_LABELS.items()), default="steps")
    bands = TextAreaField(_l("Ступени (по одной в строке)"), default=format_bands(SEEDS_BANDS),
                          render_kw={"rows": 5, "class": "font-monospace"},
                          description=_l("«[» и «]» — граница входит, «(» и «)» — не входит. Пример: [90; 100) → 0.8"))
    threshold = StringField(_l("Порог, %"), validators=[Number()])
    cap = StringField(_l("Потолок, %"), validators=[Number()])
    course_key = StringField(_l("Экзамен (код курса)"), validators=[Optional(), Length(max=80)],
                             description=_l("Для знания продукта: например, product."))
    mode = SelectField(_l("Как считать экзамены"), choices=options([
        ("best", _l("Лучший результат экзамена")), ("average", _l("Среднее попыток за месяц"))]), default="best")
    unit = SelectField(_l("Единица (для ручного KPI)"), choices=options([
        ("points", _l("баллы")), ("percent", "%"), ("count", _l("штуки")), ("rub", "₽")]), default="points")


class GateSubform(Form):
    name = StringField(_l("Название коэффициента"), validators=[Optional(), Length(max=200)])
    source = SelectField(_l("Источник"), choices=options((s, SOURCE_LABELS[s]) for s in GATE_SOURCES),
                         default=GATE_SOURCES[0])
    kind = SelectField(_l("Вид"), choices=options(GATE_KIND_LABELS.items()), default="passed")
    bands = TextAreaField(_l("Ступени коэффициента"), render_kw={"rows": 3, "class": "font-monospace"},
                          description=_l("По значению показателя, например: < 60 → 0.8 и ≥ 60 → 1"))
    pass_factor = StringField(_l("Если сдано, ×"), default="1", validators=[Number()])
    fail_factor = StringField(_l("Если не сдано, ×"), default="0", validators=[Number()])
    course_key = StringField(_l("Экзамен (код курса)"), validators=[Optional(), Length(max=80)])


class SchemeForm(FlaskForm):
    name = StringField(_l("Название схемы"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Для роли"))
    team_id = SelectField(_l("Для команды"), coerce=_int_or_none)
    valid_from = StringField(_l("С месяца"), validators=[DataRequired(), Month()], description="2026-05")
    valid_to = StringField(_l("По месяц (включительно)"), validators=[Optional(), Month()],
                           description=_l("Пусто — без срока."))
    base_salary = StringField(_l("Оклад, ₽"), validators=[DataRequired(), Number()])
    target_bonus = StringField(_l("Целевая премия, ₽"), validators=[DataRequired(), Number()],
                               description=_l("Сколько сотрудник получает при 100 % по всем KPI."))
    note = TextAreaField(_l("Комментарий"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 2})
    kpis = FieldList(FormField(KpiSubform), min_entries=KPI_SLOTS, max_entries=KPI_SLOTS)
    gates = FieldList(FormField(GateSubform), min_entries=GATE_SLOTS, max_entries=GATE_SLOTS)
    submit = SubmitField(_l("Сохранить схему"))

    def set_choices(self, teams: list) -> None:
        roles = [(r.value, role_label(r)) for r in (Role.SALES_MANAGER, Role.NEW_HIRE)]
        self.role.choices = options([("", _l("любая роль")), *roles])
        self.team_id.choices = options([("", _l("любая команда")), *((t.id, t.name) for t in teams)])

    def as_data(self) -> SchemeData:
        kpis = [
            KpiData(
                name=k.form.name.data or "", source=k.form.source.data, weight=k.form.weight.data or "0",
                plan=k.form.plan.data or "", formula=k.form.formula.data, bands=k.form.bands.data or "",
                threshold=k.form.threshold.data or "", cap=k.form.cap.data or "",
                options=_kpi_options(k.form),
            )
            for k in self.kpis if (k.form.name.data or "").strip()
        ]
        gates = [
            GateData(
                name=g.form.name.data or "", source=g.form.source.data, kind=g.form.kind.data,
                bands=g.form.bands.data or "", pass_factor=g.form.pass_factor.data or "1",
                fail_factor=g.form.fail_factor.data or "0",
                options={"course_key": g.form.course_key.data.strip()} if g.form.course_key.data else {},
            )
            for g in self.gates if (g.form.name.data or "").strip()
        ]
        return SchemeData(
            name=self.name.data, role=self.role.data or None, team_id=self.team_id.data,
            valid_from=parse_month(self.valid_from.data),
            valid_to=parse_month(self.valid_to.data) if self.valid_to.data else None,
            base_salary=self.base_salary.data, target_bonus=self.target_bonus.data, note=self.note.data or "",
            kpis=kpis, gates=gates,
        )


def _kpi_options(form: KpiSubform) -> dict[str, str]:
    options: dict[str, str] = {}
    if form.source.data == "product_knowledge":
        options["mode"] = form.mode.data
        if form.course_key.data:
            options["course_key"] = form.course_key.data.strip()
    if form.source.data == "manual":
        options["unit"] = form.unit.data
    return options


class SalesUploadForm(FlaskForm):
    file = FileField(_l("CSV-файл"), validators=[FileRequired()],
                     description=_l("Столбцы: email; month; plan; fact; comment. Кодировка UTF-8 или Windows-1251."))
    submit = SubmitField(_l("Загрузить"))


class SalesEntryForm(FlaskForm):
    user_id = SelectField(_l("Сотрудник"), coerce=_int_or_none, validators=[DataRequired()])
    period = StringField(_l("Месяц"), validators=[DataRequired(), Month()])
    plan = StringField(_l("План, ₽"), validators=[Number()])
    fact = StringField(_l("Факт, ₽"), validators=[Number()])
    comment = StringField(_l("Комментарий"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Сохранить"))


class ManualValueForm(FlaskForm):
    key = HiddenField(validators=[DataRequired()])
    value = StringField(_l("Значение"), validators=[DataRequired(), Number()])
    comment = TextAreaField(_l("На чём основано"), validators=[DataRequired(), Length(max=2000)],
                            render_kw={"rows": 2})
    submit = SubmitField(_l("Сохранить"))


class AttendanceForm(FlaskForm):
    worked_days = StringField(_l("Отработано дней"), validators=[DataRequired(), Number()])
    working_days = StringField(_l("Рабочих дней в месяце"), validators=[Number()],
                               description=_l("Пусто — будни месяца по календарю."))
    comment = StringField(_l("Комментарий"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Сохранить"))


class ReductionForm(FlaskForm):
    amount = StringField(_l("Сумма снижения, ₽"), validators=[DataRequired(), Number()])
    reason = TextAreaField(_l("Основание (приказ, дата, проступок)"), validators=[DataRequired(), Length(max=2000)],
                           render_kw={"rows": 2})
    submit = SubmitField(_l("Добавить снижение"))


class ContestForm(FlaskForm):
    title = StringField(_l("Название"), validators=[DataRequired(), Length(max=200)])
    source = SelectField(_l("Показатель"), choices=options((s, SOURCE_LABELS[s]) for s in CONTEST_SOURCES),
                         default=CONTEST_SOURCES[0])
    team_id = SelectField(_l("Команда"), coerce=_int_or_none)
    starts_on = DateField(_l("Начало"), default=date.today, validators=[DataRequired()])
    ends_on = DateField(_l("Окончание"), validators=[DataRequired()])
    prize = TextAreaField(_l("Приз"), validators=[DataRequired(), Length(max=2000)], render_kw={"rows": 2})
    submit = SubmitField(_l("Запустить конкурс"))


class ConfirmForm(FlaskForm):
    """CSRF-only form for buttons that change something."""
