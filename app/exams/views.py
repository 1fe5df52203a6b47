"""Exam pages for learners: my exams, an exam, the attempt (autosave, timer), the result with sub-scores."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.accounts.models import Role
from app.accounts.permissions import can, require
from app.core.domain import DomainError
from app.exams import attempts as attempt_rules
from app.exams import clock, reports
from app.exams.forms import ConfirmForm, answer_fields, json_fields
from app.exams.models import Exam, ExamAttempt
from app.exams.render import template_helpers
from app.extensions import db

bp = Blueprint("exams", __name__, template_folder="templates")
bp.context_processor(template_helpers)


def own_attempt(attempt_id: int) -> ExamAttempt:
    """An attempt the current user is taking (others may look at results, never answer)."""
    attempt = db.get_or_404(ExamAttempt, attempt_id)
    require("view", attempt)
    if attempt.user_id != current_user.id:
        abort(403)
    return attempt


@bp.get("/exams")
@login_required
def index():
    """My exams (available, running, passed); staff also get the overview, the team matrix and the queue."""
    require("view", current_user)
    staff = can(current_user, "view_team")
    context = {
        "standings": reports.my_standings(current_user),
        "overviews": reports.exam_overviews(current_user) if staff else [],
        "matrix": reports.team_matrix(current_user) if staff else None,
        "queue": len(reports.grading_queue(current_user)) if staff else 0,
        "learner": current_user.role in (Role.NEW_HIRE, Role.SALES_MANAGER),
    }
    db.session.commit()  # attempts whose time ran out were closed on the way
    return render_template("exams/index.html", **context)


@bp.get("/exams/course/<course_key>")
@login_required
def course_exam(course_key: str):
    """The exam of a course (the learning pages link here)."""
    require("view", current_user)
    exam = db.session.scalar(select(Exam).where(Exam.course_key == course_key)) or abort(404)
    return redirect(url_for("exams.exam", exam_id=exam.id))


@bp.get("/exams/<int:exam_id>")
@login_required
def exam(exam_id: int):
    """An exam: settings, skills it checks, my attempts; staff see the attempts of their people."""
    require("view", current_user)
    exam = db.get_or_404(Exam, exam_id)
    mine = reports.standing(exam, current_user.id)
    others = reports.visible_attempts(exam, current_user) if can(current_user, "view_team") else []
    skills = reports.exam_skills(exam)
    db.session.commit()
    return render_template("exams/exam.html", exam=exam, mine=mine, others=others, skills=skills, form=ConfirmForm())


@bp.post("/exams/<int:exam_id>/start")
@login_required
def start(exam_id: int):
    """Start (or resume) an attempt."""
    require("act_for", current_user)
    exam = db.get_or_404(Exam, exam_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        attempt = attempt_rules.start_attempt(exam, current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for("exams.exam", exam_id=exam.id))
    db.session.commit()
    return redirect(url_for("exams.attempt", attempt_id=attempt.id))


@bp.get("/exams/attempts/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    """The running attempt: every question, a countdown to the server deadline, autosave."""
    attempt = own_attempt(attempt_id)
    if attempt_rules.close_if_expired(attempt):
        db.session.commit()
        flash(_("Время вышло: засчитаны ответы, сохранённые до окончания времени."), "warning")
    if attempt.finished:
        return redirect(url_for("exams.result", attempt_id=attempt.id))
    saved = {slot.id: slot.responses[-1].value if slot.responses else None for slot in attempt.slots}
    remaining = attempt_rules.remaining_seconds(attempt)
    return render_template("exams/attempt.html", attempt=attempt, saved=saved, remaining=remaining)


@bp.post("/exams/attempts/<int:attempt_id>/save")
@login_required
def autosave(attempt_id: int):
    """Save one answer (JSON, CSRF header); refused with 409 once the time is up."""
    attempt = own_attempt(attempt_id)
    try:
        slot_id, fields = json_fields(request.get_json(silent=True))
        attempt_rules.save_response(attempt, slot_id, fields)
    except ValueError:
        return jsonify(error=_("Неверный формат ответа.")), 400
    except attempt_rules.AttemptClosed as error:
        db.session.rollback()
        return jsonify(error=error.message, closed=True, result_url=url_for("exams.result", attempt_id=attempt.id)), 409
    except DomainError as error:
        db.session.rollback()
        return jsonify(error=error.message), 400
    db.session.commit()
    return jsonify(saved_at=clock.now().isoformat(), remaining=attempt_rules.remaining_seconds(attempt))


@bp.post("/exams/attempts/<int:attempt_id>/submit")
@login_required
def submit(attempt_id: int):
    """Finish the attempt; after the deadline only answers saved in time count."""
    attempt = own_attempt(attempt_id)
    answers = {s.id: f for s in attempt.slots if (f := answer_fields(request.form, s.id)) is not None}
    late = attempt_rules.deadline_passed(attempt, clock.now()) and not attempt.finished
    attempt_rules.submit_attempt(attempt, answers)
    db.session.commit()
    if late:
        flash(_("Время вышло до отправки: засчитаны только ответы, сохранённые до окончания времени."), "warning")
    return redirect(url_for("exams.result", attempt_id=attempt.id))


@bp.get("/exams/attempts/<int:attempt_id>/result")
@login_required
def result(attempt_id: int):
    """Score, per-skill sub-scores and, per the exam setting, correct answers and feedback."""
    attempt = db.get_or_404(ExamAttempt, attempt_id)
    require("view", attempt)
    if attempt_rules.close_if_expired(attempt):
        db.session.commit()
    if not attempt.finished and attempt.user_id == current_user.id:
        return redirect(url_for("exams.attempt", attempt_id=attempt.id))
    return render_template(
        "exams/result.html",
        attempt=attempt,
        subscores=reports.subscores(attempt),
        show_answers=reports.answers_visible(attempt, current_user),
        standing=reports.standing(attempt.exam, attempt.user_id, close_expired=False),
        can_grade=reports.can_grade(current_user, attempt),
    )


from app.exams import views_bank, views_grading, widgets  # noqa: E402,F401  (routes and widgets on the same blueprint)
