"""Question bank pages for trainers: categories and search, a question with its versions, editor with preview,
GIFT upload with the import report, GIFT download of a category."""

from __future__ import annotations

import re
from dataclasses import replace

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.permissions import require
from app.core.domain import DomainError, apply_to_form
from app.exams import bank, importing
from app.exams.forms import ConfirmForm, GiftUploadForm, QuestionForm
from app.exams.gift import write_question
from app.exams.models import Question
from app.exams.views import bp
from app.extensions import db


@bp.get("/exams/bank", endpoint="bank")
@login_required
def bank_index():
    """Categories with counts, search by text and skill, links to import, export and editing."""
    require("edit_content")
    args = request.args
    questions = bank.search_questions(
        args.get("q", ""), args.get("category", ""), args.get("tag", ""), bool(args.get("archived"))
    )
    return render_template(
        "exams/bank.html", tree=bank.category_tree(), questions=questions, tags=bank.all_tags(), args=args
    )


@bp.get("/exams/bank/questions/<int:question_id>")
@login_required
def question(question_id: int):
    """A bank question as learners see it, with answers, feedback and every version."""
    require("edit_content")
    question = db.get_or_404(Question, question_id)
    versions = [(v, write_question(replace(v.as_gift(), idnumber=question.key))) for v in reversed(question.versions)]
    return render_template(
        "exams/question.html",
        question=question,
        gift=bank.current_gift(question),
        versions=versions,
        form=ConfirmForm(),
    )


@bp.route("/exams/bank/questions/new", methods=["GET", "POST"], defaults={"question_id": None})
@bp.route("/exams/bank/questions/<int:question_id>/edit", methods=["GET", "POST"])
@login_required
def edit_question(question_id: int | None):
    """Create or edit a question as GIFT, with a preview that saves nothing."""
    require("edit_content")
    question = db.get_or_404(Question, question_id) if question_id else None
    form = QuestionForm()
    if request.method == "GET":
        form.category.data = question.category.path if question else request.args.get("category", "")
        form.gift.data = write_question(bank.current_gift(question)) if question else ""
    preview = None
    if form.validate_on_submit():
        try:
            if form.preview.data:
                preview = bank.parse_single(form.gift.data, form.category.data)
            else:
                saved, status = bank.save_edited_question(question, form.gift.data, form.category.data, current_user)
                db.session.commit()
                flash(_("Вопрос сохранён.") if status != "unchanged" else _("Изменений нет."), "success")
                return redirect(url_for("exams.question", question_id=saved.id))
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
    return render_template("exams/question_form.html", form=form, question=question, preview=preview)


@bp.post("/exams/bank/questions/<int:question_id>/archive")
@login_required
def archive_question(question_id: int):
    """Take a question out of random draws, or bring it back."""
    require("edit_content")
    question = db.get_or_404(Question, question_id)
    if ConfirmForm().validate_on_submit():
        bank.set_archived(question, not question.archived)
        db.session.commit()
        flash(_("Вопрос убран в архив.") if question.archived else _("Вопрос возвращён в банк."), "success")
    return redirect(url_for("exams.question", question_id=question.id))


@bp.route("/exams/bank/import", methods=["GET", "POST"])
@login_required
def import_gift():
    """Upload a .gift file (checked to be UTF-8 text that parses) and show the import report."""
    require("edit_content")
    form = GiftUploadForm()
    report = None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            text = importing.decode_gift(upload.read())
            report = importing.import_gift(
                text, default_category=form.category.data or "", source=upload.filename or "", user=current_user
            )
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
    return render_template("exams/import.html", form=form, report=report)


@bp.get("/exams/bank/export")
@login_required
def export_gift():
    """Download a category (with its sub-categories) or the whole bank as GIFT."""
    require("edit_content")
    path = request.args.get("category", "")
    try:
        text = importing.export_category(path)
    except DomainError as error:
        flash(error.message, "danger")
        return redirect(url_for("exams.bank"))
    filename = (re.sub(r"[^A-Za-z0-9-]+", "-", path).strip("-") or "bank") + ".gift"
    return Response(
        text,
        mimetype="text/plain",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
