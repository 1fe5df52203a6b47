"""Web views of the motivation feature."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("motivation", __name__, template_folder="templates")
