"""Onboarding pages: my plan, a person's plan, the team overview, and the step actions."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.models import User
from app.accounts.permissions import can, require
from app.core.domain import DomainError
from app.extensions import db
from app.learning import onboarding as plans
from app.learning.forms import CommentForm, ConfirmForm, SubmissionForm
from app.learning.models import OnboardingTask
from app.learning.views import bp


def _plan_page(person: User):
    plan = plans.plan_for(person.id)
    today = date.today()
    return render_template(
        "learning/onboarding.html",
        person=person,
        plan=plan,
        rows=plans.plan_rows(plan, today) if plan else [],
        summary=plans.plan_summary(plan, today) if plan else None,
        own=person.id == current_user.id,
        reviewer=can(current_user, "review", person),
        comment_form=CommentForm(),
        submission_form=SubmissionForm(),
        form=ConfirmForm(),
    )


def _back(task: OnboardingTask):
    if task.plan.user_id == current_user.id:
        return redirect(url_for("learning.onboarding", _anchor=f"task-{task.id}"))
    return redirect(url_for("learning.person_onboarding", user_id=task.plan.user_id, _anchor=f"task-{task.id}"))


@bp.get("/onboarding")
@login_required
def onboarding():
    require("view", current_user)
    if plans.plan_for(current_user.id) is None and can(current_user, "view_team"):
        return redirect(url_for("learning.team_onboarding"))
    return _plan_page(current_user)


@bp.get("/onboarding/people/<int:user_id>")
@login_required
def person_onboarding(user_id: int):
    person = db.get_or_404(User, user_id)
    require("view", person)
    return _plan_page(person)


@bp.get("/onboarding/team")
@login_required
def team_onboarding():
    require("view_team")
    return render_template("learning/team_onboarding.html", plans=plans.visible_plans(current_user, date.today()))


@bp.post("/onboarding/people/<int:user_id>/assign")
@login_required
def assign(user_id: int):
    person = db.get_or_404(User, user_id)
    require("review", person)
    if ConfirmForm().validate_on_submit():
        try:
            _plan, created = plans.assign_onboarding(person)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "warning")
        else:
            db.session.commit()
            flash(_("Программа адаптации назначена.") if created else _("План обновлён по программе."), "success")
    return redirect(url_for("learning.person_onboarding", user_id=person.id))


def _task_action(task_id: int, permission: str, action) -> object:  # type: ignore[no-untyped-def]
    """Shared body of the step actions: load, check permission, run the service, commit or report."""
    task = db.get_or_404(OnboardingTask, task_id)
    require(permission, task)
    try:
        message = action(task)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
    else:
        db.session.commit()
        flash(message, "success")
    return _back(task)


@bp.post("/onboarding/tasks/<int:task_id>/tick")
@login_required
def tick(task_id: int):
    form = CommentForm()
    if not form.validate_on_submit():
        return _task_action(task_id, "review", lambda task: _("Форма устарела, попробуйте ещё раз."))

    def action(task: OnboardingTask) -> str:
        plans.tick_task(task, current_user, form.comment.data)
        return _("Шаг засчитан.")

    return _task_action(task_id, "review", action)


@bp.post("/onboarding/tasks/<int:task_id>/reopen")
@login_required
def reopen(task_id: int):
    form = CommentForm()

    def action(task: OnboardingTask) -> str:
        if not form.validate_on_submit():
            raise DomainError(_("Форма устарела, попробуйте ещё раз."))
        plans.reopen_task(task, current_user, form.comment.data)
        return _("Шаг возвращён в работу.")

    return _task_action(task_id, "review", action)


@bp.post("/onboarding/tasks/<int:task_id>/submit")
@login_required
def submit(task_id: int):
    form = SubmissionForm()

    def action(task: OnboardingTask) -> str:
        if not form.validate_on_submit():
            raise DomainError(_("Напишите текст перед отправкой."))
        plans.submit_task(task, current_user, form.text.data)
        return _("Текст отправлен руководителю на проверку.")

    return _task_action(task_id, "act_for", action)


@bp.post("/onboarding/tasks/<int:task_id>/sign")
@login_required
def sign(task_id: int):
    form = ConfirmForm()

    def action(task: OnboardingTask) -> str:
        if not form.validate_on_submit():
            raise DomainError(_("Форма устарела, попробуйте ещё раз."))
        plans.sign_task(task, current_user)
        return _("Отметка «Ознакомлен(а)» сохранена.")

    return _task_action(task_id, "act_for", action)
