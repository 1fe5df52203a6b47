"""Call forms: shape only; they hand plain data to the services."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    DateField,
    FloatField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.calls.intake import CallData
from app.calls.models import Direction, ManagerChannel


def _int_or_none(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


class UploadForm(FlaskForm):
    recordings = MultipleFileField(
        _l("Записи звонков"), description=_l("Один или несколько файлов: wav, mp3, ogg, m4a, flac, webm.")
    )
    manager_id = SelectField(_l("Менеджер"), coerce=_int_or_none, validators=[InputRequired()])
    call_date = DateField(_l("Дата звонка"), default=date.today, validators=[DataRequired()])
    call_time = TimeField(_l("Время"), validators=[Optional()])
    direction = SelectField(
        _l("Направление"),
        choices=[
            SelectChoice(Direction.OUTBOUND.value, _l("Исходящий")),
            SelectChoice(Direction.INBOUND.value, _l("Входящий")),
        ],
        default=Direction.OUTBOUND.value,
    )
    client_company = StringField(_l("Компания клиента"), validators=[Optional(), Length(max=200)])
    checklist_id = SelectField(_l("Чек-лист"), coerce=_int_or_none, validators=[InputRequired()])
    manager_channel = SelectField(
        _l("Канал менеджера"),
        choices=[
            SelectChoice(ManagerChannel.LEFT.value, _l("Левый канал (обычно для АТС)")),
            SelectChoice(ManagerChannel.RIGHT.value, _l("Правый канал")),
            SelectChoice(ManagerChannel.MONO.value, _l("Моно: определить по голосу")),
        ],
        default=ManagerChannel.LEFT.value,
        description=_l("Для стереозаписей: в каком канале голос менеджера."),
    )
    transcript_file = FileField(
        _l("Готовый транскрипт (JSON)"),
        description=_l("Вместо записи: один звонок, реплики менеджера и клиента с временем. Записи у звонка не будет."),
    )
    submit = SubmitField(_l("Загрузить и оценить"))

    def as_data(self) -> CallData:
        """The metadata as the intake service takes it."""
        return CallData(
            manager_id=self.manager_id.data,
            checklist_id=self.checklist_id.data,
            call_date=self.call_date.data,
            call_time=self.call_time.data,
            direction=Direction(self.direction.data),
            client_company=self.client_company.data,
            manager_channel=ManagerChannel(self.manager_channel.data),
        )


class OverrideForm(FlaskForm):
    item_id = HiddenField(validators=[DataRequired()])
    result = SelectField(
        _l("Вердикт"),
        choices=[
            SelectChoice("pass", _l("Выполнено")),
            SelectChoice("fail", _l("Не выполнено")),
            SelectChoice("na", _l("Неприменимо")),
        ],
    )
    reason = TextAreaField(_l("Причина"), validators=[DataRequired(message=_l("Укажите причину."))])
    submit = SubmitField(_l("Сохранить вердикт"))


class CommentForm(FlaskForm):
    text = TextAreaField(_l("Комментарий"), validators=[DataRequired(message=_l("Напишите текст.")), Length(max=4000)])
    at_seconds = FloatField(_l("Момент, с"), validators=[Optional(), NumberRange(min=0)])
    submit = SubmitField(_l("Добавить комментарий"))


class FinalizeForm(FlaskForm):
    summary = TextAreaField(_l("Итог прослушки"), validators=[Optional(), Length(max=4000)])
    submit = SubmitField(_l("Завершить прослушку"))


class ConfirmForm(FlaskForm):
    """A CSRF-protected POST without fields (retry)."""
