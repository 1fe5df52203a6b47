"""Personal pay pages: my statement with the what-if slider, a person's statement, a line's evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.accounts.models import User
from app.accounts.permissions import can, require
from app.extensions import db
from app.motivation import dashboard, explain, whatif
from app.motivation.facts import sales_row_label
from app.motivation.formulas import FormulaError, achievement, dec
from app.motivation.labels import SOURCE_LABELS, UNIT_LABELS, source_label
from app.motivation.models import SalesRow
from app.motivation.periods import add_months, month_key, month_start, months_back, parse_month
from app.motivation.statements import statement_for

bp = Blueprint("motivation", __name__, template_folder="templates")
HISTORY_MONTHS = 6


def template_helpers() -> dict[str, Any]:
    """Formatting and wording helpers for motivation templates (also used by the home widget)."""
    return {
        "fmt_money": explain.fmt_money, "fmt_percent": explain.fmt_percent, "fmt_value": explain.fmt_value,
        "fmt_num": explain.fmt_num, "fmt_day": explain.fmt_day, "explain_line": explain.explain,
        "evidence_url": explain.evidence_url,
        "source_label": source_label, "month_key": month_key, "source_labels": SOURCE_LABELS,
        "unit_labels": UNIT_LABELS, "achievement": achievement,
    }


bp.context_processor(template_helpers)


def requested_period() -> date:
    """The ``?period=YYYY-MM`` month (default: the current one)."""
    text = request.args.get("period")
    if not text:
        return month_start(date.today())
    try:
        return parse_month(text)
    except ValueError:
        abort(404)


def _statement_page(person: User, period: date, own: bool):  # type: ignore[no-untyped-def]
    view = statement_for(person, period)
    history = [(month, statement_for(person, month)) for month in reversed(months_back(period, HISTORY_MONTHS))]
    contests = [c for c in dashboard.visible_contests(person, date.today()) if c.ends_on >= date.today()]
    args = {} if request.endpoint == "motivation.mine" else {"user_id": person.id}
    return render_template(
        "motivation/statement.html", view=view, person=person, period=period, own=own, history=history,
        sliders=whatif.sliders(view), positions=whatif.positions(view), contests=contests,
        previous=add_months(period, -1), following=add_months(period, 1),
        can_adjust=can(current_user, "review", person),
        month_url=lambda month: url_for(request.endpoint or "motivation.mine", period=month_key(month), **args),
    )


@bp.get("/motivation")
@login_required
def mine():
    require("view_pay", current_user)
    view_period = requested_period()
    if can(current_user, "manage_pay") and statement_for(current_user, view_period).scheme_name == "":
        return redirect(url_for("motivation.dashboard"))
    return _statement_page(current_user, view_period, own=True)


@bp.get("/motivation/people/<int:user_id>")
@login_required
def statement(user_id: int):
    person = db.get_or_404(User, user_id)
    require("view_pay", person)
    return _statement_page(person, requested_period(), own=person.id == current_user.id)


@bp.get("/motivation/people/<int:user_id>/lines/<key>")
@login_required
def line(user_id: int, key: str):
    person = db.get_or_404(User, user_id)
    require("view_pay", person)
    period = requested_period()
    view = statement_for(person, period)
    found = view.statement.line(key) if view.statement else None
    if found is None:
        abort(404)
    return render_template("motivation/line.html", view=view, person=person, period=period, line=found)


@bp.get("/motivation/people/<int:user_id>/whatif")
@login_required
def what_if(user_id: int):
    person = db.get_or_404(User, user_id)
    require("view_pay", person)
    try:
        value = dec(request.args.get("value", ""))
    except FormulaError:
        return jsonify(error="value"), 400
    payload = whatif.whatif_payload(statement_for(person, requested_period()), request.args.get("key", ""), value)
    return jsonify(payload), (400 if "error" in payload else 200)


@bp.get("/motivation/sales/rows/<int:row_id>")
@login_required
def sales_row(row_id: int):
    row = db.get_or_404(SalesRow, row_id)
    require("view_pay", row)
    return render_template("motivation/sales_row.html", row=row, label=sales_row_label(row),
                           can_open_import=can(current_user, "manage_pay") and row.import_id is not None)


from app.motivation import views_admin, views_team, widgets  # noqa: E402,F401  (routes and widgets on this blueprint)
