"""Account forms: they validate shape and hand plain data to the services."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from app.accounts.models import Role, role_label
from app.accounts.services import MIN_PASSWORD_LENGTH, UserData


class EmailAddress:
    """Syntax check only: internal and reserved domains (``.example``, ``.test``) are fine for a company site."""

    def __call__(self, form, field) -> None:  # type: ignore[no-untyped-def]
        try:
            validate_email(
                field.data or "", check_deliverability=False, globally_deliverable=False, test_environment=True
            )
        except EmailNotValidError as error:
            raise ValidationError(_l("Некорректный email: %(reason)s", reason=str(error))) from error


def _int_or_none(value: object) -> int | None:
    return int(value) if value not in (None, "", "None") else None  # type: ignore[arg-type]


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Пароль"), validators=[DataRequired()])
    remember = BooleanField(_l("Запомнить меня"))
    submit = SubmitField(_l("Войти"))


class UserForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), EmailAddress(), Length(max=254)])
    full_name = StringField(_l("ФИО"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Роль"), validators=[DataRequired()])
    team_id = SelectField(_l("Команда"), coerce=_int_or_none, validators=[Optional()])
    hire_date = DateField(_l("Дата приёма"), validators=[Optional()])
    password = PasswordField(
        _l("Пароль (пусто — сгенерировать)"), validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH)]
    )
    submit = SubmitField(_l("Сохранить"))

    def set_choices(self, teams: list) -> None:
        self.role.choices = [(r.value, role_label(r)) for r in Role]
        self.team_id.choices = [(None, "—")] + [(t.id, t.name) for t in teams]

    def as_data(self) -> UserData:
        return UserData(
            email=self.email.data,
            full_name=self.full_name.data,
            role=Role(self.role.data),
            team_id=self.team_id.data,
            hire_date=self.hire_date.data,
        )


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Новый пароль (пусто — сгенерировать)"), validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH)]
    )
    submit = SubmitField(_l("Сбросить пароль"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Текущий пароль"), validators=[DataRequired()])
    new_password = PasswordField(_l("Новый пароль"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH)])
    confirm = PasswordField(
        _l("Повторите пароль"), validators=[DataRequired(), EqualTo("new_password", _l("Пароли не совпадают."))]
    )
    submit = SubmitField(_l("Сменить пароль"))


class TeamForm(FlaskForm):
    name = StringField(_l("Название"), validators=[DataRequired(), Length(max=120)])
    supervisor_id = SelectField(_l("Руководитель (РОП)"), coerce=_int_or_none, validators=[Optional()])
    submit = SubmitField(_l("Сохранить"))


class ConfirmForm(FlaskForm):
    """An empty form: a POST button protected by CSRF."""

    submit = SubmitField(_l("Подтвердить"))
