"""Numbers for people: scores, percentages and changes in the reader's language.

One function, registered as the Jinja filter ``number`` (``app/core/views.py``), for every score, percentage and
delta a page prints: «34,3» and «34 %» in Russian, «34.3» and «34%» in English, a real minus sign, «—» for no
value. It is Babel's ``format_decimal``/``format_percent`` (what Flask-Babel's wrappers call) in Flask-Babel's
current locale, with the locale's own patterns, so separators and the percent sign's spacing come from CLDR.
Outside an application (scripts) it writes Russian. The motivation pages' ``fmt_num``/``fmt_percent`` are this
function; money (``fmt_money``: «9 600 ₽») uses the same locale and minus sign.

    {{ call.final_score|number }}                   34,3
    {{ rate|number(0, percent=True, ratio=True) }}  34 %   (a share 0..1)
    {{ handled|number(0, percent=True) }}           34 %   (a value already in percent)
    {{ delta|number(1, sign=True) }}                +2,5 / −2,5 / 0
    {{ f1|number(3, fixed=True) }}                  0,940  (keeps trailing zeros)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from babel import Locale
from babel.numbers import format_decimal, format_percent
from flask import has_app_context
from flask_babel import get_locale

DASH = "—"
MINUS = "\u2212"


def _locale() -> Locale:
    locale = get_locale() if has_app_context() else None
    return locale or Locale.parse("ru")


def _decimal(value: Any) -> Decimal:
    """The value as a Decimal from its shortest text (no binary-float tails such as 34.300000000000004)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _pattern(base: str, digits: int, fixed: bool) -> str:
    """The locale's pattern with ``digits`` fraction digits (``0`` each when fixed, else ``#``: up to)."""
    fraction = ("." + ("0" if fixed else "#") * digits) if digits > 0 else ""
    integer = base.split(";")[0]
    for token in ("#,##0.###", "#,##0.00", "#,##0.0", "#,##0", "0"):
        if token in integer:
            return integer.replace(token, "#,##0" + fraction, 1)
    return "#,##0" + fraction


def format_number(
    value: Any,
    digits: int = 1,
    *,
    percent: bool = False,
    ratio: bool = False,
    sign: bool = False,
    fixed: bool = False,
) -> str:
    """``value`` for display in the current locale.

    ``digits``: fraction digits at most (exactly, with ``fixed``); ``percent``: with the locale's percent sign —
    ``value`` is already in percent (34.3), or a share (0.343) with ``ratio``; ``sign``: «+» before a positive
    value (a change). Negative values get a real minus sign; ``None`` (or an empty string) is «—».
    """
    if value is None or value == "":
        return DASH
    number = _decimal(value)
    if not number.is_finite():
        return DASH
    locale = _locale()
    if percent:
        share = number if ratio else number / 100
        pattern = _pattern(locale.percent_formats[None].pattern, digits, fixed)
        text = format_percent(abs(share), format=pattern, locale=locale)
        rounded = abs(share) * 100
    else:
        pattern = _pattern(locale.decimal_formats[None].pattern, digits, fixed)
        text = format_decimal(abs(number), format=pattern, locale=locale)
        rounded = abs(number)
    if rounded.quantize(Decimal(1).scaleb(-digits)) == 0:  # shows as zero: no sign at all
        return text
    if number < 0:
        return MINUS + text
    return "+" + text if sign else text
