"""import_legacy: the Flask-era tables into the new models, value by value."""

import datetime
import sqlite3

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from books.models import Book
from catalog_site.sync import runner
from catalog_site.sync.base import MergeOptions
from catalog_site.sync.legacy import UNKNOWN_TIME, legacy_uuid
from films.models import Film

from . import legacy_tables as legacy
from .conftest import call_json
from .processes import manage


def utc(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC)


@pytest.fixture
def legacy_file(tmp_path):
    """The laptop's legacy SQLite file, with the optional columns and one unknown column."""
    path = tmp_path / "films.db"
    with sqlite3.connect(path) as connection:
        cursor = connection.cursor()
        legacy.create_legacy_tables(cursor, vendor="sqlite")
        legacy.insert(cursor, "films", legacy.FILM_COLUMNS, legacy.FILMS, "?")
        legacy.insert(cursor, "books", legacy.BOOK_COLUMNS, legacy.BOOKS, "?")
    return path


def add_legacy_tables(database, films, books, *, optional_columns=False):
    """Put legacy tables into a PostgreSQL catalog database, as production has them."""
    with psycopg.connect(database.spec, autocommit=True) as connection:
        cursor = connection.cursor()
        legacy.create_legacy_tables(cursor, vendor="postgresql", optional_columns=optional_columns)
        legacy.insert(cursor, "films", legacy.FILM_COLUMNS, films)
        legacy.insert(cursor, "books", legacy.BOOK_COLUMNS, books)


def import_legacy(source, target, *args):
    return call_json("import_legacy", str(source), "--target", target.spec, *args)


def film(database, legacy_id):
    return database.objects(Film).get(legacy_id=legacy_id)


def book(database, legacy_id, title=None):
    books = database.objects(Book).filter(legacy_id=legacy_id)
    return books.get(title=title) if title else books.get()


def notes(report, table):
    return next(notes for notes in report["legacy"] if notes["table"] == table)


@pytest.fixture
def imported(legacy_file, make_catalog):
    target = make_catalog("sqlite")
    report = import_legacy(legacy_file, target, "--no-backup")
    return target, report


def test_every_legacy_row_is_imported(imported):
    target, report = imported
    assert target.objects(Film).count() == len(legacy.FILMS)
    assert target.objects(Book).count() == len(legacy.BOOKS)
    counts = {model["model"]: model["counts"]["inserted"] for model in report["models"]}
    # The file is older than the old site's shows: none are read, and the report says so.
    assert counts == {
        "films.film": len(legacy.FILMS),
        "books.book": len(legacy.BOOKS),
        "shows.show": 0,
    }
    assert notes(report, "shows")["absent"] is True


def test_a_complete_film_field_by_field(imported):
    target, _ = imported
    parasite = film(target, 1)
    assert parasite.uuid == legacy_uuid("films", 1, "Parasite")
    assert parasite.title == "Parasite"
    assert (parasite.date_text, parasite.date, parasite.date_precision) == (
        "February 22, 2020",
        datetime.date(2020, 2, 22),
        "day",
    )
    assert (parasite.grade, parasite.score, parasite.a_grade_rank) == ("A", 18, 3)
    assert (parasite.year_watched, parasite.location, parasite.format) == (
        "2020",
        "San Fran",
        "Theatre",
    )
    assert (parasite.release_year, parasite.rotten_tomatoes, parasite.length_minutes) == (
        2019,
        99,
        133,
    )
    assert parasite.genres == "Comedy, Thriller, Drama"
    assert parasite.genre_index == "|comedy|drama|thriller|"
    assert parasite.image_url == "https://image.tmdb.org/t/p/w500/parasite.jpg"
    assert parasite.rt_link == "https://www.rottentomatoes.com/m/parasite_2019"
    assert parasite.created_at == utc(2025, 11, 20, 0, 24, 26, 8713)
    assert parasite.updated_at == utc(2025, 11, 21, 10, 0, 0, 500000)
    assert parasite.rt_per_minute == pytest.approx(99 / 133, abs=1e-3)
    assert parasite.legacy_data["rt_per_minute"] == "74%"
    assert parasite.legacy_data["spreadsheet_row"] is None


