"""Trainer pages: edit a lesson with live preview, version history with diff, restore, add and reorder lessons."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.permissions import require
from app.core.domain import DomainError, apply_to_form
from app.core.markdown import render_markdown
from app.extensions import db
from app.learning import editing, services
from app.learning.course_files import strip_title
from app.learning.forms import ConfirmForm, LessonEditForm, NewLessonForm
from app.learning.models import Lesson
from app.learning.views import bp

MAX_PREVIEW = 200_000


def _lesson_url(lesson: Lesson) -> str:
    return url_for("learning.lesson", key=lesson.course.key, slug=lesson.slug)


@bp.route("/learning/lessons/<int:lesson_id>/edit", methods=["GET", "POST"])
@login_required
def edit_lesson(lesson_id: int):
    require("edit_content")
    lesson = db.get_or_404(Lesson, lesson_id)
    form = LessonEditForm(body=lesson.body) if request.method == "GET" else LessonEditForm()
    if form.validate_on_submit():
        try:
            version = editing.save_lesson(lesson, form.body.data, current_user, form.note.data)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            if version is None:
                flash(_("Текст не изменился — новая версия не создана."), "info")
            else:
                flash(_("Сохранена версия %(n)s.", n=version.number), "success")
            return redirect(_lesson_url(lesson))
    return render_template("learning/edit.html", lesson=lesson, form=form, preview=render_markdown(form.body.data))


@bp.post("/learning/preview")
@login_required
def preview():
    require("edit_content")
    payload = request.get_json(silent=True) or {}
    text = payload.get("text") if isinstance(payload.get("text"), str) else request.form.get("text", "")
    return jsonify(html=str(render_markdown((text or "")[:MAX_PREVIEW])))


@bp.get("/learning/lessons/<int:lesson_id>/history")
@login_required
def history(lesson_id: int):
    require("edit_content")
    lesson = db.get_or_404(Lesson, lesson_id)
    versions = list(reversed(lesson.versions))
    number = request.args.get("v", type=int)
    shown = next((v for v in versions if v.number == number), None) if number else None
    if number and shown is None:
        abort(404)
    return render_template(
        "learning/history.html",
        lesson=lesson,
        versions=versions,
        shown=shown,
        shown_html=render_markdown(strip_title(shown.body)) if shown else None,
        diff=editing.diff_lines(shown.body, lesson.body) if shown else None,
        form=ConfirmForm(),
    )


@bp.post("/learning/lessons/<int:lesson_id>/versions/<int:number>/restore")
@login_required
def restore(lesson_id: int, number: int):
    require("edit_content")
    lesson = db.get_or_404(Lesson, lesson_id)
    if ConfirmForm().validate_on_submit():
        try:
            version = editing.restore_version(lesson, number, current_user)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "warning")
            return redirect(url_for("learning.history", lesson_id=lesson.id, v=number))
        db.session.commit()
        flash(_("Версия %(old)s восстановлена как версия %(new)s.", old=number, new=version.number), "success")
    return redirect(url_for("learning.history", lesson_id=lesson.id))


@bp.route("/learning/courses/<key>/new-lesson", methods=["GET", "POST"])
@login_required
def new_lesson(key: str):
    require("edit_content")
    course = services.get_course(key, current_user) or abort(404)
    form = NewLessonForm()
    if request.method == "GET":
        form.body.data = _("# Название урока\n\nТекст урока…")
    if form.validate_on_submit():
        try:
            lesson = editing.create_lesson(course, form.slug.data, form.body.data, current_user)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Урок создан."), "success")
            return redirect(_lesson_url(lesson))
    preview_html = render_markdown(form.body.data)
    return render_template("learning/new_lesson.html", course=course, form=form, preview=preview_html)


@bp.post("/learning/lessons/<int:lesson_id>/move/<direction>")
@login_required
def move_lesson(lesson_id: int, direction: str):
    require("edit_content")
    lesson = db.get_or_404(Lesson, lesson_id)
    if direction not in ("up", "down"):
        abort(404)
    if ConfirmForm().validate_on_submit():
        editing.move_lesson(lesson, -1 if direction == "up" else 1)
        db.session.commit()
    return redirect(url_for("learning.course", key=lesson.course.key))
