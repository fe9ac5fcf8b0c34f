"""import_legacy brings the Flask-era `shows` table over, from the old SQLite file or from
production's PostgreSQL, every value kept, unreadable values reported."""

import datetime
import sqlite3

import psycopg
import pytest
from django.core.management.base import CommandError

from catalog_site.sync.legacy import legacy_uuid
from catalog_site.tests.conftest import call_json
from catalog_site.tests.legacy_tables import BOOK_COLUMNS, BOOKS, create_legacy_tables, insert
from shows.models import Show

SHOWS_DDL = """
CREATE TABLE shows (
    id {serial} PRIMARY KEY,
    title TEXT NOT NULL,
    start_year INTEGER,
    end_year INTEGER,
    is_ongoing BOOLEAN,
    seasons INTEGER,
    episodes INTEGER,
    j_rayting TEXT,
    score INTEGER,
    imdb_rating TEXT,
    imdb_id TEXT,
    tmdb_id INTEGER,
    genres TEXT,
    poster_url TEXT,
    details_commentary TEXT,
    date_watched TEXT,
    a_grade_rank INTEGER,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    watch_providers TEXT,
    watch_providers_updated_at TIMESTAMP,
    network TEXT
)
"""
COLUMNS = [
    "id", "title", "start_year", "end_year", "is_ongoing", "seasons", "episodes", "j_rayting",
    "score", "imdb_rating", "imdb_id", "tmdb_id", "genres", "poster_url", "details_commentary",
    "date_watched", "a_grade_rank", "created_at", "updated_at", "watch_providers",
    "watch_providers_updated_at", "network",
]  # fmt: skip
PROVIDERS = '{"region": "US", "flatrate": ["Max"], "link": "https://www.themoviedb.org/tv/1438"}'
SHOWS = [
    (1, "Wire, The", 2002, 2008, False, 5, 60, "A+", 20, "9.3/10", "tt0306414", 1438,
     "Crime, Drama", "https://image.tmdb.org/t/p/w500/wire.jpg", "A city as the main character.",
     "March 2, 2014", None, "2025-01-10 08:00:00.123456", "2025-02-01 09:30:00", PROVIDERS,
     "2025-02-01 09:30:00", "HBO"),
    (2, "Severance", 2022, None, True, 2, 19, "A", 14, "8.7", "tt11280740", 95396,
     "Drama, Sci-Fi & Fantasy", "PLACEHOLDER", "", "2025-03-21", 1, "2025-01-10 08:00:00",
     None, None, None, "Apple TV+"),
    (3, "  Twin  Peaks ", 1990, 1991, None, 2, 30, "B plus", None, "eight", "nm0000186", -4,
     "Drama", "not a url", None, "Spring-91", None, None, None, "{broken", None, None),
    (4, "Cheers", 1982, 1993, False, 11, 275, "Z", 8, "12/10", "", None, None, None, None, "",
     None, "2025-01-10 08:00:00", None, None, None, None),
]  # fmt: skip


def utc(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC)


def add_shows(cursor, vendor, rows=SHOWS):
    serial = "SERIAL" if vendor == "postgresql" else "INTEGER"
    cursor.execute(SHOWS_DDL.format(serial=serial))
    insert(cursor, "shows", COLUMNS, rows, "?" if vendor == "sqlite" else "%s")


@pytest.fixture
def sqlite_source(tmp_path):
    path = tmp_path / "films.db"
    with sqlite3.connect(path) as connection:
        cursor = connection.cursor()
        create_legacy_tables(cursor, vendor="sqlite")
        add_shows(cursor, "sqlite")
    return path


@pytest.fixture
def postgresql_source(make_catalog):
    """Production: the legacy tables beside the catalog's own, in one PostgreSQL database."""
    database = make_catalog("postgresql")
    with psycopg.connect(database.spec, autocommit=True) as connection:
        cursor = connection.cursor()
        create_legacy_tables(cursor, vendor="postgresql")
        add_shows(cursor, "postgresql")
    return database.spec


def import_legacy(source, target, *args):
    return call_json("import_legacy", str(source), "--target", target.spec, "--no-backup", *args)


def counts(report):
    return {model["model"]: model["counts"] for model in report["models"]}


