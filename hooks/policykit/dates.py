"""Dates: the one parser for dates written in YAML or front matter, and dates written out.

Dates are written out by Babel (CLDR data) in the locale ``labels.LOCALES`` gives a language:
``1 september 2026`` in Dutch, ``1 September 2026`` in (British) English.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from babel.dates import format_date

from policykit.labels import FALLBACK, LOCALES


def to_date(value: Any) -> dt.date:
    """A date from ``2026-09-01`` (text) or a date YAML already made; raises ValueError.

    >>> to_date("2026-09-01"), to_date(dt.datetime(2026, 9, 1, 12, 0))
    (datetime.date(2026, 9, 1), datetime.date(2026, 9, 1))
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def parse_day(value: Any) -> dt.date | None:
    """Like :func:`to_date`, but None when ``value`` is not a valid date.

    >>> parse_day("2026-13-01") is None
    True
    """
    try:
        return to_date(value)
    except ValueError:
        return None


def long_date(value: Any, lang: str) -> str:
    """A date written out: ``2026-09-01`` → ``1 september 2026`` (nl) / ``1 September 2026`` (en).

    >>> long_date("2026-09-01", "nl"), long_date("2026-09-01", "en")
    ('1 september 2026', '1 September 2026')
    """
    return format_date(to_date(value), format="long", locale=LOCALES.get(lang, LOCALES[FALLBACK]))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, clamped to the month's end.

    >>> add_months(dt.date(2026, 1, 31), 1), add_months(dt.date(2026, 8, 20), 12)
    (datetime.date(2026, 2, 28), datetime.date(2027, 8, 20))
    """
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
