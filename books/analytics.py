"""How books are grouped for charts: by year read, type, form and author.

GROUPINGS feed the stats page and /api/books/analytics/<kind>; LEGACY_ROUTES are the
Flask-era /api/analytics/books/... routes, which group by the values as stored and leave out
books without one.
"""

from catalog_site.catalog.analytics import Grouping, by_count, or_unknown
from catalog_site.catalog.text import split_people
from catalog_site.catalog.years import YearReview

TOP_AUTHORS = 20


def as_stored(values):
    return [values[0]] if values[0] else []


def newest_first(row):
    return -row["label"]


GROUPINGS = {
    "year": Grouping(("year",), or_unknown(as_stored, "unknown")),
    "type": Grouping(("type",), or_unknown(as_stored, "none")),
    "form": Grouping(("format",), lambda values: [values[0].capitalize() or "none"]),
    "authors": Grouping(
        ("author",),
        lambda values: split_people(values[0]) or ["unknown"],
        order=by_count,
        limit=TOP_AUTHORS,
    ),
}

# Path under /api/analytics/books/, the name and type of the label in its JSON, the grouping.
LEGACY_ROUTES = {
    "by-year": ("year", int, Grouping(("year",), as_stored, newest_first)),
    "by-type": ("type", str, Grouping(("type",), as_stored, by_count)),
    "by-form": ("form", str, Grouping(("format",), as_stored, by_count)),
    "by-author": ("author", str, Grouping(("author",), as_stored, by_count, TOP_AUTHORS)),
}

# The year in review (/books/year/2024/): pages, types, forms and authors.
YEAR_REVIEW = YearReview(
    length="pages",
    length_unit="pages",
    charts={
        "type": ("By type", GROUPINGS["type"]._replace(order=by_count)),
        "form": ("By form", GROUPINGS["form"]._replace(order=by_count)),
        "authors": ("Most read authors", GROUPINGS["authors"]._replace(limit=10)),
    },
    list_parameter="year",
)
