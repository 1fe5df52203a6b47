#!/usr/bin/env bash
# Re-extract UI strings and merge them into the English catalog (Russian is the source language).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --omit-header -o app/translations/messages.pot . >/dev/null 2>&1
.venv/bin/pybabel update -i app/translations/messages.pot -d app/translations -l en --no-fuzzy-matching >/dev/null 2>&1
.venv/bin/python tools/i18n_missing.py
