"""StoryGraph's export (Title, Authors, Contributors, ISBN/UID, Format, Read Status,
Date Added, Last Date Read, Dates Read, ..., Star Rating, Review, ..., Owned?).

Only the "read" status by default (the option Goodreads calls its shelf). Ratings are quarter
stars ("3.75", older exports "3.0"). `ISBN/UID` is an ISBN, an Amazon ASIN or empty: only a
valid ISBN-10 or ISBN-13 is taken; a spreadsheet's `9.78059E+12` has lost its digits and is
not one. `Dates Read` holds every reading, a day or a range (`2023/05/23-2023/06/07`), several
separated by commas; a reading is dated by the day it ended. The authors are kept as written.

A book is its ISBN where the row has one, else its title and authors; it is matched to the
catalog by ISBN first, then by title and authors.
"""

import re

from catalog_site.catalog.text import fold
from catalog_site.files.base import Entry
from catalog_site.files.dates import at_noon
from catalog_site.files.grades import grade_for
from catalog_site.files.services import ServiceFormat, on_shelf

from .models import Book

# The columns of the export, in its order (the importer needs only some of them).
HEADERS = [
    "Title", "Authors", "Contributors", "ISBN/UID", "Format", "Read Status", "Date Added",
    "Last Date Read", "Dates Read", "Read Count", "Moods", "Pace", "Character- or Plot-Driven?",
    "Strong Character Development?", "Loveable Characters?", "Diverse Characters?",
    "Flawed Characters?", "Star Rating", "Review", "Content Warnings",
    "Content Warning Description", "Tags", "Owned?",
]  # fmt: skip
# The columns the importer reads; a copy without them cannot be imported.
READ = ("Title", "Authors", "ISBN/UID", "Read Status", "Dates Read", "Star Rating")
# StoryGraph's formats, in the catalog's words: a printed book is a Book. "digital" and
# "audio" do not say whose (Kindle or another reader, Audible or a library's), so say nothing.
FORMATS = {"paperback": "Book", "hardcover": "Book"}

# A reading from one day to another. The `-` between its two dates is told from the `-`
# inside an ISO date by the shapes of the dates either side.
DATE = r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})"
RANGE = re.compile(rf"(?P<start>{DATE})\s*-\s*(?P<end>{DATE})")
# The columns only StoryGraph writes: with them, a file is StoryGraph's, even cut short.
MARKS = {"Authors", "ISBN/UID", "Read Status"}


def isbn(value):
    """The ISBN of an ISBN/UID value ("9780060557812", "0-06-055781-8"), or "" when it is
    none: empty, an ASIN, or digits whose check digit is wrong (a number a spreadsheet
    rounded, 9.78059E+12, has lost them)."""
    number = re.sub(r"[\s-]", "", value).upper()
    if re.fullmatch(r"\d{13}", number):
        valid = sum(int(digit) * (3 if i % 2 else 1) for i, digit in enumerate(number)) % 10 == 0
    elif re.fullmatch(r"\d{9}[\dX]", number):
        digits = [10 if digit == "X" else int(digit) for digit in number]
        valid = sum(digit * (10 - i) for i, digit in enumerate(digits)) % 11 == 0
    else:
        valid = False
    return number if valid else ""


def isbn13(number):
    """The ISBN-13 of an ISBN-10 (the catalog may hold either form of it)."""
    if len(number) != 10:
        return number
    stem = "978" + number[:9]
    total = sum(int(digit) * (3 if i % 2 else 1) for i, digit in enumerate(stem))
    return stem + str(-total % 10)


def dates_read(text, table):
    """Every day a reading ended: `2023/05/23-2023/06/07, 2024/01/02` -> 2023-06-07 and
    2024-01-02, each read in the table's date form."""
    dates = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        reading = RANGE.fullmatch(part)
        try:
            dates.add(table.date(reading["end"] if reading else part))
        except ValueError as problem:
            raise ValueError(f"Dates Read {text!r}: {problem}") from None
    return dates


class StoryGraph(ServiceFormat):
    name = "storygraph"
    label = "StoryGraph export"
    model = Book
    headers = {"Title", "Authors", "ISBN/UID", "Read Status", "Star Rating"}
    columns = HEADERS
    # The columns of single dates, whose form the survey settles; Dates Read follows it.
    date_columns = ("Date Added", "Last Date Read")
    options = ("shelf",)

    def recognises(self, opened):
        """By its columns; a copy a spreadsheet cut short too, so that it is refused with
        the reason (see lacking) rather than as a file of no known kind."""
        if super().recognises(opened):
            return True
        return not opened.is_zip and MARKS.issubset(self.canonical(opened.headers))

    def lacking(self, table):
        if not MARKS.issubset(table.headers):
            return super().lacking(table)
        missing = [name for name in READ if name not in table.headers]
        return (
            f"{table.name} is a StoryGraph export cut to {len(table.headers)} of its "
            f"{len(HEADERS)} columns (a spreadsheet's copy?): it lacks {', '.join(missing)}. "
            "Import the file StoryGraph exported, as it is."
        )

    def entry(self, raw, line, table, options):
        on_shelf(raw, "Read Status", "read status", options)
        title, authors = raw["Title"], raw["Authors"]
        if not title:
            raise ValueError("no title")
        number = isbn(raw["ISBN/UID"])
        dates = dates_read(raw.get("Dates Read", ""), table)
        last = table.date(raw.get("Last Date Read", ""))
        if last:
            dates.add(last)
        latest = max(dates, default=None)
        values = {
            "title": title,
            "author": authors,
            "grade": grade_for(raw["Star Rating"], "quarter-stars"),
            "isbn": number,
            "format": FORMATS.get(raw.get("Format", "").lower(), ""),
            "notes": raw.get("Review", ""),
            "year": latest.year if latest else None,
        }
        return Entry(
            model=Book,
            key=number or f"{fold(title)}|{fold(authors)}",
            values=values,
            line=line,
            raw=raw,
            dates=dates,
            when=at_noon(latest or table.date(raw.get("Date Added", ""))),
            ids={"isbn": list(dict.fromkeys([number, isbn13(number)]))} if number else {},
        )