def test_messy_film_values(imported):
    target, _ = imported
    deer_hunter = film(target, 2)
    assert deer_hunter.title == "Deer Hunter,The"  # stored as written
    assert deer_hunter.display_title == "The Deer Hunter"
    assert deer_hunter.image_url == ""  # PLACEHOLDER
    assert deer_hunter.updated_at == deer_hunter.created_at == utc(2025, 11, 20, 0, 24, 26)
    assert deer_hunter.format == "Netflix"  # never the old display value "Streaming"

    ultron = film(target, 3)
    assert (ultron.date_text, ultron.date, ultron.date_precision) == (
        "1990s",
        datetime.date(1990, 1, 1),
        "decade",
    )
    assert ultron.rotten_tomatoes is None  # "no RT score"
    assert ultron.score == 10  # from the grade B-, not the stale 14

    long_film = film(target, 4)
    assert long_film.title == "Long  Bright  Film"  # inner spaces as written, ends trimmed
    assert long_film.sort_title == "long bright film"
    assert long_film.release_year is None  # 19
    assert long_film.legacy_data["release_year"] == 19
    assert (long_film.date, long_film.rotten_tomatoes) == (datetime.date(1997, 4, 1), 100)

    cats = film(target, 5)
    assert (cats.date_text, cats.date) == ("December 30, 1899", None)
    assert cats.format == "Netlix"
    assert cats.rotten_tomatoes == 0

    godfather = film(target, 6)
    assert godfather.date_text == ""
    assert godfather.location == ""
    assert godfather.image_url == ""  # "not a url"
    assert godfather.legacy_data["poster_url"] == "not a url"
    assert godfather.created_at == godfather.updated_at == UNKNOWN_TIME

    weird = film(target, 7)
    assert weird.grade == "B+"  # "B plus"
    assert weird.rotten_tomatoes is None  # "ninety"
    assert weird.genre_index == "|tv-movie|"


def test_books_field_by_field(imported):
    target, _ = imported
    right_stuff = book(target, 1)
    assert (right_stuff.title, right_stuff.author) == ("Right Stuff, The", "Wolfe, Tom")
    assert (right_stuff.display_title, right_stuff.author_display) == (
        "The Right Stuff",
        "Tom Wolfe",
    )
    assert (right_stuff.date_text, right_stuff.date) == (
        "February 15, 1999",
        datetime.date(1999, 2, 15),
    )
    assert (right_stuff.year, right_stuff.order_number, right_stuff.pages) == (1999, 12, 436)
    assert (right_stuff.grade, right_stuff.score, right_stuff.a_grade_rank) == ("A", 18, 1)
    assert right_stuff.notes == "Test pilots."
    assert (right_stuff.type, right_stuff.format, right_stuff.notes_in_notion) == (
        "NF/HIST",
        "Book",
        True,
    )
    assert right_stuff.notion_link == "https://notion.so/right-stuff"
    assert right_stuff.image_url == "https://books.google.com/right-stuff.jpg"
    assert (right_stuff.google_books_id, right_stuff.isbn) == ("gb1", "9780553381351")
    assert (right_stuff.average_rating, right_stuff.ratings_count) == (4.2, 1000)
    assert (right_stuff.published_date, right_stuff.year_written) == ("2001-09-04", 1979)
    assert right_stuff.description == "The story of the Mercury Seven."
    assert right_stuff.updated_at == utc(2025, 11, 22, 8)

    innovator = book(target, 2)
    assert innovator.format == "kindle"  # as entered
    assert innovator.notes_in_notion is None  # N/A
    assert innovator.score == 12  # B, not the stale 10
    assert innovator.date == datetime.date(1999, 5, 1)
    assert innovator.author_display == "Clayton Christensen & Michael Raynor"

    future = book(target, 3)
    assert future.title == "Long Bright  Future, A"
    assert future.display_title == "A Long Bright Future"
    assert future.notes_in_notion is None  # NA
    assert future.type == "Non-fiction: Social"

    reread = book(target, 4)
    assert reread.title == right_stuff.title
    assert reread.uuid != right_stuff.uuid
    assert (reread.notes_in_notion, reread.date_precision) == (True, "year")

    bad = book(target, 5)
    assert (bad.grade, bad.score, bad.pages, bad.average_rating) == ("", None, None, None)
    assert (bad.notes_in_notion, bad.notion_link, bad.date_text, bad.date) == (
        None,
        "",
        "sometime",
        None,
    )
    assert bad.legacy_data["j_rayting"] == "Z"


