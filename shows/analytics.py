"""How shows are grouped for charts: by year watched, the decade they began, genre and IMDb
rating.

GROUPINGS feed the stats page and /api/shows/analytics/<kind>; LEGACY_ROUTES are the
Flask-era /api/analytics/shows/... routes, which leave out shows without a value.
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

# The Flask-era by-year put every show begun before 1990 in "Pre-1990".
legacy_decade = decade_or_before(1990)


def year_watched(values):
    date, precision = values
    return [str(date.year)] if date and precision in NAMES_A_YEAR else []


def imdb_band(values):
    """A whole point of IMDb's rating: "8–8.9"; 9 and above in one band."""
    rating = values[0]
    if rating is None:
        return []
    low = min(int(rating), 9)
    return ["9–10" if low == 9 else f"{low}–{low}.9"]


def years_ascending(row):
    return (1,) if row["label"] == "unknown" else (0, int(row["label"]))


def highest_band_first(row):
    return (1, 0) if row["label"] == "no rating" else (0, -int(row["label"].split("–")[0]))


GROUPINGS = {
    "year-watched": Grouping(("date", "date_precision"), or_unknown(year_watched), years_ascending),
    "decade": Grouping(("start_year",), or_unknown(decade)),
    "genre": Grouping(("genre_index",), or_unknown(genres, "none")),
    "imdb": Grouping(("imdb_rating",), or_unknown(imdb_band, "no rating"), highest_band_first),
}

# Path under /api/analytics/shows/, the name and type of the label in its JSON, the grouping.
LEGACY_ROUTES = {
    "by-year": ("decade", str, Grouping(("start_year",), legacy_decade, leading_pre)),
    "by-genre": ("genre", str, Grouping(("genre_index",), genres, by_count)),
}

# The year in review (/shows/year/2024/): episodes, and genres by count.
YEAR_REVIEW = YearReview(
    length="episodes",
    length_unit="episodes",
    charts={"genre": ("By genre", GROUPINGS["genre"]._replace(order=by_count))},
    list_parameter="watched",
)
