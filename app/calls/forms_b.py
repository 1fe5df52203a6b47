"""Forms of the call list, library and rescoring: shape only, services decide."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from app.calls.library import FragmentData
from app.calls.library_models import ExampleKind


def _int_or_none(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


class LibraryMarkForm(FlaskForm):
    """Mark a call or a fragment of it as a good or bad example."""

    kind = RadioField(
        _l("Пример"),
        choices=[
            SelectChoice(ExampleKind.GOOD.value, _l("Хороший")),
            SelectChoice(ExampleKind.BAD.value, _l("Плохой")),
        ],
        default=ExampleKind.GOOD.value,
        validators=[DataRequired()],
    )
    title = StringField(_l("Название"), validators=[DataRequired(message=_l("Назовите пример.")), Length(max=200)])
    start = StringField(
        _l("Начало"), validators=[Optional(), Length(max=12)], description=_l("м:сс; пусто — весь звонок")
    )
    end = StringField(_l("Конец"), validators=[Optional(), Length(max=12)])
    tags = StringField(_l("Теги"), validators=[Optional(), Length(max=400)], description=_l("Через запятую"))
    note = TextAreaField(_l("Чему учит этот пример"), validators=[Optional(), Length(max=4000)])
    submit = SubmitField(_l("Сохранить в библиотеку"))

    def as_data(self) -> FragmentData:
        """The entry as the library service takes it."""
        return FragmentData(
            kind=self.kind.data,
            title=self.title.data or "",
            start=self.start.data or "",
            end=self.end.data or "",
            tags=self.tags.data or "",
            note=self.note.data or "",
        )


class RescorePeriodForm(FlaskForm):
    """Rescore every scored call of a checklist in a period."""

    checklist_id = SelectField(_l("Чек-лист"), coerce=_int_or_none, validators=[DataRequired()])
    date_from = DateField(_l("С"), validators=[DataRequired()])
    date_to = DateField(_l("По"), validators=[DataRequired()])
    include_reviewed = BooleanField(_l("Включая звонки, уже прослушанные руководителем"))
    submit = SubmitField(_l("Переоценить"))


class RescoreSelectionForm(FlaskForm):
    """Rescore the calls ticked in the list (ids come as repeated ``call_id`` values)."""

    include_reviewed = BooleanField(_l("Включая прослушанные"))


class DeleteForm(FlaskForm):
    """A CSRF-protected POST without fields."""
