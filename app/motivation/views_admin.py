"""Pay setup pages: schemes (KPIs, formulas, gates) and sales plans/facts (CSV import, manual entry)."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.permissions import require, visible_user_ids
from app.core.domain import DomainError, apply_to_form
from app.extensions import db
from app.motivation import dashboard, sales, schemes
from app.motivation.facts import sales_figures
from app.motivation.forms import ConfirmForm, SalesEntryForm, SalesUploadForm, SchemeForm, number_or_none, options
from app.motivation.formulas import format_bands, formula_from_dict, plain_number
from app.motivation.models import SalesImport, Scheme
from app.motivation.periods import month_key, month_start, parse_month
from app.motivation.statements import PAY_ROLES, team_people
from app.motivation.views import bp, requested_period


@bp.get("/motivation/schemes")
@login_required
def schemes_list():
    require("manage_pay")
    return render_template("motivation/schemes.html", schemes=schemes.visible_schemes(current_user),
                           can_edit=lambda s: schemes.can_edit(current_user, s.team_id), confirm=ConfirmForm())


def _fill(form: SchemeForm, scheme: Scheme) -> None:
    """Put a stored scheme into the form (formulas back into text)."""
    form.name.data, form.role.data, form.team_id.data = scheme.name, scheme.role or "", scheme.team_id
    form.valid_from.data = month_key(scheme.valid_from)
    form.valid_to.data = month_key(scheme.valid_to) if scheme.valid_to else ""
    form.base_salary.data, form.target_bonus.data = plain_number(scheme.base_salary), plain_number(scheme.target_bonus)
    form.note.data = scheme.note
    for entry, kpi in zip(form.kpis, scheme.kpis, strict=False):
        sub, formula = entry.form, formula_from_dict(kpi.formula)
        sub.name.data, sub.source.data, sub.weight.data = kpi.name, kpi.source, plain_number(kpi.weight)
        sub.plan.data = plain_number(kpi.plan) if kpi.plan is not None else ""
        sub.formula.data = kpi.formula["kind"]
        sub.bands.data = format_bands(formula.bands) if kpi.formula["kind"] == "steps" else ""  # type: ignore[union-attr]
        sub.threshold.data, sub.cap.data = kpi.formula.get("threshold") or "", kpi.formula.get("cap") or ""
        sub.course_key.data, sub.mode.data = kpi.options.get("course_key", ""), kpi.options.get("mode", "best")
        sub.unit.data = kpi.options.get("unit", "points")
    for entry in form.kpis[len(scheme.kpis):]:
        entry.form.bands.data = ""
    for entry, gate in zip(form.gates, scheme.gates, strict=False):
        sub = entry.form
        sub.name.data, sub.source.data, sub.kind.data = gate.name, gate.source, gate.kind
        sub.bands.data = format_bands(formula_from_dict(gate.bands).bands) if gate.bands else ""  # type: ignore[union-attr]
        sub.pass_factor.data, sub.fail_factor.data = plain_number(gate.pass_factor), plain_number(gate.fail_factor)
        sub.course_key.data = gate.options.get("course_key", "")


@bp.route("/motivation/schemes/new", methods=["GET", "POST"], defaults={"scheme_id": None})
@bp.route("/motivation/schemes/<int:scheme_id>/edit", methods=["GET", "POST"])
@login_required
def edit_scheme(scheme_id: int | None):
    require("manage_pay")
    scheme = db.get_or_404(Scheme, scheme_id) if scheme_id else None
    if scheme is not None and scheme not in schemes.visible_schemes(current_user):
        abort(403)
    form = SchemeForm()
    form.set_choices(dashboard.teams_for(current_user))
    if request.method == "GET":
        form.valid_from.data = form.valid_from.data or month_key(month_start(date.today()))
        if scheme is not None:
            _fill(form, scheme)
    if form.validate_on_submit():
        try:
            saved = schemes.save_scheme(scheme, form.as_data(), current_user)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("Схема «%(name)s» сохранена.", name=saved.name), "success")
            return redirect(url_for("motivation.schemes_list"))
    return render_template("motivation/scheme_form.html", form=form, scheme=scheme,
                           read_only=scheme is not None and not schemes.can_edit(current_user, scheme.team_id))


@bp.post("/motivation/schemes/<int:scheme_id>/active")
@login_required
def toggle_scheme(scheme_id: int):
    require("manage_pay")
    scheme = db.get_or_404(Scheme, scheme_id)
    if ConfirmForm().validate_on_submit():
        try:
            schemes.set_active(scheme, not scheme.active, current_user)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("Схема включена.") if scheme.active else _("Схема выключена."), "success")
    return redirect(url_for("motivation.schemes_list"))


def _people() -> list:
    """People whose sales the current user may enter."""
    ids = visible_user_ids(current_user)
    people = [p for t in dashboard.teams_for(current_user) for p in team_people(t.id)]
    if ids is None:
        people += team_people(None)
    return [p for p in people if p.role in PAY_ROLES]


def _sales_page(upload: SalesUploadForm, entry: SalesEntryForm, errors: list | None = None, status: int = 200):
    period = requested_period()
    people = _people()
    figures = [(p, *sales_figures(p.id, period)) for p in people]
    page = render_template("motivation/sales.html", upload=upload, entry=entry, errors=errors or [], period=period,
                           figures=figures, imports=sales.recent_imports())
    return page, status


@bp.route("/motivation/sales", methods=["GET"])
@login_required
def sales_page():
    require("manage_pay")
    entry = SalesEntryForm(prefix="entry")
    entry.user_id.choices = options((p.id, p.full_name) for p in _people())
    entry.period.data = entry.period.data or month_key(requested_period())
    return _sales_page(SalesUploadForm(prefix="upload"), entry)


@bp.post("/motivation/sales/import")
@login_required
def sales_upload():
    require("manage_pay")
    form, entry = SalesUploadForm(prefix="upload"), SalesEntryForm(prefix="entry", formdata=None)
    entry.user_id.choices = options((p.id, p.full_name) for p in _people())
    if form.validate_on_submit():
        upload = form.file.data
        try:
            batch = sales.import_csv(upload.read(sales.MAX_BYTES + 1), upload.filename or "", current_user)
        except sales.SalesImportError as error:
            db.session.rollback()
            return _sales_page(form, entry, error.errors, 422)
        db.session.commit()
        flash(_("Загружено строк: %(n)s из файла «%(f)s».", n=batch.row_count, f=batch.filename), "success")
        return redirect(url_for("motivation.sales_import", import_id=batch.id))
    return _sales_page(form, entry, status=422)


@bp.post("/motivation/sales/entry")
@login_required
def sales_entry():
    require("manage_pay")
    form = SalesEntryForm(prefix="entry")
    form.user_id.choices = options((p.id, p.full_name) for p in _people())
    if form.validate_on_submit():
        person = next(p for p in _people() if p.id == form.user_id.data)
        period = parse_month(form.period.data)
        try:
            sales.enter_sales(person, period, number_or_none(form.plan.data), number_or_none(form.fact.data),
                              form.comment.data or "", current_user)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Продажи %(name)s за %(p)s сохранены.", name=person.full_name, p=month_key(period)), "success")
            return redirect(url_for("motivation.sales_page", period=month_key(period)))
    return _sales_page(SalesUploadForm(prefix="upload", formdata=None), form, status=422)


@bp.get("/motivation/sales/imports/<int:import_id>")
@login_required
def sales_import(import_id: int):
    require("manage_pay")
    batch = db.get_or_404(SalesImport, import_id)
    ids = visible_user_ids(current_user)
    rows = [r for r in sales.import_rows(batch) if ids is None or r.user_id in ids]
    if not rows and ids is not None:
        abort(403)
    return render_template("motivation/sales_import.html", batch=batch, rows=rows)
