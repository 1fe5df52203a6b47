"""The ``number`` filter: scores, percentages and changes in the reader's locale («34,3» in ru, «34.3» in en)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import render_template_string

NBSP = "\u00a0"

CASES = [
    # template, ru, en
    ("{{ 34.3|number }}", "34,3", "34.3"),
    ("{{ 34.0|number }}", "34", "34"),
    ("{{ (0.1 + 0.2)|number(2) }}", "0,3", "0.3"),
    ("{{ 1234.5|number }}", f"1{NBSP}234,5", "1,234.5"),
    ("{{ 0.343|number(0, percent=True, ratio=True) }}", f"34{NBSP}%", "34%"),
    ("{{ 72.5|number(1, percent=True) }}", f"72,5{NBSP}%", "72.5%"),
    ("{{ 2.5|number(1, sign=True) }}", "+2,5", "+2.5"),
    ("{{ -2.5|number(1, sign=True) }}", "\u22122,5", "\u22122.5"),
    ("{{ 0.04|number(1, sign=True) }}", "0", "0"),
    ("{{ 0.94|number(3, fixed=True) }}", "0,940", "0.940"),
    ("{{ none|number }}", "—", "—"),
]


@pytest.mark.parametrize(("source", "ru", "en"), CASES)
def test_number_filter_follows_the_locale(app, source, ru, en):
    for lang, expected in (("ru", ru), ("en", en)):
        with app.test_request_context(f"/?lang={lang}"):
            assert render_template_string(source) == expected, lang


def test_money_and_motivation_percentages_use_the_same_rules(app):
    from app.motivation.explain import fmt_money, fmt_num, fmt_percent

    with app.test_request_context("/?lang=ru"):
        assert (fmt_money(Decimal("9600.5")), fmt_percent(Decimal("90.00")), fmt_num(Decimal("1.25"))) == (
            f"9{NBSP}600,50{NBSP}₽",
            f"90{NBSP}%",
            "1,25",
        )
    with app.test_request_context("/?lang=en"):
        assert (fmt_money(Decimal("9600.5")), fmt_percent(Decimal("90.00")), fmt_num(Decimal("1.25"))) == (
            f"9,600.50{NBSP}₽",
            "90%",
            "1.25",
        )
