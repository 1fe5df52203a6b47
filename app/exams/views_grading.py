"""Staff pages: the essay grading queue, grading one essay, item analysis of an exam."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.permissions import require
from app.core.domain import DomainError, apply_to_form
from app.exams import attempts as attempt_rules
from app.exams import reports
from app.exams.analysis import item_analysis
from app.exams.forms import GradeForm
from app.exams.models import AttemptSlot, Exam
from app.exams.views import bp
from app.extensions import db


@bp.get("/exams/grading")
@login_required
def grading():
    """Essays waiting for the viewer (trainers: all; supervisors: their team)."""
    require("view_team")
    return render_template("exams/grading.html", slots=reports.grading_queue(current_user))


@bp.route("/exams/grading/<int:slot_id>", methods=["GET", "POST"])
@login_required
def grade(slot_id: int):
    """Grade one essay; goes on to the next one in the queue."""
    slot = db.get_or_404(AttemptSlot, slot_id)
    require("view", slot.attempt)
    if not slot.needs_manual or not reports.can_grade(current_user, slot.attempt):
        abort(403)
    form = GradeForm(obj=slot if slot.graded_at else None)
    if form.validate_on_submit():
        try:
            attempt_rules.grade_manually(slot, form.points.data, form.comment.data or "", current_user)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Оценка сохранена."), "success")
            queue = reports.grading_queue(current_user)
            if queue:
                return redirect(url_for("exams.grade", slot_id=queue[0].id))
            return redirect(url_for("exams.grading"))
    return render_template("exams/grade.html", slot=slot, form=form, question=slot.version.as_gift())


@bp.get("/exams/<int:exam_id>/analysis")
@login_required
def analysis(exam_id: int):
    """Item analysis of an exam: facility, discrimination (upper/lower 27 %) and point-biserial r."""
    require("view_team")
    exam = db.get_or_404(Exam, exam_id)
    return render_template("exams/analysis.html", exam=exam, analysis=item_analysis(exam))
