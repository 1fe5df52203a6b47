"""Web views of the learning feature."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("learning", __name__, template_folder="templates")
