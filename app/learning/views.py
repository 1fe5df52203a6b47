"""Learning pages: catalogue, course, lesson with progress marks, search. Editing and onboarding live beside."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.permissions import require
from app.core.markdown import render_markdown
from app.extensions import db
from app.learning import services
from app.learning.course_files import strip_title
from app.learning.forms import ConfirmForm
from app.learning.labels import template_helpers
from app.learning.models import Course, Lesson
from app.learning.search import search_lessons

bp = Blueprint("learning", __name__, template_folder="templates")
bp.context_processor(template_helpers)


def exam_url(course: Course) -> str | None:
    """Link to the course exam when the exams feature offers one for this course."""
    if not course.exam_config or "exams.course_exam" not in current_app.view_functions:
        return None
    return url_for("exams.course_exam", course_key=course.key)


def find_lesson(key: str, slug: str) -> tuple[Course, Lesson]:
    """The course and lesson addressed by the URL, or 404."""
    course = services.get_course(key, current_user)
    lesson = services.get_lesson(course, slug) if course is not None else None
    if course is None or lesson is None:
        abort(404)
    return course, lesson


@bp.get("/learning")
@login_required
def catalog():
    require("view", current_user)
    courses = services.visible_courses(current_user)
    return render_template(
        "learning/catalog.html",
        courses=courses,
        statuses=services.course_statuses(current_user, courses),
        resume=services.continue_lesson(current_user),
    )


@bp.get("/learning/courses/<key>")
@login_required
def course(key: str):
    require("view", current_user)
    course = services.get_course(key, current_user) or abort(404)
    return render_template(
        "learning/course.html",
        course=course,
        status=services.course_status(current_user, course),
        progress=services.progress_by_lesson(current_user.id, [course.id]),
        exam_url=exam_url(course),
        form=ConfirmForm(),
    )


@bp.get("/learning/courses/<key>/<slug>")
@login_required
def lesson(key: str, slug: str):
    require("view", current_user)
    course, lesson = find_lesson(key, slug)
    progress = services.open_lesson(current_user, lesson)
    db.session.commit()
    previous, following = services.neighbours(lesson)
    return render_template(
        "learning/lesson.html",
        course=course,
        lesson=lesson,
        html=render_markdown(strip_title(lesson.body)),
        progress=progress,
        previous=previous,
        following=following,
        status=services.course_status(current_user, course),
        exam_url=exam_url(course),
        form=ConfirmForm(),
    )


@bp.post("/learning/courses/<key>/<slug>/done")
@login_required
def complete(key: str, slug: str):
    require("view", current_user)
    course, lesson = find_lesson(key, slug)
    if ConfirmForm().validate_on_submit():
        services.complete_lesson(current_user, lesson)
        db.session.commit()
        if services.course_status(current_user, course).completed:
            flash(_("Курс «%(title)s» пройден полностью. Отличная работа!", title=course.title), "success")
            return redirect(url_for("learning.course", key=course.key))
        flash(_("Урок отмечен как изученный."), "success")
        _previous, following = services.neighbours(lesson)
        if following is not None:
            return redirect(url_for("learning.lesson", key=course.key, slug=following.slug))
    return redirect(url_for("learning.lesson", key=course.key, slug=lesson.slug))


@bp.post("/learning/courses/<key>/<slug>/undone")
@login_required
def reset(key: str, slug: str):
    require("view", current_user)
    course, lesson = find_lesson(key, slug)
    if ConfirmForm().validate_on_submit():
        services.reset_lesson(current_user, lesson)
        db.session.commit()
        flash(_("Отметка снята — урок снова в списке непрочитанных."), "info")
    return redirect(url_for("learning.lesson", key=course.key, slug=lesson.slug))


@bp.get("/learning/search")
@login_required
def search():
    require("view", current_user)
    query = (request.args.get("q") or "").strip()[:200]
    hits = search_lessons(query, current_user) if query else []
    return render_template("learning/search.html", query=query, hits=hits)


from app.learning import receivers, views_editor, views_onboarding, widgets  # noqa: E402, F401  (routes, hooks)
