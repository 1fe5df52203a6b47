"""Supervisor pages: the team dashboard, approving a month, payroll exports, a person's entries, contests."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.models import User
from app.accounts.permissions import can, require
from app.core.domain import DomainError, apply_to_form
from app.extensions import db
from app.motivation import dashboard, entries, exports
from app.motivation.forms import (
    AttendanceForm,
    ConfirmForm,
    ContestForm,
    ManualValueForm,
    ReductionForm,
    number_or_none,
    options,
)
from app.motivation.models import Contest, Reduction
from app.motivation.periods import month_key, parse_month
from app.motivation.schemes import scheme_for
from app.motivation.statements import freeze_team, statement_for
from app.motivation.views import bp, requested_period


def _team_id() -> int | None:
    """The ``?team=`` the user manages (default: their first team); 404 for a team they do not manage."""
    teams = dashboard.teams_for(current_user)
    raw = request.values.get("team")
    if not raw:
        return teams[0].id if teams else None
    if not raw.isdigit() or int(raw) not in {t.id for t in teams}:
        abort(404)
    return int(raw)


@bp.get("/motivation/dashboard", endpoint="dashboard")
@login_required
def dashboard_page():
    require("manage_pay")
    team_id, period = _team_id(), requested_period()
    views = dashboard.team_views(team_id, period) if team_id is not None else []
    return render_template(
        "motivation/dashboard.html", teams=dashboard.teams_for(current_user), team_id=team_id, period=period,
        views=views, boards=dashboard.leaderboards(views),
        trend=dashboard.trend_chart(team_id, period) if views else None,
        totals=dashboard.totals_chart(views), status=dashboard.period_status(team_id, period, date.today()),
        contests=dashboard.visible_contests(current_user, date.today()), confirm=ConfirmForm(),
    )


@bp.post("/motivation/dashboard/freeze")
@login_required
def freeze():
    require("manage_pay")
    team_id = _team_id()
    try:
        period = parse_month(request.form.get("period", ""))
    except ValueError:
        abort(400)
    if ConfirmForm().validate_on_submit():
        try:
            freeze_team(team_id, period, current_user, date.today())
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("Период %(p)s утверждён: ведомости заморожены.", p=month_key(period)), "success")
    return redirect(url_for("motivation.dashboard", team=team_id, period=month_key(period)))


@bp.get("/motivation/export.<fmt>")
@login_required
def export(fmt: str):
    require("manage_pay")
    if fmt not in ("csv", "xlsx"):
        abort(404)
    team_id, period = _team_id(), requested_period()
    header, rows = exports.table(dashboard.team_views(team_id, period) if team_id is not None else [])
    name = f"pay-{month_key(period)}-team{team_id}"
    if fmt == "csv":
        return Response(exports.to_csv(header, rows), mimetype="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f"attachment; filename={name}.csv"})
    body = exports.to_xlsx(header, rows, month_key(period))
    return Response(body, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename={name}.xlsx"})


def _person_for_entries(user_id: int) -> User:
    person = db.get_or_404(User, user_id)
    require("review", person)
    return person


def _adjust_page(person: User, period: date, **forms):  # type: ignore[no-untyped-def]
    scheme = scheme_for(person, period)
    attendance = entries.attendance_of(person, period)
    defaults = {
        "manual": ManualValueForm(prefix="manual"), "attendance": AttendanceForm(prefix="att", obj=None),
        "reduction": ReductionForm(prefix="red"), "confirm": ConfirmForm(),
    }
    if attendance is not None and "attendance" not in forms:
        defaults["attendance"].worked_days.data = str(attendance.worked_days)
        defaults["attendance"].working_days.data = str(attendance.working_days)
        defaults["attendance"].comment.data = attendance.comment
    defaults.update(forms)
    return render_template(
        "motivation/adjust.html", person=person, period=period, scheme=scheme, view=statement_for(person, period),
        slots=entries.manual_slots(person, period, scheme), reductions=entries.reductions_of(person, period),
        **defaults,
    )


@bp.get("/motivation/people/<int:user_id>/adjust")
@login_required
def adjust(user_id: int):
    return _adjust_page(_person_for_entries(user_id), requested_period())


def _save(person: User, period: date, form, name: str, action, success: str):  # type: ignore[no-untyped-def]
    if form.validate_on_submit():
        try:
            action()
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(success, "success")
            return redirect(url_for("motivation.adjust", user_id=person.id, period=month_key(period)))
    return _adjust_page(person, period, **{name: form})


@bp.post("/motivation/people/<int:user_id>/manual")
@login_required
def save_manual(user_id: int):
    person, period = _person_for_entries(user_id), requested_period()
    form = ManualValueForm(prefix="manual")
    return _save(person, period, form, "manual", lambda: entries.set_manual_value(
        person, period, form.key.data, number_or_none(form.value.data), form.comment.data, current_user,
        scheme_for(person, period)), _("Значение сохранено."))


@bp.post("/motivation/people/<int:user_id>/attendance")
@login_required
def save_attendance(user_id: int):
    person, period = _person_for_entries(user_id), requested_period()
    form = AttendanceForm(prefix="att")
    return _save(person, period, form, "attendance", lambda: entries.set_attendance(
        person, period, number_or_none(form.worked_days.data), number_or_none(form.working_days.data),
        form.comment.data or "", current_user), _("Отработанные дни сохранены."))


@bp.post("/motivation/people/<int:user_id>/reductions")
@login_required
def add_reduction(user_id: int):
    person, period = _person_for_entries(user_id), requested_period()
    form = ReductionForm(prefix="red")
    return _save(person, period, form, "reduction", lambda: entries.add_reduction(
        person, period, number_or_none(form.amount.data), form.reason.data, current_user), _("Снижение добавлено."))


@bp.post("/motivation/reductions/<int:reduction_id>/delete")
@login_required
def delete_reduction(reduction_id: int):
    reduction = db.get_or_404(Reduction, reduction_id)
    person = _person_for_entries(reduction.user_id)
    period = reduction.period
    return _save(person, period, ConfirmForm(), "confirm",
                 lambda: entries.delete_reduction(reduction, current_user), _("Снижение отменено."))


@bp.route("/motivation/contests/new", methods=["GET", "POST"])
@login_required
def new_contest():
    require("manage_pay")
    form = ContestForm()
    pairs = [(t.id, t.name) for t in dashboard.teams_for(current_user)]
    if can(current_user, "manage_users"):
        pairs.insert(0, ("", _("Все команды")))
    form.team_id.choices = options(pairs)
    if form.validate_on_submit():
        data = dashboard.ContestData(form.title.data, form.source.data, form.team_id.data, form.starts_on.data,
                                     form.ends_on.data, form.prize.data)
        try:
            contest = dashboard.create_contest(data, current_user)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Конкурс запущен: рейтинг считается сам по мере появления данных."), "success")
            return redirect(url_for("motivation.contest", contest_id=contest.id))
    return render_template("motivation/contest_form.html", form=form)


@bp.get("/motivation/contests/<int:contest_id>")
@login_required
def contest(contest_id: int):
    item = db.get_or_404(Contest, contest_id)
    if item not in dashboard.visible_contests(current_user, date.today(), include_finished_days=3650):
        abort(403)
    return render_template("motivation/contest.html", contest=item, ranking=dashboard.contest_ranking(item),
                           today=date.today())
