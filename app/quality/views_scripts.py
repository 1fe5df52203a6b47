"""Call script pages: the list, the reading and print views, history and diff, and the draft editor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app.accounts.permissions import can, require
from app.core.domain import DomainError, apply_to_form
from app.core.markdown import render_markdown
from app.extensions import db
from app.quality import scripts
from app.quality.forms_scripts import (
    BranchForm,
    BranchNoteForm,
    ConfirmForm,
    PublishForm,
    ScriptCreateForm,
    ScriptMetaForm,
    StageForm,
)
from app.quality.objections import CATEGORY_LABELS, STEP_LABELS, list_objections
from app.quality.script_models import STAGE_ORDER, CallScript, CallScriptVersion
from app.quality.views import bp

LABELS = {"stage_labels": scripts.STAGE_LABELS, "status_labels": scripts.STATUS_LABELS}


def _render(template: str, **context: Any) -> str:
    return render_template(
        template, md=render_markdown, category_labels=CATEGORY_LABELS, step_labels=STEP_LABELS, **LABELS, **context
    )


def _script(key: str) -> CallScript:
    script = scripts.get_script(key)
    if script is None:
        abort(404)
    return script


def _draft(key: str) -> tuple[CallScript, CallScriptVersion]:
    require("edit_content")
    script = _script(key)
    if script.draft is None:
        abort(404)
    return script, script.draft


def _readable_version(script: CallScript) -> CallScriptVersion:
    """The version asked for (``?v=N``): readers get published versions only, editors any."""
    number = request.args.get("v", type=int)
    version = scripts.get_version(script, number) if number else script.published
    if version is None or (not can(current_user, "edit_content") and version.is_draft):
        abort(404)
    return version


def _done(action: Callable[[], object], success: str, target: str, failed: str | None = None) -> Response:
    """Run a service call: commit and flash on success, roll back and flash the reason on a domain error."""
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(failed or target)
    db.session.commit()
    flash(success, "success")
    return redirect(target)


@bp.get("/quality/scripts")
@login_required
def scripts_index():
    """Every script managers may read; editors also see drafts and create new scripts."""
    require("view_library")
    editor = can(current_user, "edit_content")
    return _render("quality/scripts.html", scripts=scripts.list_scripts(editor), form=ScriptCreateForm(), editor=editor)


bp.add_url_rule("/quality/scripts", endpoint="scripts", view_func=scripts_index)


@bp.post("/quality/scripts/new")
@login_required
def script_create():
    """Create a script with an empty draft and open the editor."""
    require("edit_content")
    form = ScriptCreateForm()
    if form.validate_on_submit():
        try:
            version = scripts.create_script(form.key.data, form.title.data, current_user)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            return redirect(url_for("quality.script_edit", key=version.script.key))
    return _render("quality/scripts.html", scripts=scripts.list_scripts(True), form=form, editor=True), 422


@bp.get("/quality/scripts/<key>")
@login_required
def script_read(key: str):
    """The reading view: stage navigator, phrases, tips and objection branches with the approved answers."""
    require("view_library")
    script = _script(key)
    if script.published is None and not can(current_user, "edit_content"):
        abort(404)
    if script.published is None and not request.args.get("v"):
        return redirect(url_for("quality.script_edit", key=key))
    return _render("quality/script_read.html", script=script, version=_readable_version(script))


@bp.get("/quality/scripts/<key>/print")
@login_required
def script_print(key: str):
    """The printable view: every stage and every branch expanded, no navigation."""
    require("view_library")
    script = _script(key)
    return _render("quality/script_print.html", script=script, version=_readable_version(script))


@bp.get("/quality/scripts/<key>/history")
@login_required
def script_history(key: str):
    """Every version with its status, author and note; restore and compare from here."""
    require("edit_content")
    return _render("quality/script_history.html", script=_script(key), confirm=ConfirmForm())


@bp.get("/quality/scripts/<key>/diff")
@login_required
def script_diff(key: str):
    """What changed between two versions (default: the draft or newest version against its predecessor)."""
    require("edit_content")
    script = _script(key)
    new = scripts.get_version(script, request.args.get("b", type=int) or len(script.versions))
    if new is None:
        abort(404)
    old_number = request.args.get("a", type=int) or (new.based_on.number if new.based_on else new.number - 1)
    old = scripts.get_version(script, old_number)
    if old is None:
        abort(404)
    return _render("quality/script_diff.html", script=script, old=old, new=new, lines=scripts.diff_versions(old, new))


@bp.post("/quality/scripts/<key>/versions/<int:number>/restore")
@login_required
def script_restore(key: str, number: int):
    """Open a new draft with an old version's content."""
    require("edit_content")
    script = _script(key)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _done(
        lambda: scripts.restore_version(script, number, current_user),
        _("Создан черновик из версии %(n)s. Проверьте и опубликуйте.", n=number),
        url_for("quality.script_edit", key=key),
    )


