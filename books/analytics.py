"""How books are grouped for charts: by year read, type, form and author."""

from catalog_site.catalog.analytics import Grouping, by_count
from catalog_site.catalog.text import split_people

TOP_AUTHORS = 20

GROUPINGS = {
    "year": Grouping(("year",), lambda values: [values[0] or "unknown"]),
    "type": Grouping(("type",), lambda values: [values[0] or "none"]),
    "form": Grouping(("format",), lambda values: [values[0].capitalize() or "none"]),
    "authors": Grouping(
        ("author",),
        lambda values: split_people(values[0]) or ["unknown"],
        order=by_count,
        limit=TOP_AUTHORS,
    ),
}
