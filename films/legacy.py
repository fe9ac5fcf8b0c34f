"""The Flask-era `films` table, as the legacy import reads it (see catalog_site.sync.legacy)."""

from catalog_site.sync.legacy import LegacyTable, RowReader

from .models import FIRST_FILM_YEAR, latest_release_year

COLUMNS = {
    "id", "order_number", "date_seen", "title", "letter_rating", "score", "year_watched",
    "location", "format", "release_year", "rotten_tomatoes", "length_minutes", "rt_per_minute",
    "genres", "poster_url", "rt_link", "a_grade_rank", "tmdb_id", "watch_providers",
    "watch_providers_updated_at", "oscar_wins", "oscar_nominations", "created_at", "updated_at",
}  # fmt: skip


def film_fields(row, notes):
    """The Film fields for one legacy `films` row."""
    read = RowReader(row, notes)
    length = read.integer("length_minutes", low=1, high=10_000)
    return {
        **read.shared_fields(TABLE, 300, "letter_rating"),
        "release_year": read.integer("release_year", FIRST_FILM_YEAR, latest_release_year()),
        "length_minutes": length,
        "genres": read.text("genres", 255),
        "year_watched": read.text("year_watched", 20),
        "location": read.text("location", 200),
        "format": read.text("format", 100),
        "rotten_tomatoes": read.percentage("rotten_tomatoes"),
        "rt_link": read.url("rt_link"),
        "image_url": read.url("poster_url"),
        "tmdb_id": read.integer("tmdb_id", low=1),
        "watch_providers": read.json("watch_providers"),
        "watch_providers_updated_at": read.timestamp("watch_providers_updated_at"),
        "oscar_wins": read.integer("oscar_wins", low=0, high=1000),
        "oscar_nominations": read.integer("oscar_nominations", low=0, high=1000),
    }


TABLE = LegacyTable("films", COLUMNS, film_fields, "title", "date_seen")