@pytest.mark.parametrize("source", ["sqlite_source", "postgresql_source"])
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_every_show_and_every_value_is_imported(request, make_catalog, source, kind):
    target = make_catalog(kind)
    report = import_legacy(request.getfixturevalue(source), target)
    assert counts(report)["shows.show"]["inserted"] == 4
    shows = {show.legacy_id: show for show in target.objects(Show)}

    wire = shows[1]
    assert wire.uuid == legacy_uuid("shows", 1, "Wire, The")
    assert (wire.title, wire.display_title, wire.years) == ("Wire, The", "The Wire", "2002–2008")
    assert (wire.start_year, wire.end_year, wire.is_ongoing) == (2002, 2008, False)
    assert (wire.seasons, wire.episodes) == (5, 60)
    assert (wire.grade, wire.score, wire.imdb_rating) == ("A+", 20, 9.3)
    assert (wire.imdb_id, wire.tmdb_id) == ("tt0306414", 1438)
    assert wire.image_url == "https://image.tmdb.org/t/p/w500/wire.jpg"
    assert wire.notes == "A city as the main character."
    assert (wire.date_text, wire.date) == ("March 2, 2014", datetime.date(2014, 3, 2))
    assert wire.watch_providers["flatrate"] == ["Max"]
    assert wire.watch_providers_updated_at == utc(2025, 2, 1, 9, 30)
    assert wire.created_at == utc(2025, 1, 10, 8, 0, 0, 123456)
    assert wire.updated_at == utc(2025, 2, 1, 9, 30)
    assert wire.legacy_data["network"] == "HBO"  # an unknown column is kept in the record

    severance = shows[2]
    assert (severance.is_ongoing, severance.end_year, severance.years) == (True, None, "2022–")
    assert (severance.imdb_rating, severance.a_grade_rank, severance.score) == (8.7, 1, 18)
    assert severance.image_url == ""  # PLACEHOLDER
    assert severance.genre_index == "|drama|sci-fi-fantasy|"

    twin_peaks = shows[3]
    assert twin_peaks.title == "Twin  Peaks"
    assert (twin_peaks.grade, twin_peaks.is_ongoing) == ("B+", None)
    assert (twin_peaks.imdb_rating, twin_peaks.imdb_id, twin_peaks.tmdb_id) == (None, "", None)
    assert (twin_peaks.image_url, twin_peaks.watch_providers) == ("", None)
    assert twin_peaks.legacy_data["imdb_rating"] == "eight"

    cheers = shows[4]
    assert (cheers.grade, cheers.imdb_rating, cheers.genres) == ("", None, "")

    (notes,) = [notes for notes in report["legacy"] if notes["table"] == "shows"]
    assert notes["rows"] == 4
    assert notes["unknown_columns"] == ["network"]
    unreadable = {field: value["count"] for field, value in notes["unreadable"].items()}
    assert unreadable == {
        "imdb_rating": 2, "imdb_id": 1, "tmdb_id": 1, "poster_url": 1, "watch_providers": 1,
        "j_rayting": 1, "date_watched": 1,
    }  # fmt: skip
    assert [stale["id"] for stale in notes["stale_scores"]] == [2]


def test_importing_again_changes_nothing(sqlite_source, make_catalog):
    target = make_catalog("sqlite")
    import_legacy(sqlite_source, target)
    before = target.dump(Show)
    again = counts(import_legacy(sqlite_source, target))["shows.show"]
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 4)
    assert target.dump(Show) == before


def test_an_older_file_without_shows_imports_the_rest_and_says_so(tmp_path, make_catalog):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as connection:
        cursor = connection.cursor()
        create_legacy_tables(cursor, vendor="sqlite")
        insert(cursor, "books", BOOK_COLUMNS, BOOKS, "?")
    target = make_catalog("sqlite")
    report = import_legacy(path, target)
    assert counts(report)["books.book"]["inserted"] == len(BOOKS)
    assert counts(report)["shows.show"]["inserted"] == 0
    (notes,) = [notes for notes in report["legacy"] if notes["table"] == "shows"]
    assert notes["absent"] is True
    assert not target.objects(Show).exists()


def test_only_shows_from_a_file_without_them_is_refused(tmp_path, make_catalog):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as connection:
        create_legacy_tables(connection.cursor(), vendor="sqlite")
    target = make_catalog("sqlite")
    with pytest.raises(CommandError, match="has no `shows` table"):
        import_legacy(path, target, "--only", "shows")
    assert not target.objects(Show).exists()


def test_values_no_one_could_have_meant_are_noted_not_stored(tmp_path, make_catalog):
    """A last year before the first, NUL characters (PostgreSQL cannot store them) and an
    empty title: the row is kept, the value left out of its field and reported, with a long
    value shortened in the report."""
    path = tmp_path / "films.db"
    rows = [
        (1, "Lost", 2010, 2004, False, 6, 121, "B", 12, "8.3/10", None, None, "Drama\x00",
         None, "Smoke\x00 monster", "", None, None, None, None, None, None),
        (2, "", 2001, None, None, None, None, "C", 6, None, None, None, None, None,
         "x" * 10_000, "", None, None, None, None, None, None),
    ]  # fmt: skip
    with sqlite3.connect(path) as connection:
        cursor = connection.cursor()
        create_legacy_tables(cursor, vendor="sqlite")
        add_shows(cursor, "sqlite", rows)
    for kind in ("sqlite", "postgresql"):
        target = make_catalog(kind)
        report = import_legacy(path, target)
        assert counts(report)["shows.show"]["inserted"] == 2
        lost = target.objects(Show).get(legacy_id=1)
        assert (lost.start_year, lost.end_year, lost.legacy_data["end_year"]) == (2010, None, 2004)
        assert (lost.genres, lost.notes) == ("Drama", "Smoke monster")
        assert target.objects(Show).get(legacy_id=2).title == ""
        (notes,) = [notes for notes in report["legacy"] if notes["table"] == "shows"]
        unreadable = notes["unreadable"]
        assert {field: value["count"] for field, value in unreadable.items()} == {
            "end_year": 1, "genres": 1, "details_commentary": 1, "title": 1,
        }  # fmt: skip
        assert max(len(str(example["value"])) for field in unreadable.values()
                   for example in field["examples"]) <= 201  # fmt: skip
