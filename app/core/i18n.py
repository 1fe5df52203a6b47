"""Locale selection: the user's choice in the session, else Russian."""

from __future__ import annotations

from flask import current_app, has_request_context, request, session


def select_locale() -> str:
    """Pick the UI language: explicit choice stored in the session, else the default (ru)."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if request.args.get("lang") in languages:
        return request.args["lang"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]