# -- the draft editor ----------------------------------------------------------------------------------------
def _edit_page(script: CallScript, version: CallScriptVersion, status: int = 200, **forms: Any) -> tuple[str, int]:
    """The editor with fresh forms, except those passed in (they carry the user's input and errors)."""
    meta = forms.pop("meta", None) or ScriptMetaForm(title=version.title, summary=version.summary)
    stage_forms = {}
    branch_forms = {}
    library = list_objections()
    for stage in version.stages:
        kind = stage.kind.value
        stage_forms[kind] = forms.pop(f"stage_{kind}", None) or StageForm(
            prefix=kind, goal=stage.goal, phrases=stage.phrases, tips=stage.tips, formdata=None
        )
        branch_forms[kind] = forms.pop(f"branch_{kind}", None) or BranchForm(prefix=f"b-{kind}", formdata=None)
        branch_forms[kind].set_choices(library)
    return _render(
        "quality/script_edit.html",
        script=script,
        version=version,
        meta=meta,
        stage_forms=stage_forms,
        branch_forms=branch_forms,
        note_form=BranchNoteForm(formdata=None),
        publish_form=forms.pop("publish", None) or PublishForm(formdata=None),
        confirm=ConfirmForm(),
        library_empty=not library,
    ), status


@bp.get("/quality/scripts/<key>/draft")
@login_required
def script_edit(key: str):
    """The draft editor (or an invitation to open a draft when there is none)."""
    require("edit_content")
    script = _script(key)
    if script.draft is None:
        return _render("quality/script_no_draft.html", script=script, confirm=ConfirmForm())
    return _edit_page(script, script.draft)


@bp.post("/quality/scripts/<key>/draft/new")
@login_required
def script_draft_new(key: str):
    """Open a draft copied from the version in force."""
    require("edit_content")
    script = _script(key)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _done(
        lambda: scripts.create_draft(script, current_user),
        _("Черновик создан: правьте этапы и публикуйте."),
        url_for("quality.script_edit", key=key),
    )


@bp.post("/quality/scripts/<key>/draft/meta")
@login_required
def script_meta(key: str):
    """Save the title and introduction."""
    script, version = _draft(key)
    form = ScriptMetaForm()
    if form.validate_on_submit():
        try:
            scripts.update_meta(version, form.title.data, form.summary.data)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Сохранено."), "success")
            return redirect(url_for("quality.script_edit", key=key))
    return _edit_page(script, version, 422, meta=form)


@bp.post("/quality/scripts/<key>/draft/stages/<kind>")
@login_required
def script_stage(key: str, kind: str):
    """Save one stage's goal, phrases and tips."""
    script, version = _draft(key)
    if kind not in {k.value for k in STAGE_ORDER}:
        abort(404)
    form = StageForm(prefix=kind)
    if form.validate_on_submit():
        try:
            scripts.update_stage(version, kind, form.goal.data, form.phrases.data, form.tips.data)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Этап «%(s)s» сохранён.", s=scripts.STAGE_LABELS[kind]), "success")
            return redirect(url_for("quality.script_edit", key=key, _anchor=f"stage-{kind}"))
    return _edit_page(script, version, 422, **{f"stage_{kind}": form})


@bp.post("/quality/scripts/<key>/draft/stages/<kind>/branches")
@login_required
def script_branch_add(key: str, kind: str):
    """Link a library entry to a stage."""
    script, version = _draft(key)
    if kind not in {k.value for k in STAGE_ORDER}:
        abort(404)
    form = BranchForm(prefix=f"b-{kind}")
    form.set_choices(list_objections())
    if form.validate_on_submit():
        try:
            scripts.add_branch(version, kind, form.objection.data, form.note.data)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Ветка добавлена."), "success")
            return redirect(url_for("quality.script_edit", key=key, _anchor=f"stage-{kind}"))
    return _edit_page(script, version, 422, **{f"branch_{kind}": form})


@bp.post("/quality/scripts/<key>/draft/branches/<int:branch_id>/<action>")
@login_required
def script_branch(key: str, branch_id: int, action: str):
    """Change a branch: ``note``, ``remove``, ``up`` or ``down``."""
    _script_row, version = _draft(key)
    operations: dict[str, tuple[Callable[[], object], str]] = {
        "note": (lambda: scripts.update_branch(version, branch_id, BranchNoteForm().note.data), _("Сохранено.")),
        "remove": (lambda: scripts.remove_branch(version, branch_id), _("Ветка убрана.")),
        "up": (lambda: scripts.move_branch(version, branch_id, -1), _("Порядок изменён.")),
        "down": (lambda: scripts.move_branch(version, branch_id, 1), _("Порядок изменён.")),
    }
    if action not in operations:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    operation, success = operations[action]
    return _done(operation, success, url_for("quality.script_edit", key=key, _anchor=f"branch-{branch_id}"))


@bp.post("/quality/scripts/<key>/draft/publish")
@login_required
def script_publish(key: str):
    """Publish the draft: from now on managers read it."""
    script, version = _draft(key)
    form = PublishForm()
    if not form.validate_on_submit():
        return _edit_page(script, version, 422, publish=form)
    return _done(
        lambda: scripts.publish(version, current_user, form.note.data or ""),
        _("Версия %(n)s опубликована: менеджеры видят её в разделе «Скрипты».", n=version.number),
        url_for("quality.script_read", key=key),
        url_for("quality.script_edit", key=key),
    )


@bp.post("/quality/scripts/<key>/draft/discard")
@login_required
def script_discard(key: str):
    """Delete the draft."""
    script, version = _draft(key)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    target = url_for("quality.script_read", key=key) if script.published else url_for("quality.scripts_index")
    return _done(lambda: scripts.discard_draft(version), _("Черновик удалён."), target)


from app.quality import views_objections  # noqa: E402,F401  (register the library pages)
