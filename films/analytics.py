"""How films are grouped for charts: by year watched, release decade, RT range and genre."""

from catalog_site.catalog.analytics import Grouping
from catalog_site.catalog.text import genre_label


def year_watched(value):
    text, date = value
    return [text or (str(date.year) if date else "unknown")]


def decade(year):
    return [f"{year // 10 * 10}s" if year else "unknown"]


def rt_range(percent):
    if percent is None:
        return ["no RT score"]
    low = min(percent // 10 * 10, 90)
    return [f"{low}-{low + 9 if low < 90 else 100}%"]


def genres(index):
    return [genre_label(key) for key in index.split("|") if key] or ["none"]


GROUPINGS = {
    "year-watched": Grouping(("year_watched", "date"), year_watched),
    "decade": Grouping(("release_year",), lambda values: decade(values[0])),
    "rt": Grouping(("rotten_tomatoes",), lambda values: rt_range(values[0])),
    "genre": Grouping(("genre_index",), lambda values: genres(values[0])),
}
