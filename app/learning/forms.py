"""Learning forms: they check shape only and hand plain values to the services."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class LessonEditForm(FlaskForm):
    """A trainer edits the Markdown of a lesson; the note explains the change in the history."""

    body = TextAreaField(_l("Текст урока (Markdown)"), validators=[DataRequired(), Length(max=200_000)])
    note = StringField(_l("Что изменено"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Сохранить версию"))


class NewLessonForm(FlaskForm):
    """A trainer adds a lesson at the end of a course."""

    slug = StringField(
        _l("Адрес урока"),
        validators=[DataRequired(), Length(max=100)],
        description=_l("Латиницей через дефис, например «closing-questions»; станет именем файла урока."),
    )
    body = TextAreaField(_l("Текст урока (Markdown)"), validators=[DataRequired(), Length(max=200_000)])
    submit = SubmitField(_l("Создать урок"))


class SubmissionForm(FlaskForm):
    """The new hire hands in a text for a submission step."""

    text = TextAreaField(_l("Ваш текст"), validators=[DataRequired(), Length(max=20_000)])
    submit = SubmitField(_l("Сдать на проверку"))


class CommentForm(FlaskForm):
    """The supervisor closes or reopens a step, optionally with a comment."""

    comment = StringField(_l("Комментарий"), validators=[Optional(), Length(max=1000)])
    next = HiddenField()
    submit = SubmitField(_l("Сохранить"))


class ConfirmForm(FlaskForm):
    """A bare POST with a CSRF token (buttons such as «Отметить как изученный»)."""
