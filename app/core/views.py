"""Home page, language switch and health check."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from sqlalchemy import text

from app.accounts.views import safe_next
from app.core.navigation import render_widgets
from app.core.numbers import format_number
from app.extensions import db

bp = Blueprint("core", __name__, template_folder="templates")
bp.add_app_template_filter(format_number, "number")  # scores, percentages, changes in the reader's locale


@bp.get("/")
@login_required
def home():
    return render_template("core/home.html", widgets=render_widgets(current_user))


@bp.get("/lang/<code>")
def set_language(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next"), url_for("core.home")))


@bp.get("/favicon.ico")
def favicon():
    """Pages without the site layout (print views) still get the icon browsers ask for by this fixed path."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)


@bp.get("/healthz")
def health():
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")
