"""Draft editing pages: overview with header and sections, item form, YAML view with live validation, publish."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.permissions import require
from app.core.domain import DomainError, apply_to_form
from app.extensions import db
from app.quality import checklists as service
from app.quality import editor
from app.quality.forms import (
    ConfirmForm,
    HeaderForm,
    ItemForm,
    PublishForm,
    RenameSectionForm,
    SectionForm,
    YamlForm,
)
from app.quality.item_spec import Row, RowError, detect_from_form
from app.quality.models import ChecklistVersion
from app.quality.views import bp


def _draft(version_id: int) -> ChecklistVersion:
    require("edit_content")
    version = db.get_or_404(ChecklistVersion, version_id)
    if not version.is_draft:
        flash(_("Версия %(n)s опубликована и не меняется: создайте из неё черновик.", n=version.number), "info")
        abort(redirect(url_for("quality.checklist_version", version_id=version.id)))
    return version


def _done(version: ChecklistVersion, message: str | None = None, anchor: str = ""):  # type: ignore[no-untyped-def]
    db.session.commit()
    if message:
        flash(message, "success")
    return redirect(url_for("quality.checklist_edit", version_id=version.id) + anchor)


@bp.route("/quality/drafts/<int:version_id>", methods=["GET", "POST"])
@login_required
def checklist_edit(version_id: int):
    version = _draft(version_id)
    try:
        data, sections, general = editor.overview(version)
    except DomainError as error:
        flash(error.message, "warning")
        return redirect(url_for("quality.checklist_yaml", version_id=version.id))
    form = HeaderForm(data={"title": data.get("title"), "description": data.get("description")})
    if form.validate_on_submit():
        try:
            editor.update_header(version, form.title.data, form.description.data or "")
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            return _done(version, _("Сохранено."))
    return render_template(
        "quality/checklist_edit.html",
        version=version,
        sections=sections,
        general=general,
        form=form,
        section_form=SectionForm(),
        rename_form=RenameSectionForm(),
        publish_form=PublishForm(),
        confirm=ConfirmForm(),
        n_errors=sum(len(v.errors) for _s, views in sections for v in views) + len(general),
    )


def _fill_item_form(form: ItemForm, section: dict, item: dict) -> None:
    data, detect = editor.item_data(section, item)
    form.process(
        data={
            "id": data.id,
            "title": data.title,
            "description": data.description,
            "weight": int(data.weight) if float(data.weight).is_integer() else data.weight,
            "critical": data.critical,
            "skill": data.skill,
            "section": data.section,
            "na_rule": editor.na_preset(data.applies_when),
            "na_custom": editor.dump_block(data.applies_when)
            if editor.na_preset(data.applies_when) == "custom"
            else "",
            "combine": detect.combine,
            "detectors": [row.as_dict() for row in detect.rows],
        }
    )


def _apply_row_action(form: ItemForm) -> bool:
    """Add, remove or move a detector row (buttons of the item form); True when one was pressed."""
    action = request.form.get("row_action", "")
    rows = [entry.form.as_row().as_dict() for entry in form.detectors]
    verb, _sep, arg = action.partition(":")
    if verb == "add" and arg in ("phrases", "classifier", "metric", "order", "yaml"):
        rows.append(Row(kind=arg).as_dict())
    elif verb in ("remove", "up", "down") and arg.isdigit() and int(arg) < len(rows):
        i = int(arg)
        if verb == "remove":
            rows.pop(i)
        else:
            j = i - 1 if verb == "up" else i + 1
            if 0 <= j < len(rows):
                rows[i], rows[j] = rows[j], rows[i]
    else:
        return False
    while len(form.detectors):
        form.detectors.pop_entry()
    for row in rows:
        form.detectors.append_entry(row)
    return True


@bp.route("/quality/drafts/<int:version_id>/items/new", methods=["GET", "POST"], defaults={"item_id": None})
@bp.route("/quality/drafts/<int:version_id>/items/<item_id>", methods=["GET", "POST"])
@login_required
def checklist_item(version_id: int, item_id: str | None):
    version = _draft(version_id)
    data = service.draft_data(version)
    found = editor.find_item(data, item_id) if item_id else None
    if item_id and found is None:
        abort(404)
    form = ItemForm()
    form.section.choices = [(s.get("id"), s.get("title")) for s in data.get("sections") or [] if isinstance(s, dict)]
    if request.method == "GET":
        if found:
            _fill_item_form(form, found[0], found[2])
        else:
            form.section.data = request.args.get("section")
            form.detectors.append_entry(Row().as_dict())
    elif not _apply_row_action(form) and form.validate_on_submit():
        try:
            detect = detect_from_form(form.detect_form())
            item = form.as_item(detect, form.applies_when())
            editor.save_item(version, item_id, item, combined=len(form.detectors) > 1)
        except RowError as error:
            _field_error(form, error.field, error.message)
        except ValueError as error:
            form.na_custom.errors = [*form.na_custom.errors, _("YAML не читается: %(e)s", e=str(error))]
        except editor.ItemRefused as error:
            db.session.rollback()
            for name, messages in error.errors.items():
                for message in messages:
                    _field_error(form, name, message)
            form.form_errors.append(error.message)
        else:
            return _done(version, _("Пункт «%(t)s» сохранён.", t=item.title), f"#item-{item.id}")
    return render_template("quality/checklist_item.html", version=version, form=form, item_id=item_id)


def _field_error(form: ItemForm, name: str, message: str) -> None:
    if name.startswith("detectors-"):
        _prefix, index, sub = name.split("-", 2)
        if int(index) < len(form.detectors):
            target = form.detectors[int(index)].form._fields.get(sub)
            if target is not None:
                target.errors = [*target.errors, message]
                return
    field = getattr(form, name, None)
    if field is not None and hasattr(field, "errors") and isinstance(field.errors, list):
        field.errors = [*field.errors, message]
    else:
        form.form_errors.append(message)


@bp.post("/quality/drafts/<int:version_id>/items/<item_id>/<action>")
@login_required
def checklist_item_action(version_id: int, item_id: str, action: str):
    version = _draft(version_id)
    if not ConfirmForm().validate_on_submit() or action not in ("up", "down", "delete"):
        abort(400)
    try:
        if action == "delete":
            editor.delete_item(version, item_id)
        else:
            editor.move_item(version, item_id, -1 if action == "up" else 1)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
    return _done(version, _("Пункт удалён.") if action == "delete" else None, f"#item-{item_id}")


@bp.post("/quality/drafts/<int:version_id>/sections")
@login_required
def checklist_section_add(version_id: int):
    version = _draft(version_id)
    form = SectionForm()
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "warning")
        return redirect(url_for("quality.checklist_edit", version_id=version.id))
    try:
        editor.add_section(version, form.section_id.data, form.title.data)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
        return redirect(url_for("quality.checklist_edit", version_id=version.id))
    return _done(
        version, _("Раздел добавлен с пунктом-заготовкой: отредактируйте его."), f"#section-{form.section_id.data}"
    )


@bp.post("/quality/drafts/<int:version_id>/sections/<section_id>/<action>")
@login_required
def checklist_section_action(version_id: int, section_id: str, action: str):
    version = _draft(version_id)
    form = RenameSectionForm() if action == "rename" else ConfirmForm()
    if not form.validate_on_submit() or action not in ("rename", "up", "down", "delete"):
        flash(_("Не получилось: проверьте название раздела."), "warning")
        return redirect(url_for("quality.checklist_edit", version_id=version.id))
    try:
        if action == "rename":
            editor.update_section(version, section_id, form.title.data)
        elif action == "delete":
            editor.delete_section(version, section_id)
        else:
            editor.move_section(version, section_id, -1 if action == "up" else 1)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
    return _done(version, None, f"#section-{section_id}")


@bp.route("/quality/drafts/<int:version_id>/yaml", methods=["GET", "POST"])
@login_required
def checklist_yaml(version_id: int):
    version = _draft(version_id)
    form = YamlForm(data={"yaml_text": version.yaml_text})
    errors = service.check_yaml(version.yaml_text, f"{version.checklist.key}.yaml")
    if form.validate_on_submit():
        try:
            errors = service.save_text(version, form.yaml_text.data)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(
                _("YAML сохранён.")
                if not errors
                else _("YAML сохранён, но в нём есть ошибки: до публикации их нужно исправить."),
                "success" if not errors else "warning",
            )
            return redirect(url_for("quality.checklist_yaml", version_id=version.id))
    return render_template("quality/checklist_yaml.html", version=version, form=form, errors=errors)


@bp.post("/quality/drafts/<int:version_id>/validate")
@login_required
def checklist_validate(version_id: int):
    version = _draft(version_id)
    text = (request.get_json(silent=True) or {}).get("yaml_text", request.form.get("yaml_text", ""))
    if not isinstance(text, str) or len(text) > 2_000_000:
        abort(400)
    return jsonify({"errors": service.check_yaml(text, f"{version.checklist.key}.yaml")})


@bp.post("/quality/drafts/<int:version_id>/publish")
@login_required
def checklist_publish(version_id: int):
    version = _draft(version_id)
    form = PublishForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        service.publish(version, current_user, form.note.data)
    except service.PublishRefused as error:
        db.session.rollback()
        return render_template("quality/checklist_refused.html", version=version, error=error), 422
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
        return redirect(url_for("quality.checklist_edit", version_id=version.id))
    db.session.commit()
    flash(_("Версия %(n)s опубликована: новые звонки оцениваются по ней.", n=version.number), "success")
    return redirect(url_for("quality.checklist", key=version.checklist.key, published=version.number))


@bp.post("/quality/drafts/<int:version_id>/discard")
@login_required
def checklist_discard(version_id: int):
    version = _draft(version_id)
    key = version.checklist.key
    if not ConfirmForm().validate_on_submit():
        abort(400)
    service.discard_draft(version)
    db.session.commit()
    flash(_("Черновик удалён."), "info")
    return redirect(url_for("quality.checklist", key=key))


from app.quality import views_tryit  # noqa: E402,F401
