"""Web views of the quality feature."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("quality", __name__, template_folder="templates")
