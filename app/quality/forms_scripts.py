"""Forms for call scripts and the objection library: they check shape and hand plain data to the services."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    Form,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    widgets,
)
from wtforms.fields import FieldList
from wtforms.validators import DataRequired, Length, Optional

from app.quality.objection_models import Objection
from app.quality.objections import CATEGORY_LABELS, SKILLS, STEPS, content_of

KEY_HINT = _l("латиница в нижнем регистре, цифры и «_»; не меняется")


class ConfirmForm(FlaskForm):
    """An empty form: only the CSRF token (for post buttons)."""


class AnswerForm(Form):
    """One approved answer: the four steps."""

    acknowledge = TextAreaField(_l("1. Присоединиться"), validators=[Optional(), Length(max=2000)])
    clarify = TextAreaField(_l("2. Уточняющий вопрос"), validators=[Optional(), Length(max=2000)])
    answer = TextAreaField(_l("3. Ответ с выгодой"), validators=[Optional(), Length(max=4000)])
    check = TextAreaField(_l("4. Проверка и следующий шаг"), validators=[Optional(), Length(max=2000)])


class ObjectionForm(FlaskForm):
    """A library entry; answers are a list of four-step forms (an empty one is offered for a new answer)."""

    key = StringField(_l("Ключ"), description=KEY_HINT, validators=[Optional(), Length(max=80)])
    title = StringField(_l("Название"), validators=[DataRequired(), Length(max=200)])
    category = SelectField(_l("Категория (метка классификатора)"))
    summary = TextAreaField(_l("Что обычно стоит за возражением (Markdown)"), validators=[Length(max=4000)])
    variants = TextAreaField(
        _l("Как это говорят клиенты"),
        description=_l("По одной формулировке в строке. Они же — обучающие примеры для классификатора возражений."),
        validators=[DataRequired(), Length(max=8000)],
    )
    answers = FieldList(FormField(AnswerForm), min_entries=1)
    dont_say = TextAreaField(
        _l("Чего не говорить"), description=_l("По одной фразе в строке."), validators=[Length(max=4000)]
    )
    tags = SelectMultipleField(
        _l("Навыки (теги)"),
        description=_l("По тегам подбираются уроки и вопросы экзаменов."),
        option_widget=widgets.CheckboxInput(),
        widget=widgets.ListWidget(prefix_label=False),
    )
    note = StringField(_l("Что изменилось"), validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("Сохранить"))

    def set_choices(self) -> None:
        """Categories and skills in the current language."""
        self.category.choices = [(c.value, str(label)) for c, label in CATEGORY_LABELS.items()]
        self.tags.choices = [(key, str(label)) for key, label in SKILLS.items()]

    def fill(self, objection: Objection) -> None:
        """Show an entry's current content (plus an empty slot for one more answer)."""
        content = content_of(objection)
        self.title.data, self.category.data = content["title"], content["category"]
        self.summary.data = content["summary"]
        self.variants.data = "\n".join(content["variants"])
        self.dont_say.data = "\n".join(content["dont_say"])
        self.tags.data = content["tags"]
        while self.answers.entries:
            self.answers.pop_entry()
        for answer in content["answers"]:
            self.answers.append_entry(answer)
        self.answers.append_entry()

    def as_content(self) -> dict[str, Any]:
        """Plain data for ``objections.clean_content``."""
        return {
            "title": self.title.data,
            "category": self.category.data,
            "summary": self.summary.data,
            "variants": self.variants.data or "",
            "answers": [{step: entry.form[step].data or "" for step in STEPS} for entry in self.answers.entries],
            "dont_say": self.dont_say.data or "",
            "tags": list(self.tags.data or []),
        }


class ScriptCreateForm(FlaskForm):
    """A new script: key and title (an empty draft of the five stages is created)."""

    key = StringField(_l("Ключ"), description=KEY_HINT, validators=[DataRequired(), Length(max=80)])
    title = StringField(_l("Название"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Создать черновик"))


class ScriptMetaForm(FlaskForm):
    """Title and introduction of a draft."""

    title = StringField(_l("Название"), validators=[DataRequired(), Length(max=200)])
    summary = TextAreaField(
        _l("Для каких звонков и кого (Markdown)"), validators=[Length(max=20000)], render_kw={"rows": 4}
    )
    submit = SubmitField(_l("Сохранить"))


class StageForm(FlaskForm):
    """One stage of a draft; the page shows five of them, each with its own prefix."""

    goal = TextAreaField(_l("Цель этапа"), validators=[Length(max=20000)], render_kw={"rows": 2})
    phrases = TextAreaField(
        _l("Образцы фраз (Markdown)"),
        description=_l("Цитаты — строкой с «>», варианты — списком."),
        validators=[Length(max=20000)],
        render_kw={"rows": 8},
    )
    tips = TextAreaField(
        _l("Советы и типичные ошибки (Markdown)"), validators=[Length(max=20000)], render_kw={"rows": 4}
    )
    submit = SubmitField(_l("Сохранить этап"))


class BranchForm(FlaskForm):
    """Add an objection branch to a stage: a library entry and a note specific to this script."""

    objection = SelectField(_l("Возражение из библиотеки"), validators=[DataRequired()])
    note = TextAreaField(_l("Комментарий для этого скрипта (необязательно)"), validators=[Length(max=4000)])
    submit = SubmitField(_l("Добавить ветку"))

    def set_choices(self, objections: list[Objection]) -> None:
        """The library entries that may be linked (archived ones are not offered)."""
        self.objection.choices = [("", "—")] + [(o.key, o.title) for o in objections]


class BranchNoteForm(FlaskForm):
    """Change the note of a branch."""

    note = TextAreaField(_l("Комментарий"), validators=[Length(max=4000)])
    submit = SubmitField(_l("Сохранить"))


class PublishForm(FlaskForm):
    """Publish a draft with a note on what changed."""

    note = StringField(_l("Что изменилось"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Опубликовать"))
