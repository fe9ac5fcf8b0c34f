"""Dates and years as export files write them.

The services write `2024-03-01` (Letterboxd, IMDb) or `2024/03/01` (Goodreads, StoryGraph);
a file re-saved by a spreadsheet writes `3/1/2024` (United States) or `1/3/2024` (most
of Europe). Which of the last two a file uses is a property of the whole file, not of one
value: a table's dates are surveyed before any row is read (DateSurvey), and the file is
read as M/D/YYYY when some second number is above 12, as D/M/YYYY when some first number is,
and refused when nothing settles it, rather than guess and swap days and months.
"""

import datetime
import re

ISO = "YYYY-MM-DD"
ISO_SLASHES = "YYYY/MM/DD"  # read as ISO; named so that the report says what the file has
MONTH_FIRST = "M/D/YYYY"
DAY_FIRST = "D/M/YYYY"

ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T][0-9:.]*(?:Z|[+-][0-9:]+)?)?")
NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: [0-9:]+(?: ?[AP]M)?)?", re.I)
YEAR = re.compile(r"-?\d{1,4}")
# C's asctime, as IMDb's exports before 2017 wrote dates: "Sun Jan 29 00:00:00 2017".
ASCTIME = re.compile(r"[A-Za-z]{3} ([A-Za-z]{3}) +(\d{1,2}) [0-9:]+ (\d{4})")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class AmbiguousDates(ValueError):
    """The file's dates could be read day first or month first."""


class DateSurvey:
    """What a table's date values say about how the file writes dates."""

    def __init__(self):
        self.slashed = 0  # ISO dates written 2024/03/01
        self.iso = 0
        self.numeric = 0
        self.first_above_12 = None  # an example of each kind
        self.second_above_12 = None
        self.ambiguous = None

    def add(self, value):
        match = NUMERIC_DATE.fullmatch(value)
        if match is None:
            if ISO_DATE.fullmatch(value):
                self.iso += 1
                self.slashed += "/" in value
            return
        self.numeric += 1
        first, second = int(match[1]), int(match[2])
        if first > 12:
            self.first_above_12 = self.first_above_12 or value
        elif second > 12:
            self.second_above_12 = self.second_above_12 or value
        elif first != second:
            self.ambiguous = self.ambiguous or value

    def form(self, name):
        """The form the table's dates are read in; AmbiguousDates when the file does not
        settle whether 3/4/2021 is March or April."""
        resave = (
            "re-save it with the dates as YYYY-MM-DD (in a spreadsheet, give the date "
            "columns the custom format yyyy-mm-dd), or export it again, and import that."
        )
        if not self.numeric:
            return ISO_SLASHES if self.slashed > self.iso / 2 else ISO
        if self.first_above_12 and self.second_above_12:
            raise AmbiguousDates(
                f"The dates in {name} are written both day first ({self.first_above_12}) and "
                f"month first ({self.second_above_12}); {resave}"
            )
        if self.first_above_12:
            return DAY_FIRST
        if self.second_above_12 or not self.ambiguous:
            return MONTH_FIRST
        raise AmbiguousDates(
            f"The dates in {name} are written like {self.ambiguous}, which could be day first "
            f"or month first, and no date in the file says which; {resave}"
        )


def parse_date(value, form=ISO):
    """A date as the file writes it (see the module docstring), or None if blank.
    Raises ValueError for anything else."""
    value = value.strip()
    if not value:
        return None
    iso = ISO_DATE.fullmatch(value)
    numeric = NUMERIC_DATE.fullmatch(value)
    asctime = ASCTIME.fullmatch(value)
    try:
        if iso:
            return datetime.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if asctime and asctime[1].lower() in MONTHS:
            month = MONTHS.index(asctime[1].lower()) + 1
            return datetime.date(int(asctime[3]), month, int(asctime[2]))
        if numeric and form in (MONTH_FIRST, DAY_FIRST):
            first, second = int(numeric[1]), int(numeric[2])
            month, day = (first, second) if form == MONTH_FIRST else (second, first)
            return datetime.date(int(numeric[3]), month, day)
    except ValueError:
        raise ValueError(f"date {value!r} is not a day of the calendar") from None
    raise ValueError(f"date {value!r} is not YYYY-MM-DD")


def parse_year(value):
    """A year as written (`1972`, `-600` for 600 BC), or None if blank."""
    value = value.strip()
    if not value:
        return None
    if not YEAR.fullmatch(value) or int(value) == 0:
        raise ValueError(f"year {value!r} is not a year")
    return int(value)


def at_noon(date):
    """A file's date as the time of its record: noon UTC, the same on every import."""
    if date is None:
        return None
    return datetime.datetime.combine(date, datetime.time(12), tzinfo=datetime.UTC)
