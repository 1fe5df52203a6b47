"""Skills and development-sheet forms: they validate shape and hand plain data to the services."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.skills.levels import Method
from app.skills.models import ActionKind, ActionStatus
from app.skills.sheet_actions import ActionData
from app.skills.sheets import Period


def method_label(method: str) -> str:
    """Human name of a level method."""
    from flask_babel import gettext as _

    return {
        Method.DECAYING.value: _("Затухающее среднее (свежие данные весят больше)"),
        Method.RECENT.value: _("Последнее подтверждение"),
        Method.HIGHEST.value: _("Лучший показанный уровень"),
        Method.N_TIMES.value: _("Уровень, подтверждённый N раз"),
    }[str(method)]


def kind_label(kind: str) -> str:
    """Human name of an action kind."""
    from flask_babel import gettext as _

    return {
        ActionKind.COURSE.value: _("Курс"),
        ActionKind.LESSON.value: _("Урок"),
        ActionKind.EXAM.value: _("Экзамен"),
        ActionKind.LIBRARY.value: _("Библиотека звонков"),
        ActionKind.ROLE_PLAY.value: _("Ролевая игра"),
        ActionKind.SIT_IN.value: _("Прослушка коллеги"),
        ActionKind.OTHER.value: _("Другое"),
    }[str(kind)]


def status_label(status: str) -> str:
    """Human name of an action status."""
    from flask_babel import gettext as _

    return {
        ActionStatus.PLANNED.value: _("запланировано"),
        ActionStatus.IN_PROGRESS.value: _("в работе"),
        ActionStatus.DONE.value: _("выполнено"),
        ActionStatus.CANCELLED.value: _("отменено"),
    }[str(status)]


class SkillForm(FlaskForm):
    title = StringField(_l("Название"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Описание"), validators=[Optional(), Length(max=2000)])
    level_1 = TextAreaField(_l("Уровень 1"), validators=[DataRequired(), Length(max=1000)])
    level_2 = TextAreaField(_l("Уровень 2"), validators=[DataRequired(), Length(max=1000)])
    level_3 = TextAreaField(_l("Уровень 3"), validators=[DataRequired(), Length(max=1000)])
    level_4 = TextAreaField(_l("Уровень 4"), validators=[DataRequired(), Length(max=1000)])
    level_5 = TextAreaField(_l("Уровень 5"), validators=[DataRequired(), Length(max=1000)])
    method = SelectField(_l("Как считать уровень"), validators=[DataRequired()])
    half_life_days = IntegerField(
        _l("Период полураспада, дней (для затухающего среднего)"), validators=[InputRequired(), NumberRange(1, 730)]
    )
    n_times = IntegerField(_l("N — сколько раз подтвердить уровень"), validators=[InputRequired(), NumberRange(1, 20)])
    weight_calls = DecimalField(
        _l("Вес: звонки (чек-лист)"), places=2, validators=[InputRequired(), NumberRange(0, 10)]
    )
    weight_exams = DecimalField(_l("Вес: экзамены"), places=2, validators=[InputRequired(), NumberRange(0, 10)])
    weight_ratings = DecimalField(
        _l("Вес: оценки руководителя"), places=2, validators=[InputRequired(), NumberRange(0, 10)]
    )
    submit = SubmitField(_l("Сохранить"))

    def set_choices(self) -> None:
        self.method.choices = [SelectChoice(m.value, method_label(m.value)) for m in Method]

    def fill(self, skill) -> None:  # type: ignore[no-untyped-def]
        """Pre-fill from a skill on GET."""
        self.title.data, self.description.data = skill.title, skill.description
        for level in range(1, 6):
            getattr(self, f"level_{level}").data = skill.descriptor(level)
        self.method.data = skill.method.value
        self.half_life_days.data, self.n_times.data = skill.half_life_days, skill.n_times
        self.weight_calls.data, self.weight_exams.data = skill.weight_calls, skill.weight_exams
        self.weight_ratings.data = skill.weight_ratings

    def as_data(self):  # type: ignore[no-untyped-def]
        from app.skills.framework import SkillData

        return SkillData(
            title=self.title.data or "",
            description=self.description.data or "",
            levels=[getattr(self, f"level_{level}").data or "" for level in range(1, 6)],
            method=self.method.data,
            half_life_days=int(self.half_life_days.data),
            n_times=int(self.n_times.data),
            weight_calls=float(self.weight_calls.data),
            weight_exams=float(self.weight_exams.data),
            weight_ratings=float(self.weight_ratings.data),
        )


class RatingForm(FlaskForm):
    level = SelectField(_l("Оценка"), coerce=int, choices=[SelectChoice(n, str(n)) for n in range(1, 6)])
    rated_on = DateField(_l("Дата наблюдения"), validators=[Optional()])
    comment = TextAreaField(
        _l("Что вы наблюдали"),
        validators=[DataRequired(), Length(max=2000)],
        render_kw={"rows": 3, "placeholder": _l("Например: на ролевой игре присоединился к возражению «дорого»…")},
    )
    submit = SubmitField(_l("Сохранить оценку"))


class DraftForm(FlaskForm):
    user_id = SelectField(_l("Сотрудник"), coerce=int, validators=[DataRequired()])
    period_start = DateField(_l("Начало периода"), validators=[DataRequired()])
    period_end = DateField(_l("Конец периода"), validators=[DataRequired()])
    submit = SubmitField(_l("Составить черновик"))

    def period(self) -> Period:
        return Period(self.period_start.data, self.period_end.data)


class SheetForm(FlaskForm):
    period_start = DateField(_l("Начало периода"), validators=[DataRequired()])
    period_end = DateField(_l("Конец периода"), validators=[DataRequired()])
    summary = TextAreaField(
        _l("Цель и итоги периода"), validators=[Optional(), Length(max=4000)], render_kw={"rows": 3}
    )
    submit = SubmitField(_l("Сохранить"))

    def period(self) -> Period:
        return Period(self.period_start.data, self.period_end.data)


class SheetSkillForm(FlaskForm):
    skill = SelectField(_l("Навык"), validators=[Optional()])
    target_level = SelectField(_l("Цель"), coerce=int, choices=[SelectChoice(n, str(n)) for n in range(1, 6)])
    note = StringField(_l("Комментарий"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Сохранить"))


class ActionForm(FlaskForm):
    kind = SelectField(_l("Тип"), validators=[DataRequired()])
    title = StringField(_l("Что сделать"), validators=[DataRequired(), Length(max=300)])
    skill_key = SelectField(_l("Навык"), validators=[Optional()])
    target_ref = StringField(
        _l("Ссылка на материал"),
        validators=[Optional(), Length(max=120)],
        description=_l("Курс — ключ курса, урок — «курс/урок», экзамен — ключ курса, библиотека — тег."),
    )
    due_date = DateField(_l("Срок"), validators=[Optional()])
    status = SelectField(_l("Статус"), validators=[DataRequired()])
    comment = StringField(_l("Комментарий"), validators=[Optional(), Length(max=1000)])
    submit = SubmitField(_l("Сохранить"))

    def set_choices(self, skills: list) -> None:
        self.kind.choices = [SelectChoice(k.value, kind_label(k.value)) for k in ActionKind]
        self.status.choices = [SelectChoice(s.value, status_label(s.value)) for s in ActionStatus]
        self.skill_key.choices = [SelectChoice("", "—")] + [SelectChoice(s.key, s.title) for s in skills]

    def fill(self, action) -> None:  # type: ignore[no-untyped-def]
        self.kind.data, self.title.data = action.kind.value, action.title
        self.skill_key.data = action.skill.key if action.skill else ""
        self.target_ref.data, self.due_date.data = action.target_ref or "", action.due_date
        self.status.data, self.comment.data = action.status.value, action.comment

    def as_data(self) -> ActionData:
        return ActionData(
            kind=self.kind.data,
            title=self.title.data or "",
            skill_key=self.skill_key.data or None,
            target_ref=(self.target_ref.data or "").strip() or None,
            due_date=self.due_date.data,
            status=self.status.data,
            comment=self.comment.data or "",
        )


class StatusForm(FlaskForm):
    status = HiddenField(validators=[DataRequired()])


class CommentForm(FlaskForm):
    text = TextAreaField(_l("Комментарий"), validators=[DataRequired(), Length(max=4000)], render_kw={"rows": 2})
    submit = SubmitField(_l("Добавить комментарий"))


class CloseForm(FlaskForm):
    note = TextAreaField(_l("Итог периода"), validators=[Optional(), Length(max=4000)], render_kw={"rows": 2})
    submit = SubmitField(_l("Закрыть лист"))


class ConfirmForm(FlaskForm):
    """An empty form: a POST button protected by CSRF."""

    submit = SubmitField(_l("Подтвердить"))
