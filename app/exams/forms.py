"""Exams forms: they check shape; the services decide. Answer fields of an attempt are read by ``answer_fields``."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from werkzeug.datastructures import MultiDict
from wtforms import FloatField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional


class ConfirmForm(FlaskForm):
    """An empty form: a POST button protected by CSRF."""

    submit = SubmitField(_l("Подтвердить"))


class GiftUploadForm(FlaskForm):
    file = FileField(_l("Файл GIFT (.gift или .txt, UTF-8)"), validators=[FileRequired()])
    category = StringField(_l("Категория для вопросов без $CATEGORY"), validators=[Optional(), Length(max=255)])
    submit = SubmitField(_l("Импортировать"))


class QuestionForm(FlaskForm):
    category = StringField(_l("Категория (путь, например spin/types)"), validators=[DataRequired(), Length(max=255)])
    gift = TextAreaField(_l("Вопрос в формате GIFT"), validators=[DataRequired(), Length(max=20000)])
    preview = SubmitField(_l("Предпросмотр"))
    save = SubmitField(_l("Сохранить"))


class GradeForm(FlaskForm):
    points = FloatField(_l("Баллы"), validators=[InputRequired(), NumberRange(min=0)])
    comment = TextAreaField(_l("Комментарий для сотрудника"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Сохранить оценку"))


def answer_fields(form: MultiDict[str, str], slot_id: int) -> dict[str, list[str]] | None:
    """Fields of one question in a submitted attempt form (``q<slot>`` and ``q<slot>_m<i>``); None if absent."""
    prefix = f"q{slot_id}"
    marker = f"{prefix}__present"  # every question renders it, so "nothing ticked" still counts as an answer
    fields: dict[str, list[str]] = {}
    for name in form:
        if name == prefix:
            fields[""] = form.getlist(name)
        elif name.startswith(prefix + "_") and name != marker:
            fields[name[len(prefix) + 1 :]] = form.getlist(name)
    if not fields and marker not in form:
        return None
    return fields


def json_fields(payload: Any) -> tuple[int, dict[str, list[str]]]:
    """Autosave JSON ``{"slot": id, "fields": {"": [...], "m0": [...]}}`` -> (slot id, fields); ValueError if bad."""
    if not isinstance(payload, dict) or not isinstance(payload.get("slot"), int):
        raise ValueError("slot")
    raw = payload.get("fields")
    if not isinstance(raw, dict):
        raise ValueError("fields")
    fields = {}
    for key, values in raw.items():
        if not isinstance(key, str) or not isinstance(values, list) or len(values) > 100:
            raise ValueError("fields")
        fields[key] = [str(v)[:20000] for v in values]
    return payload["slot"], fields