def test_the_report_says_what_was_interpreted(imported):
    _, report = imported
    films = notes(report, "films")
    assert films["rows"] == len(legacy.FILMS)
    assert films["unknown_columns"] == ["spreadsheet_row"]
    assert films["missing_columns"] == []
    assert set(films["unreadable"]) == {
        "date_seen",
        "poster_url",
        "release_year",
        "rotten_tomatoes",
    }
    assert films["unreadable"]["date_seen"]["examples"] == [{"id": 5, "value": "December 30, 1899"}]
    assert films["unreadable"]["release_year"] == {"count": 1, "examples": [{"id": 4, "value": 19}]}
    assert [(s["id"], s["legacy_score"], s["score"]) for s in films["stale_scores"]] == [
        (3, 14, 10),
        (7, 12, 14),
    ]
    books = notes(report, "books")
    assert set(books["unreadable"]) == {
        "average_rating",
        "date_read",
        "j_rayting",
        "notes_in_notion",
        "notion_link",
        "pages",
    }
    assert [(s["id"], s["legacy_score"], s["score"]) for s in books["stale_scores"]] == [
        (2, 10, 12)
    ]


def test_all_eighteen_grades_and_their_scores(legacy_file, make_catalog):
    rows = [
        (100 + n, "", f"Graded {grade}", grade, score, "", "", "", None, None, None, None, "",
         None, None, None, "2025-01-01 00:00:00", None)
        for n, (grade, score) in enumerate(legacy.GRADES)
    ]  # fmt: skip
    with sqlite3.connect(legacy_file) as connection:
        legacy.insert(connection.cursor(), "films", legacy.FILM_COLUMNS, rows, "?")
    target = make_catalog("sqlite")
    import_legacy(legacy_file, target, "--no-backup", "--only", "films")
    for grade, score in legacy.GRADES:
        imported = target.objects(Film).get(title=f"Graded {grade}")
        assert (imported.grade, imported.score) == (grade, score)


def test_importing_again_changes_nothing(imported, legacy_file):
    target, _ = imported
    before = target.dump(Film), target.dump(Book)
    report = import_legacy(legacy_file, target, "--no-backup")
    assert report["changes"] == 0
    assert (target.dump(Film), target.dump(Book)) == before


def test_reimporting_changed_rows_updates_exactly_those(imported, legacy_file):
    target, _ = imported
    edited_here = film(target, 5)
    edited_here.location = "Edited in the new admin"
    edited_here.save()
    with sqlite3.connect(legacy_file) as connection:
        # The old site edited rows without touching updated_at.
        connection.execute("UPDATE films SET letter_rating = 'A+' WHERE id IN (1, 3)")
        connection.execute("UPDATE films SET letter_rating = 'C' WHERE id = 5")
    before = {row["uuid"]: row for row in target.dump(Film)}
    report = import_legacy(legacy_file, target, "--no-backup")
    films = next(model for model in report["models"] if model["model"] == "films.film")
    assert films["counts"]["updated"] == 2
    assert films["counts"]["kept"] == 1  # the row edited in the new admin is newer
    after = {row["uuid"]: row for row in target.dump(Film)}
    changed = {after[key]["legacy_id"] for key in after if after[key] != before[key]}
    assert changed == {1, 3}
    assert film(target, 1).score == 20
    assert film(target, 5).grade == "D"


def test_laptop_and_production_rows_with_one_id(legacy_file, make_catalog):
    """Legacy ids drifted apart: production's id 2 is another film than the laptop's id 2."""
    production = make_catalog("postgresql")
    production_films = [
        legacy.FILMS[0],  # the same row as on the laptop
        (2, "", "Roma", "B", 12, "2018", "", "Netflix", 2018, "96%", 135, "", "Drama", "", "",
         None, "2025-11-20 00:24:26", None),
    ]  # fmt: skip
    add_legacy_tables(production, production_films, [])
    import_legacy(production.spec, production, "--no-backup")
    report = import_legacy(legacy_file, production, "--no-backup", "--only", "films")
    assert production.objects(Film).filter(legacy_id=1).count() == 1
    assert set(production.objects(Film).filter(legacy_id=2).values_list("title", flat=True)) == {
        "Roma",
        "Deer Hunter,The",
    }
    pairs = notes(report, "films")["same_id_different_title"]
    assert {"legacy_id": 2, "title": "Deer Hunter,The", "other_title": "Roma"} in pairs


