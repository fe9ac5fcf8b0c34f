"""Reading the owner's free-text dates.

The legacy data says when a film was seen or a book read in many ways: 'February 22, 2020',
'2025-11-22', 'April-97', 'May 1999', '1999', '1990s'. The text is always kept as written;
this module derives a sortable date (the first day of the period) and how precise it is.
"""

import datetime
import re

from django.db import models


class Precision(models.TextChoices):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"


# The precisions of a date that names its year ("1990s" names none).
NAMES_A_YEAR = frozenset({Precision.DAY, Precision.MONTH, Precision.YEAR})

# Spreadsheets turn an empty cell into 1899-12-30 or 1900-01-00; nothing real is that old.
EARLIEST = datetime.date(1900, 1, 2)

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_MONTH = r"(?P<month>[a-z]+)\.?"
PATTERNS = [
    (re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[ t].*)?"), Precision.DAY),
    (re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"), Precision.DAY),
    (re.compile(rf"(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>\d{{4}})"), Precision.DAY),
    (re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"), Precision.DAY),
    (re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})"), Precision.MONTH),
    (re.compile(rf"{_MONTH}[\s,-]+(?P<year>\d{{4}})"), Precision.MONTH),
    (re.compile(rf"{_MONTH}[\s-]+'?(?P<yy>\d{{2}})"), Precision.MONTH),
    (re.compile(r"(?P<year>\d{4})"), Precision.YEAR),
    (re.compile(r"(?P<year>\d{3}0)'?s"), Precision.DECADE),
]


def expand_two_digit_year(yy, today=None):
    """'97' is 1997 and '05' is 2005: a two-digit year is never in the future."""
    today = today or datetime.date.today()
    year = 2000 + yy
    return year if year <= today.year else year - 100


def parse_fuzzy_date(text, today=None):
    """Return (date, precision) for text as the owner wrote it, or (None, '') if unreadable.

    The date is the first day of the period ('1990s' -> 1990-01-01), so dates of every
    precision sort together. Impossible or bogus dates (1899-12-30, February 30, a date
    in the future) are unreadable rather than guessed.
    """
    cleaned = " ".join((text or "").split()).lower()
    if not cleaned:
        return None, ""
    today = today or datetime.date.today()
    for pattern, precision in PATTERNS:
        match = pattern.fullmatch(cleaned)
        if not match:
            continue
        parts = match.groupdict()
        month = parts.get("month") or "1"
        month = int(month) if month.isdigit() else MONTHS.get(month)
        if month is None:
            return None, ""
        if parts.get("yy") is not None:
            year = expand_two_digit_year(int(parts["yy"]), today)
        else:
            year = int(parts["year"])
        try:
            value = datetime.date(year, month, int(parts.get("day") or 1))
        except ValueError:
            return None, ""
        if value < EARLIEST or value > today:
            return None, ""
        return value, Precision(precision).value
    return None, ""
