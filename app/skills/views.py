"""Web views of the skills feature."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("skills", __name__, template_folder="templates")