def test_production_tables_without_optional_columns(make_catalog):
    production = make_catalog("postgresql")
    add_legacy_tables(production, legacy.FILMS, legacy.BOOKS, optional_columns=False)
    report = import_legacy(production.spec, production, "--no-backup")
    assert production.objects(Film).count() == len(legacy.FILMS)
    assert notes(report, "films")["missing_columns"] == [
        "oscar_nominations",
        "oscar_wins",
        "tmdb_id",
        "watch_providers",
        "watch_providers_updated_at",
    ]
    assert film(production, 1).created_at == utc(2025, 11, 20, 0, 24, 26, 8713)


def test_dry_run_writes_nothing(legacy_file, make_catalog):
    target = make_catalog("postgresql")
    report = import_legacy(legacy_file, target, "--dry-run")
    assert report["changes"] == len(legacy.FILMS) + len(legacy.BOOKS)
    assert not target.objects(Film).exists()


def test_a_database_without_legacy_tables_is_refused(make_catalog):
    catalog = make_catalog("sqlite")
    target = make_catalog("sqlite")
    with pytest.raises(CommandError, match="has no `films` or `books` or `shows` table"):
        import_legacy(catalog.spec, target)


def test_bad_input_exits_with_one_line(tmp_path, make_catalog):
    target = make_catalog("sqlite")
    text = tmp_path / "films.db"
    text.write_text("not a database")
    result = manage("import_legacy", str(text), "--target", target.spec, "--no-input", DEBUG="1")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].endswith("is not a SQLite database.")
    assert "Traceback" not in result.stderr


def test_round_trip_laptop_and_production_end_the_same(legacy_file, make_catalog):
    laptop = make_catalog("sqlite")
    production = make_catalog("postgresql")
    production_films = [
        legacy.FILMS[0],
        (2, "", "Roma", "B", 12, "2018", "", "Netflix", 2018, "96%", 135, "", "Drama", "", "",
         None, "2025-11-20 00:24:26", None),
        (40, "2024-03-02", "Dune: Part Two", "A-", 16, "2024", "", "Theatre", 2024, "92%", 166,
         "", "Sci Fi", "", "", None, "2025-11-20 00:24:26", None),
    ]  # fmt: skip
    add_legacy_tables(production, production_films, legacy.BOOKS[:2])

    import_legacy(legacy_file, laptop, "--no-backup")
    import_legacy(production.spec, production, "--no-backup")
    for command, source, target in [
        ("sync_to_postgres", laptop, production),
        ("sync_from_postgres", production, laptop),
    ]:
        call_command(
            command, "--source", source.spec, "--target", target.spec, "--no-input",
            "--no-backup", stdout=open("/dev/null", "w"),  # noqa: SIM115
        )  # fmt: skip

    def rows(database, model):
        """Every column but the local id, and legacy_data: each database keeps the record of
        its own Flask-era table (their columns differed)."""
        return sorted(
            (
                {k: v for k, v in row.items() if k not in {"id", "legacy_data"}}
                for row in database.dump(model)
            ),
            key=lambda row: str(row["uuid"]),
        )

    for model in (Film, Book):
        assert rows(laptop, model) == rows(production, model)
        for database in (laptop, production):
            assert all(row["legacy_data"] for row in database.dump(model))
    assert laptop.objects(Film).count() == len(legacy.FILMS) + 2
    with runner.opened(laptop.spec, production.spec) as databases:
        assert databases.sync([Film, Book], MergeOptions(dry_run=True)).changes == 0


def test_undoing_the_import_removes_what_it_added(imported):
    from catalog_site.history.versions import undo_run

    target, report = imported
    assert target.objects(Film).exists()
    undone = undo_run(report["run"], using=target.alias)
    assert not target.objects(Film).exists()
    assert not target.objects(Book).exists()
    assert len(undone.removed) == report["changes"]
