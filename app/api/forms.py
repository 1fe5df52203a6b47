"""API token admin form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional


class TokenForm(FlaskForm):
    name = StringField(
        _l("Имя токена"),
        validators=[DataRequired(), Length(max=80)],
        description=_l("Например, mango-pbx или amocrm-2026."),
    )
    integration = StringField(
        _l("Интеграция"),
        validators=[Optional(), Length(max=80)],
        description=_l("Пусто — как имя. Новый токен той же интеграции видит её прежние звонки."),
    )
    submit = SubmitField(_l("Создать токен"))


class ConfirmForm(FlaskForm):
    """A CSRF-protected POST without fields (revoke / restore)."""
