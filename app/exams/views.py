"""Web views of the exams feature."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("exams", __name__, template_folder="templates")
