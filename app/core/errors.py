"""Error pages (403, 404, 413, 500) rendered in the site layout; JSON for API paths."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from app.extensions import db

_TEMPLATES = {403: "errors/403.html", 404: "errors/404.html", 413: "errors/413.html", 500: "errors/500.html"}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def register(app: Flask) -> None:
    """Install the error handlers."""

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):  # type: ignore[no-untyped-def]
        code = exc.code or 500
        if _wants_json():
            return jsonify(error=exc.name, message=exc.description, status=code), code
        template = _TEMPLATES.get(code)
        if template is None:
            return exc
        return render_template(template, error=exc), code

    @app.errorhandler(500)
    def server_error(exc: Exception):  # type: ignore[no-untyped-def]
        db.session.rollback()
        if _wants_json():
            return jsonify(error="Internal Server Error", status=500), 500
        return render_template("errors/500.html"), 500
