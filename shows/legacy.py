"""The Flask-era `shows` table, as the legacy import reads it (see catalog_site.sync.legacy)."""

import re

from catalog_site.sync.legacy import LegacyTable, RowReader

from .models import FIRST_SHOW_YEAR, latest_year

COLUMNS = {
    "id", "title", "start_year", "end_year", "is_ongoing", "seasons", "episodes", "j_rayting",
    "score", "imdb_rating", "imdb_id", "tmdb_id", "genres", "poster_url", "details_commentary",
    "date_watched", "a_grade_rank", "created_at", "updated_at", "watch_providers",
    "watch_providers_updated_at",
}  # fmt: skip

# "8.7/10", "8.7", "8,7/10", " 9 / 10 ".
IMDB_RATING = re.compile(r"(\d{1,2}(?:[.,]\d+)?)\s*(?:/\s*10)?")


def imdb_rating(read, column):
    """The IMDb rating out of 10 (8.7 for "8.7/10"), or None (noted) for anything else."""
    value = read.text(column)
    if not value or value.upper() in {"N/A", "NA"}:
        return None
    match = IMDB_RATING.fullmatch(value)
    rating = float(match[1].replace(",", ".")) if match else None
    if rating is None or rating > 10:
        read.problem(column, value)
        return None
    return rating


def imdb_id(read, column):
    value = read.text(column)
    if value and not re.fullmatch(r"tt\d{7,10}", value):
        read.problem(column, value)
        return ""
    return value


def boolean(read, column):
    """SQLite stores the flag as 0/1, PostgreSQL as a boolean; both read here."""
    value = read.raw(column)
    if isinstance(value, bool) or value is None:
        return value
    return read.yes_no(column)


def show_fields(row, notes):
    """The Show fields for one legacy `shows` row."""
    read = RowReader(row, notes)
    start = read.integer("start_year", FIRST_SHOW_YEAR, latest_year())
    end = read.integer("end_year", FIRST_SHOW_YEAR, latest_year())
    if start and end and end < start:  # the admin would refuse it; the row keeps it
        read.problem("end_year", read.raw("end_year"))
        end = None
    return {
        **read.shared_fields(TABLE, 300, "j_rayting"),
        "start_year": start,
        "end_year": end,
        "is_ongoing": boolean(read, "is_ongoing"),
        "seasons": read.integer("seasons", low=1, high=32_767),
        "episodes": read.integer("episodes", low=1, high=1_000_000),
        "imdb_rating": imdb_rating(read, "imdb_rating"),
        "imdb_id": imdb_id(read, "imdb_id"),
        "tmdb_id": read.integer("tmdb_id", low=1, high=2_147_483_647),
        "genres": read.text("genres", 255),
        "image_url": read.url("poster_url"),
        "notes": read.text("details_commentary"),
        "watch_providers": read.json("watch_providers"),
        "watch_providers_updated_at": read.timestamp("watch_providers_updated_at"),
    }


TABLE = LegacyTable("shows", COLUMNS, show_fields, "title", "date_watched")
