"""SalesDojo web application factory."""

from __future__ import annotations

import importlib
import os
from typing import Any

from flask import Flask

from app.config import load_config
from app.extensions import babel, bootstrap, csrf, db, login_manager, migrate

# Feature packages, each with ``views.bp``; optional ``cli.register(app)``. Order = URL registration order.
FEATURES = ("core", "accounts", "learning", "exams", "calls", "quality", "skills", "motivation", "api")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the app; ``test_config`` overrides the environment-derived settings."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(load_config(app.instance_path))
    if test_config:
        app.config.update(test_config)

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(app.root_path), "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    bootstrap.init_app(app)

    from app.core.i18n import select_locale
    from app.core.security import init_security

    babel.init_app(app, locale_selector=select_locale)
    init_security(app)

    importlib.import_module("app.models")  # register every model with the metadata

    for name in FEATURES:
        views = importlib.import_module(f"app.{name}.views")
        app.register_blueprint(views.bp)
        try:
            cli = importlib.import_module(f"app.{name}.cli")
        except ModuleNotFoundError as exc:
            if exc.name != f"app.{name}.cli":
                raise
        else:
            cli.register(app)

    from app import cli as app_cli
    from app.core import errors, navigation

    app_cli.register(app)
    errors.register(app)
    navigation.register(app)

    from app import jobs

    jobs.init_app(app)
    return app
