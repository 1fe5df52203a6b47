"""Labelling queue (supervisors, trainers, admins) and classifier models: retrain, compare, activate, roll back."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.accounts.permissions import can, require
from app.core.domain import DomainError
from app.extensions import db
from app.quality import jobs, learning_loop
from app.quality import labelling as queue
from app.quality.forms import ConfirmForm
from app.quality.learning_models import ClassifierModel, LabellingCandidate
from app.quality.models import RunStatus
from app.quality.views import bp
from scoring.classifiers import TASK_LABELS

LABEL_NAMES = {
    "situation": _l("ситуационный"),
    "problem": _l("проблемный"),
    "implication": _l("извлекающий"),
    "need_payoff": _l("направляющий"),
    "other": _l("другое"),
    "value": _l("выгода (язык пользы)"),
    "feature": _l("свойство без выгоды"),
    "price": _l("цена"),
    "have_supplier": _l("есть поставщик"),
    "no_need": _l("нет потребности"),
    "send_proposal": _l("пришлите КП"),
    "no_time": _l("нет времени"),
    "think_it_over": _l("подумаю"),
    "none": _l("не возражение / ничего"),
    "asks_purpose": _l("спрашивает цель"),
    "deflects": _l("отказывает"),
    "connects": _l("соединяет"),
    "gives_contact": _l("даёт контакт"),
}


def _task(value: str | None) -> str:
    task = value or "spin"
    if task not in TASK_LABELS:
        abort(404)
    return task


@bp.get("/quality/labelling", defaults={"task": None})
@bp.get("/quality/labelling/<task>")
@login_required
def labelling(task: str | None):
    require("view_team")
    task = _task(task)
    order = request.args.get("order") if request.args.get("order") in labelling_orders() else "margin"
    state = queue.queue_state(task)
    if state.refreshed_at is None and state.status == RunStatus.DONE:
        queue.request_refresh(task)
        db.session.commit()
        jobs.enqueue_refresh(task)
        state = queue.queue_state(task)
    candidate = queue.next_candidate(task, order)
    return render_template(
        "quality/labelling.html",
        task=task,
        tasks=list(TASK_LABELS),
        labels=TASK_LABELS[task],
        names=LABEL_NAMES,
        order=order,
        state=state,
        candidate=candidate,
        context=queue.context(candidate) if candidate else [],
        open_count=queue.open_count(task),
        example_count=queue.example_count(task),
        recent=queue.recent_examples(task),
        confirm=ConfirmForm(),
        may_train=can(current_user, "edit_content"),
    )


def labelling_orders() -> tuple[str, ...]:
    """Ways to order the queue."""
    return queue.ORDERS


@bp.post("/quality/labelling/candidates/<int:candidate_id>")
@login_required
def labelling_answer(candidate_id: int):
    require("view_team")
    candidate = db.get_or_404(LabellingCandidate, candidate_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    order = request.form.get("order", "margin")
    try:
        if request.form.get("skip"):
            queue.skip(candidate)
        else:
            queue.label_candidate(candidate, request.form.get("label", ""), current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
    else:
        db.session.commit()
    return redirect(url_for("quality.labelling", task=candidate.task, order=order))


@bp.post("/quality/labelling/<task>/refresh")
@login_required
def labelling_refresh(task: str):
    require("view_team")
    task = _task(task)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if queue.request_refresh(task) is None:
        flash(_("Очередь уже обновляется."), "info")
    else:
        db.session.commit()
        jobs.enqueue_refresh(task)
        flash(_("Очередь обновляется: реплики из звонков перечитываются текущей моделью."), "info")
    return redirect(url_for("quality.labelling", task=task))


@bp.get("/quality/models", defaults={"task": None})
@bp.get("/quality/models/<task>")
@login_required
def models(task: str | None):
    require("edit_content")
    task = _task(task)
    rows = learning_loop.history(task)
    latest = next((r for r in rows if r.metrics and not r.baseline), None)
    return render_template(
        "quality/models.html",
        task=task,
        tasks=list(TASK_LABELS),
        rows=rows,
        latest=latest,
        compared=db.session.get(ClassifierModel, latest.metrics.get("compared_with") or 0) if latest else None,
        active=learning_loop.active_model(task),
        names=LABEL_NAMES,
        example_count=queue.example_count(task),
        confirm=ConfirmForm(),
        running=any(r.status in (RunStatus.QUEUED, RunStatus.RUNNING) for r in rows),
    )


@bp.post("/quality/models/<task>/retrain")
@login_required
def models_retrain(task: str):
    require("edit_content")
    task = _task(task)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        row = learning_loop.start_retrain(task, current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
        return redirect(url_for("quality.models", task=task))
    db.session.commit()
    jobs.enqueue_retrain(row)
    flash(_("Переобучение запущено: метрики появятся здесь, страница обновится сама."), "info")
    return redirect(url_for("quality.models", task=task))


@bp.post("/quality/models/rows/<int:model_id>/activate")
@login_required
def models_activate(model_id: int):
    require("edit_content")
    row = db.get_or_404(ClassifierModel, model_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        learning_loop.activate(row)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "warning")
        return redirect(url_for("quality.models", task=row.task))
    queue.request_refresh(row.task)
    db.session.commit()
    jobs.enqueue_refresh(row.task)
    flash(_("Модель включена: новые оценки звонков используют её."), "success")
    return redirect(url_for("quality.models", task=row.task))
