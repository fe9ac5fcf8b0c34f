"""Goodreads' library export, goodreads_library_export.csv (Book Id, Title, Author,
Author l-f, Additional Authors, ISBN, ISBN13, My Rating, ..., Date Read, Date Added,
Bookshelves, ..., Exclusive Shelf, My Review, ..., Read Count, Owned Copies).

Only the "read" shelf by default. ISBNs come written as ="0316769487"; "My Rating" 0 is no
rating. The author is kept as Goodreads writes it last name first ("Wolfe, Tom"), as the
catalog does.
"""

import re

from catalog_site.files.base import Entry
from catalog_site.files.dates import at_noon, parse_year
from catalog_site.files.grades import grade_for
from catalog_site.files.services import ServiceFormat, on_shelf

from .models import Book

# The columns of the export, in its order (the importer needs only some of them).
HEADERS = [
    "Book Id", "Title", "Author", "Author l-f", "Additional Authors", "ISBN", "ISBN13",
    "My Rating", "Average Rating", "Publisher", "Binding", "Number of Pages", "Year Published",
    "Original Publication Year", "Date Read", "Date Added", "Bookshelves",
    "Bookshelves with positions", "Exclusive Shelf", "My Review", "Spoiler", "Private Notes",
    "Read Count", "Owned Copies",
]  # fmt: skip
BINDINGS = {"kindle edition": "Kindle", "audible audio": "Audible", "audiobook": "Audible"}


def isbn(value):
    """The digits (and X) of ="0316769487", or ""."""
    return re.sub(r"[^0-9Xx]", "", value).upper()


class Goodreads(ServiceFormat):
    name = "goodreads"
    label = "Goodreads library (goodreads_library_export.csv)"
    model = Book
    headers = {"Book Id", "Title", "Author", "My Rating", "Exclusive Shelf"}
    columns = HEADERS
    date_columns = ("Date Read", "Date Added")
    members = ("goodreads_library_export.csv",)
    options = ("shelf",)

    def entry(self, raw, line, table, options):
        on_shelf(raw, "Exclusive Shelf", "shelf", options)
        book_id = raw["Book Id"]
        if not book_id.isdigit():
            raise ValueError(f"Book Id {book_id!r} is not a number")
        title = raw["Title"]
        if not title:
            raise ValueError("no title")
        pages = raw.get("Number of Pages", "")
        if pages and not pages.isdigit():
            raise ValueError(f"number of pages {pages!r} is not a number")
        read = table.date(raw.get("Date Read", ""))
        isbn13, isbn10 = isbn(raw.get("ISBN13", "")), isbn(raw.get("ISBN", ""))
        binding = raw.get("Binding", "")
        values = {
            "title": title,
            "author": raw.get("Author l-f", "") or raw["Author"],
            "grade": grade_for(raw["My Rating"], "stars"),
            "pages": int(pages) if pages and int(pages) else None,
            "year_written": parse_year(raw.get("Original Publication Year", "")),
            "isbn": isbn13 or isbn10,
            "format": BINDINGS.get(binding.lower(), ""),
            "year": read.year if read else None,
            "goodreads_id": book_id,
        }
        return Entry(
            model=Book,
            key=book_id,
            values=values,
            line=line,
            raw=raw,
            dates={read} if read else set(),
            when=at_noon(read or table.date(raw.get("Date Added", ""))),
            ids={
                "goodreads_id": book_id,
                "isbn": [number for number in (isbn13, isbn10) if number],
            },
        )
