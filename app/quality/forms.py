"""Quality forms: shape only; they hand plain data to the services."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    FloatField,
    Form,
    FormField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from app.quality.editor import NA_PRESETS, ItemData
from app.quality.item_spec import KINDS, DetectForm, Row
from scoring.checklist import SKILLS
from scoring.classifiers import TASK_LABELS
from scoring.detectors.metric import METRICS

SLUG = Regexp(r"^[a-z][a-z0-9_]{0,63}$", message=_l("Латиница в нижнем регистре, цифры и «_», начинается с буквы."))
SKILL_NAMES = {
    "gatekeeper": _l("Прохождение секретаря"),
    "opening": _l("Установление контакта"),
    "needs_discovery": _l("Выявление потребностей"),
    "value_presentation": _l("Презентация, язык пользы"),
    "positioning": _l("Позиционирование"),
    "objection_handling": _l("Работа с возражениями"),
    "closing": _l("Закрытие, следующий шаг"),
    "negotiation": _l("Переговоры"),
    "product_knowledge": _l("Знание продукта"),
}
KIND_NAMES = {
    "phrases": _l("Фразы"),
    "classifier": _l("Классификатор"),
    "metric": _l("Метрика"),
    "order": _l("Порядок пунктов"),
    "yaml": _l("Другое (YAML)"),
}


class NewChecklistForm(FlaskForm):
    key = StringField(
        _l("Ключ (латиница)"), validators=[DataRequired(), SLUG], description=_l("Например: inbound_call")
    )
    title = StringField(_l("Название"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Создать чек-лист"))


class HeaderForm(FlaskForm):
    title = StringField(_l("Название чек-листа"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Описание"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 2})
    submit = SubmitField(_l("Сохранить"))


class SectionForm(FlaskForm):
    section_id = StringField(_l("id раздела"), validators=[DataRequired(), SLUG])
    title = StringField(_l("Название раздела"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Добавить раздел"))


class RenameSectionForm(FlaskForm):
    title = StringField(_l("Название раздела"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Переименовать"))


_TEXT_FIELDS = ("kind", "phrases", "speaker", "part", "task", "labels", "metric", "sequence", "extra", "raw")


class DetectorForm(Form):
    """One detector row (no CSRF of its own: it lives inside the item form)."""

    kind = SelectField(_l("Вид"), choices=[SelectChoice(k, KIND_NAMES[k]) for k in KINDS])
    phrases = TextAreaField(_l("Фразы (по одной на строку)"), render_kw={"rows": 4})
    speaker = SelectField(
        _l("Кто говорит"),
        validate_choice=False,
        choices=[
            SelectChoice("", _l("по умолчанию")),
            SelectChoice("manager", _l("менеджер")),
            SelectChoice("client", _l("клиент")),
            SelectChoice("any", _l("любой")),
        ],
    )
    part = SelectField(
        _l("Часть звонка"),
        validate_choice=False,
        choices=[
            SelectChoice("", _l("весь звонок")),
            SelectChoice("gatekeeper", _l("разговор с секретарём")),
            SelectChoice("dm", _l("разговор с ЛПР")),
        ],
    )
    within_seconds = FloatField(_l("В первые N секунд"), validators=[Optional(), NumberRange(min=0)])
    within_turns = IntegerField(_l("В первые N реплик"), validators=[Optional(), NumberRange(min=1)])
    from_end_seconds = FloatField(_l("В последние N секунд"), validators=[Optional(), NumberRange(min=0)])
    from_end_turns = IntegerField(_l("В последние N реплик"), validators=[Optional(), NumberRange(min=1)])
    must_not = BooleanField(_l("Не должно прозвучать"))
    min_count = IntegerField(_l("Не меньше раз"), validators=[Optional(), NumberRange(min=1)])
    task = SelectField(_l("Классификатор"), choices=[SelectChoice(t, t) for t in TASK_LABELS], validate_choice=False)
    labels = StringField(_l("Метки (через запятую)"))
    exclude = BooleanField(_l("Любая метка, кроме указанных"))
    min_prob = FloatField(_l("Минимальная вероятность"), validators=[Optional(), NumberRange(min=0, max=1)])
    metric = SelectField(_l("Метрика"), choices=[SelectChoice(m, m) for m in METRICS], validate_choice=False)
    minimum = FloatField(_l("Не меньше"), validators=[Optional()])
    maximum = FloatField(_l("Не больше"), validators=[Optional()])
    sequence = StringField(_l("id пунктов по порядку (через запятую)"))
    min_present = IntegerField(_l("Сколько шагов должно быть"), validators=[Optional(), NumberRange(min=1)])
    extra = TextAreaField(_l("Дополнительные параметры (YAML)"), render_kw={"rows": 2})
    raw = TextAreaField(_l("Детектор в YAML"), render_kw={"rows": 4})

    def as_row(self) -> Row:
        """The row as plain values."""
        values = {name: self[name].data for name in Row.__slots__}  # type: ignore[attr-defined]
        for name, value in values.items():
            if value is None and name in _TEXT_FIELDS:
                values[name] = ""
        return Row(**values)


class ItemForm(FlaskForm):
    id = StringField(_l("id пункта"), validators=[DataRequired(), SLUG])
    title = StringField(_l("Название"), validators=[DataRequired(), Length(max=300)])
    description = TextAreaField(_l("Описание"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 2})
    weight = FloatField(_l("Вес"), default=1, validators=[InputRequired(), NumberRange(min=0.01, max=1000)])
    critical = BooleanField(_l("Критичный (провал пункта — провал звонка)"))
    skill = SelectField(_l("Навык"), choices=[SelectChoice(s, SKILL_NAMES[s]) for s in SKILLS])
    section = SelectField(_l("Раздел"))
    na_rule = SelectField(
        _l("Когда пункт применим"),
        choices=[
            SelectChoice("always", _l("Всегда")),
            SelectChoice("dm", _l("Если дозвонился до ЛПР")),
            SelectChoice("gatekeeper", _l("Если трубку взял секретарь")),
            SelectChoice("custom", _l("Своё условие (YAML)")),
        ],
    )
    na_custom = TextAreaField(_l("Условие применимости (YAML)"), render_kw={"rows": 2})
    combine = SelectField(
        _l("Как сочетать детекторы"),
        choices=[SelectChoice("all", _l("Все должны сработать")), SelectChoice("any", _l("Достаточно одного"))],
    )
    detectors = FieldList(FormField(DetectorForm), min_entries=0)
    submit = SubmitField(_l("Сохранить пункт"))

    def detect_form(self) -> DetectForm:
        """The detector rows as plain data."""
        return DetectForm(self.combine.data or "all", [entry.form.as_row() for entry in self.detectors])

    def applies_when(self):  # type: ignore[no-untyped-def]
        """The N/A rule as data (``ValueError`` with a message when the custom YAML does not read)."""
        import yaml

        if self.na_rule.data != "custom":
            return NA_PRESETS.get(self.na_rule.data)
        text = (self.na_custom.data or "").strip()
        if not text:
            return None
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise ValueError(str(error)) from error

    def as_item(self, detect, applies_when) -> ItemData:  # type: ignore[no-untyped-def]
        """The item the form describes."""
        return ItemData(
            self.id.data.strip(),
            self.title.data.strip(),
            (self.description.data or "").strip(),
            float(self.weight.data),
            bool(self.critical.data),
            self.skill.data,
            self.section.data,
            applies_when,
            detect,
        )


class YamlForm(FlaskForm):
    yaml_text = TextAreaField(
        _l("YAML черновика"), validators=[DataRequired()], render_kw={"rows": 30, "spellcheck": "false"}
    )
    submit = SubmitField(_l("Сохранить YAML"))


class PublishForm(FlaskForm):
    note = StringField(_l("Что изменилось (для истории версий)"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Опубликовать"))


class ConfirmForm(FlaskForm):
    """An empty form: a POST button protected by CSRF."""

    submit = SubmitField(_l("Подтвердить"))


class TryForm(FlaskForm):
    call_id = SelectField(_l("Звонок"), coerce=lambda v: int(v) if v not in (None, "", "None") else None)
    transcript_json = TextAreaField(
        _l("…или вставьте транскрипт (JSON)"),
        validators=[Optional(), Length(max=2_000_000)],
        render_kw={"rows": 5, "spellcheck": "false"},
        description=_l('Формат: {"segments": [{"speaker": "manager", "start": 0, "end": 3, "text": "…"}]}'),
    )
    submit = SubmitField(_l("Проверить"))


class TryRunForm(FlaskForm):
    limit = IntegerField(_l("Последних звонков"), default=30, validators=[InputRequired(), NumberRange(min=1, max=500)])
    submit = SubmitField(_l("Пересчитать в фоне"))


class LabelForm(FlaskForm):
    label = SelectField(_l("Метка"), validate_choice=True)


class RetrainForm(FlaskForm):
    submit = SubmitField(_l("Переобучить"))


class CalibrationForm(FlaskForm):
    call_id = IntegerField(_l("Номер звонка"), validators=[InputRequired(), NumberRange(min=1)])
    title = StringField(_l("Название сессии"), validators=[Optional(), Length(max=200)])
    reviewers = SelectMultipleField(_l("Кто оценивает (вслепую)"), coerce=int, validators=[DataRequired()])
    submit = SubmitField(_l("Создать сессию калибровки"))
