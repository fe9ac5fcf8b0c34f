"""How films are grouped for charts: by year watched, release decade, RT range and genre.

GROUPINGS feed the stats page and /api/films/analytics/<kind>; LEGACY_ROUTES are the same
kind of groupings under the Flask-era routes and names (/api/analytics/by-year, ...), where
rows without a value are left out rather than counted as "unknown".
"""

from catalog_site.catalog.analytics import (
    Grouping,
    by_count,
    decade,
    decade_or_before,
    genres,
    leading_pre,
    or_unknown,
)
from catalog_site.catalog.dates import NAMES_A_YEAR
from catalog_site.catalog.years import YearReview

# The Flask-era by-film-year put every film older than 1950 in "Pre-1950".
legacy_decade = decade_or_before(1950)


def year_watched(values):
    """The year_watched text, else the year of the date seen when the text names one
    (not "1990s"): [] when neither is known."""
    text, date, precision = values
    if text:
        return [text]
    return [str(date.year)] if date and precision in NAMES_A_YEAR else []


def rt_range(values):
    percent = values[0]
    if percent is None:
        return []
    low = min(percent // 10 * 10, 90)
    return [f"{low}-{low + 9 if low < 90 else 100}%"]


def years_ascending(row):
    """Labels that are not years ("Pre-2006") first, then the years in order."""
    label = row["label"]
    return (0, label, 0) if not label.isdigit() else (1, "", int(label))


def years_watched_in_order(row):
    """As years_ascending ("Pre-2006" first, then the years), with "unknown" last."""
    return (1,) if row["label"] == "unknown" else (0, *years_ascending(row))


def highest_range_first(row):
    return -int(row["label"].split("-")[0])


YEAR_WATCHED_COLUMNS = ("year_watched", "date", "date_precision")

GROUPINGS = {
    "year-watched": Grouping(
        YEAR_WATCHED_COLUMNS, or_unknown(year_watched), years_watched_in_order
    ),
    "decade": Grouping(("release_year",), or_unknown(decade)),
    "rt": Grouping(("rotten_tomatoes",), or_unknown(rt_range, "no RT score")),
    "genre": Grouping(("genre_index",), or_unknown(genres, "none")),
}

# The Flask-era routes: path under /api/analytics/, the name and type of the label in its
# JSON, the grouping. Genres are normalised here ("Sci Fi" and "Science Fiction" count as one).
LEGACY_ROUTES = {
    "by-year": ("year_watched", str, Grouping(YEAR_WATCHED_COLUMNS, year_watched, years_ascending)),
    "by-film-year": ("decade", str, Grouping(("release_year",), legacy_decade, leading_pre)),
    "by-rt-score": ("rt_range", str, Grouping(("rotten_tomatoes",), rt_range, highest_range_first)),
    "by-genre": ("genre", str, Grouping(("genre_index",), genres, by_count)),
}

# The year in review (/films/year/2024/): runtimes, and genres by count.
YEAR_REVIEW = YearReview(
    length="length_minutes",
    length_unit="minutes",
    charts={"genre": ("By genre", GROUPINGS["genre"]._replace(order=by_count))},
    list_parameter="year_watched",
)
