"""import_file with files as real exports and spreadsheets write them: damaged rows,
encodings and separators, dates re-saved by a spreadsheet, every row accounted for,
Letterboxd's whole export, newer exports over older ones, values at the edges. Each test runs
on SQLite and on PostgreSQL; the files are written here in the shapes the real ones have."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from books.models import Book
from books.storygraph import HEADERS as STORYGRAPH
from films.models import Film
from shows.models import Show

from .test_import_file import (
    DIARY,
    GOODREADS,
    IMDB,
    LETTERBOXD,
    counts,
    goodreads_row,
    run,
    to_csv,
    write_csv,
)
from .test_merge import add

WATCHED = LETTERBOXD[:4]
RATINGS = LETTERBOXD[:5]


@pytest.fixture(params=["sqlite", "postgresql"])
def catalog(request, make_catalog):
    return make_catalog(request.param)


def accounted(report):
    """The file's row outcomes without zeros, after checking they add up to its rows."""
    found = report["file"]
    assert sum(found["outcomes"].values()) == found["rows"]
    return {name: count for name, count in found["outcomes"].items() if count}


def reasons(report):
    return [problem["reason"] for problem in report["file"]["not_understood"]]


# Damaged rows


def test_a_file_cut_inside_a_quoted_field_refuses_its_last_row_only(catalog, tmp_path):
    text = to_csv(LETTERBOXD, DIARY[:2]) + '2021-06-02,"Amélie, or the'
    path = tmp_path / "diary.csv"
    path.write_text(text, encoding="utf-8")
    report = run(catalog, path)
    assert accounted(report) == {"added": 2, "not_understood": 1}
    assert reasons(report) == ["the file ends inside a row (in a quoted field)"]
    assert catalog.objects(Film).count() == 1


def test_a_diary_row_cut_after_its_uri_is_not_imported_with_the_wrong_date(catalog, tmp_path):
    text = to_csv(LETTERBOXD, DIARY[2:3]) + "2021-06-02,Heat,1995,https://boxd.it/x1"
    path = tmp_path / "diary.csv"
    path.write_text(text, encoding="utf-8")
    report = run(catalog, path)
    assert reasons(report) == ["the file ends inside a row: it has 4 of 8 columns"]
    assert not catalog.objects(Film).filter(title="Heat").exists()


@pytest.mark.parametrize(
    ("headers", "row", "file_name"),
    [
        (GOODREADS, ["1", "Dune"], "goodreads_library_export.csv"),
        (IMDB, ["tt0068646", "10", "2020-02-02"], "ratings.csv"),
        (LETTERBOXD, ["2020-01-01", "Heat"], "diary.csv"),
    ],
)
def test_a_short_row_is_not_understood_with_its_width(catalog, tmp_path, headers, row, file_name):
    path = write_csv(tmp_path / file_name, headers, [row])
    report = run(catalog, path)
    assert reasons(report) == [f"the row has {len(row)} of {len(headers)} columns"]
    assert accounted(report) == {"not_understood": 1}


def test_a_row_with_values_past_the_header_is_not_understood(catalog, tmp_path):
    path = write_csv(tmp_path / "diary.csv", LETTERBOXD, [[*DIARY[0], "extra"]])
    assert reasons(run(catalog, path)) == ["the row has 9 columns, the header 8"]


# Encodings and separators


def test_a_windows_1252_file_is_read_and_the_report_says_so(catalog, tmp_path):
    rows = [["tt0211915", "8", "2020-02-02", "Amélie", "", "", "Movie", "8.3", "122", "2001",
             "Comedy", "1", "2001-04-25", "Jean-Pierre Jeunet"]]  # fmt: skip
    path = tmp_path / "ratings.csv"
    path.write_bytes(to_csv(IMDB, rows).encode("cp1252"))
    report = run(catalog, path)
    assert accounted(report) == {"added": 1}
    (table,) = report["file"]["tables"]
    assert (table["encoding"], table["not_utf8"]) == ("Windows-1252", True)
    assert catalog.objects(Film).get().title == "Amélie"


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("utf-16", "\t"), ("utf-8-sig", ";"), ("utf-8", ";"), ("utf-16", ",")],
)
def test_spreadsheet_re_saves_are_read(catalog, tmp_path, encoding, separator):
    text = to_csv(LETTERBOXD, DIARY).replace(",", separator)
    # Amélie's title holds a comma-free quoted value; the separator replaced only commas.
    path = tmp_path / "diary.csv"
    path.write_bytes(text.replace(separator + " ", ", ").encode(encoding))
    report = run(catalog, path)
    assert accounted(report) == {"added": 4}
    assert report["file"]["tables"][0]["separator"] == separator
    assert catalog.objects(Film).filter(title='Amélie "Le Fabuleux Destin"').exists()


def test_padded_headers_and_values_are_stripped(catalog, tmp_path):
    row = goodreads_row("1", "Dune", "Herbert, Frank", rating="5")
    text = " , ".join(f" {name} " for name in GOODREADS) + "\n"
    text += " , ".join(f' "{value}" ' if "," in value else f" {value} " for value in row) + "\n"
    path = tmp_path / "goodreads_library_export.csv"
    path.write_text(text, encoding="utf-8")
    assert accounted(run(catalog, path)) == {"added": 1}
    book = catalog.objects(Book).get()
    assert (book.title, book.author, book.grade) == ("Dune", "Herbert, Frank", "A+")


# Dates as spreadsheets write them


def test_month_first_dates_are_read_when_the_file_settles_it(catalog, tmp_path):
    rows = [[*row[:7], row[7]] for row in DIARY]
    for row in rows:
        year, month, day = row[7].split("-")
        row[7] = f"{int(month)}/{int(day)}/{year}"
        row[0] = ""
    rows[0][7] = "2/15/2020"
    report = run(catalog, write_csv(tmp_path / "diary.csv", LETTERBOXD, rows))
    assert report["file"]["tables"][0]["dates"] == "M/D/YYYY"
    assert catalog.objects(Film).get(release_year=2000).date_text == "2021-05-30"
    assert catalog.objects(Film).get(release_year=1972).all_dates == "2023-03-01, 2020-02-15"


def test_day_first_dates_are_read_when_the_file_settles_it(catalog, tmp_path):
    rows = [goodreads_row("1", "Dune", "Herbert, Frank", read="14/03/2019"),
            goodreads_row("2", "Emma", "Austen, Jane", read="02/01/2020")]  # fmt: skip
    report = run(catalog, write_csv(tmp_path / "goodreads_library_export.csv", GOODREADS, rows))
    assert report["file"]["tables"][0]["dates"] == "D/M/YYYY"
    assert catalog.objects(Book).get(title="Emma").date_text == "2020-01-02"


def test_a_file_whose_dates_could_be_either_is_refused(catalog, tmp_path):
    rows = [goodreads_row("1", "Dune", "Herbert, Frank", read="3/4/2019")]
    path = write_csv(tmp_path / "goodreads_library_export.csv", GOODREADS, rows)
    with pytest.raises(CommandError, match="could be day first or month first.*YYYY-MM-DD"):
        run(catalog, path)
    assert not catalog.objects(Book).exists()


# Every row accounted for


def test_every_row_is_counted_once_and_nothing_to_do_is_not_said(catalog, tmp_path):
    rows = [goodreads_row(str(n), f"Book {n}", "Writer, A", shelf="to-read") for n in range(5)]
    rows.append(goodreads_row("9", "Bad", "Writer, A", rating="7"))
    path = write_csv(tmp_path / "goodreads_library_export.csv", GOODREADS, rows)
    report = run(catalog, path)
    assert report["file"]["rows"] == 6
    assert accounted(report) == {"skipped": 5, "not_understood": 1}
    assert report["file"]["skipped"] == [
        {
            "rule": "shelf to-read: only read is imported (name another shelf to import it)",
            "rows": 5,
        }
    ]
    out = io.StringIO()
    call_command("import_file", str(path), "--target", catalog.spec, "--no-backup",
                 "--dry-run", stdout=out)  # fmt: skip
    text = out.getvalue()
    assert "Nothing to do" not in text
    assert "6 rows: 0 added" in text
    assert "skipped 5 rows: shelf to-read" in text


def test_imdb_tv_episodes_are_skipped_by_rule_and_italian_types_read(catalog, tmp_path):
    """An Italian "Serie TV" is a series: it goes to the TV shows."""
    rows = [
        ["tt0068646", "10", "2020-02-02", "Il padrino", "", "", "Film", "9.2", "175", "1972",
         "Crime", "1", "1972-03-24", ""],
        ["tt0903747", "9", "2020-02-03", "Breaking Bad", "", "", "Serie TV", "9.5", "49",
         "2008", "Drama", "1", "2008-01-20", ""],
        ["tt0959621", "9", "2020-02-03", "Pilot", "", "", "TV Episode", "9.0", "58",
         "2008", "Drama", "1", "2008-01-20", ""],
        ["tt0000001", "5", "2020-02-03", "Odd", "", "", "Hologram", "9.0", "58",
         "2008", "Drama", "1", "2008-01-20", ""],
    ]  # fmt: skip
    report = run(catalog, write_csv(tmp_path / "ratings.csv", IMDB, rows))
    assert accounted(report) == {"added": 2, "skipped": 1, "not_understood": 1}
    assert {s["rule"] for s in report["file"]["skipped"]} == {"TV episodes: not films"}
    assert reasons(report) == ["title type 'Hologram' is not one IMDb uses"]
    assert catalog.objects(Film).get().title == "Il padrino"
    assert catalog.objects(Show).get().title == "Breaking Bad"


# The Letterboxd export ZIP


def letterboxd_zip(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, (headers, rows) in members.items():
            archive.writestr(name, to_csv(headers, rows).replace("\n", "\r\n"))
    return path


def test_the_letterboxd_zip_is_read_by_member_path(catalog, tmp_path):
    heat = ["2019-02-02", "Heat", "1995", "https://boxd.it/heat"]
    path = letterboxd_zip(
        tmp_path / "letterboxd-owner-2025-01-01-utc.zip",
        {
            "watched.csv": (WATCHED, [heat]),
            "diary.csv": (LETTERBOXD, [["2019-02-03", "Heat", "1995", "https://boxd.it/d1",
                                        "4", "", "", "2019-02-01"]]),
            "watchlist.csv": (WATCHED, [["2020-01-01", "Alien", "1979", "https://boxd.it/al"]]),
            "likes/films.csv": (WATCHED, [heat]),
            "deleted/diary.csv": (LETTERBOXD, [["2019-01-01", "Ran", "1985", "https://boxd.it/r",
                                                "5", "", "", "2019-01-01"]]),
            "orphaned/diary.csv": (LETTERBOXD, [["2019-01-01", "Gone", "1985", "", "5", "", "",
                                                 "2019-01-01"]]),
            "lists/best.csv": (["Letterboxd list export v7"], [
                ["Date", "Name", "Tags", "URL", "Description"],
                ["2022-06-11", "Best", "", "https://boxd.it/l", ""], [],
                ["Position", "Name", "Year", "URL", "Description"],
                ["1", "Ran", "1985", "https://boxd.it/r", ""],
                ["2", "Alien", "1979", "https://boxd.it/al", ""]]),
            "comments.csv": (["Date", "Content", "Comment"], [["2020-01-01", "x", "y"]]),
        },
    )  # fmt: skip
    report = run(catalog, path)
    assert accounted(report) == {"added": 2, "skipped": 6}
    skipped = {s["rule"].split(":")[0]: s["rows"] for s in report["file"]["skipped"]}
    assert skipped == {"watchlist.csv": 1, "likes/films.csv": 1, "deleted/": 1,
                       "orphaned/": 1, "lists/": 2}  # fmt: skip
    film = catalog.objects(Film).get()
    assert (film.title, film.letterboxd_uri, film.date_text, film.grade) == (
        "Heat", "https://boxd.it/heat", "2019-02-01", "A-",
    )  # fmt: skip
    assert counts(run(catalog, path)) == {"unchanged": 1}


def test_a_watchlist_given_alone_is_skipped(catalog, tmp_path):
    rows = [["2020-01-01", "Alien", "1979", "https://boxd.it/al"]]
    report = run(catalog, write_csv(tmp_path / "watchlist.csv", WATCHED, rows))
    assert accounted(report) == {"skipped": 1}
    assert not catalog.objects(Film).exists()


def test_watched_dates_never_replace_the_date_seen(catalog, tmp_path):
    mine = add(catalog, title="Heat", release_year=1995, date_text="2001-05-05",
               updated_at=datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC))  # fmt: skip
    rows = [["2024-02-02", "Heat", "1995", "https://boxd.it/heat"]]
    run(catalog, write_csv(tmp_path / "watched.csv", WATCHED, rows))
    row = catalog.objects(Film).get(uuid=mine.uuid)
    assert (row.date_text, row.letterboxd_uri) == ("2001-05-05", "https://boxd.it/heat")


def test_two_films_of_one_name_and_year_stay_two_rows(catalog, tmp_path):
    path = letterboxd_zip(
        tmp_path / "export.zip",
        {
            "watched.csv": (WATCHED, [["2020-01-01", "Rain", "2019", "https://boxd.it/r1"],
                                      ["2020-01-02", "Rain", "2019", "https://boxd.it/r2"]]),
            "ratings.csv": (RATINGS, [["2020-01-01", "Rain", "2019", "https://boxd.it/r1", "4"],
                                      ["2020-01-02", "Rain", "2019", "https://boxd.it/r2", "2"]]),
            "diary.csv": (LETTERBOXD, [["2020-01-02", "Rain", "2019", "https://boxd.it/d",
                                        "2", "", "", "2020-01-01"]]),
        },
    )  # fmt: skip
    report = run(catalog, path)
    assert accounted(report) == {"added": 4, "not_understood": 1}
    assert "two films of this name and year" in reasons(report)[0]
    grades = dict(catalog.objects(Film).values_list("letterboxd_uri", "grade"))
    assert grades == {"https://boxd.it/r1": "A-", "https://boxd.it/r2": "C+"}
    assert counts(run(catalog, path)) == {"unchanged": 2}


def test_a_blank_uri_is_filled_from_a_later_table_of_the_export(catalog, tmp_path):
    path = letterboxd_zip(
        tmp_path / "export.zip",
        {
            "watched.csv": (WATCHED, [["2020-01-01", "Heat", "1995", ""]]),
            "ratings.csv": (RATINGS, [["2020-01-01", "Heat", "1995", "https://boxd.it/h", "5"]]),
        },
    )  # fmt: skip
    report = run(catalog, path)
    assert accounted(report) == {"added": 2}
    film = catalog.objects(Film).get()
    assert (film.letterboxd_uri, film.grade) == ("https://boxd.it/h", "A+")


# A newer export applies what changed in it


def test_a_newer_goodreads_export_gives_the_newer_grade(catalog, tmp_path):
    older = [goodreads_row("1", "Dune", "Herbert, Frank", rating="5", read="2019/03/14")]
    newer = [goodreads_row("1", "Dune", "Herbert, Frank", rating="4", read="2019/03/14")]
    run(catalog, write_csv(tmp_path / "old.csv", GOODREADS, older))
    report = run(catalog, write_csv(tmp_path / "new.csv", GOODREADS, newer))
    assert counts(report) == {"updated": 1}
    assert catalog.objects(Book).get().grade == "A-"


def test_an_owner_edit_since_the_last_import_is_kept_and_reported(catalog, tmp_path):
    older = [goodreads_row("1", "Dune", "Herbert, Frank", rating="5", read="2019/03/14")]
    newer = [goodreads_row("1", "Dune", "Herbert, Frank", rating="4", read="2019/03/14",
                           pages="500")]  # fmt: skip
    run(catalog, write_csv(tmp_path / "old.csv", GOODREADS, older))
    book = catalog.objects(Book).get()
    book.grade, book.pages = "B", None
    book.save(using=catalog.alias)
    report = run(catalog, write_csv(tmp_path / "new.csv", GOODREADS, newer))
    (conflict,) = report["models"][0]["conflicts"]
    assert (conflict["field"], conflict["catalog"], conflict["file"]) == ("grade", "B", "A-")
    book = catalog.objects(Book).get()
    assert (book.grade, book.pages) == ("B", 500)  # the blank is filled all the same
    preferred = run(catalog, tmp_path / "new.csv", "--prefer-source")
    assert counts(preferred) == {"updated": 1}
    assert catalog.objects(Book).get().grade == "A-"


# Values at the edges


def test_a_book_older_than_year_1000_is_kept_with_its_year(catalog, tmp_path):
    row = goodreads_row("1", "Tao Te Ching", "Laozi", rating="5")
    row[GOODREADS.index("Original Publication Year")] = "-600"
    report = run(catalog, write_csv(tmp_path / "goodreads_library_export.csv", GOODREADS, [row]))
    assert accounted(report) == {"added": 1}
    assert catalog.objects(Book).get().year_written == -600


def test_a_value_the_catalog_cannot_hold_is_left_out_and_reported(catalog, tmp_path):
    rows = [["2020-01-02", "The Ancient Film", "-600", "https://boxd.it/x", "4"]]
    report = run(catalog, write_csv(tmp_path / "ratings.csv", RATINGS, rows))
    assert accounted(report) == {"added": 1}
    (note,) = report["file"]["values_not_kept"]
    assert note["note"].startswith("release year -600 not kept")
    film = catalog.objects(Film).get()
    assert (film.title, film.release_year, film.grade) == ("The Ancient Film", None, "A-")


def test_a_second_import_over_a_later_date_of_the_catalog_changes_nothing(catalog, tmp_path):
    mine = add(catalog, title="Cats", release_year=2019, date_text="2020-01-04",
               updated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))  # fmt: skip
    rows = [["2019-12-24", "Cats", "2019", "https://boxd.it/d", "1", "", "", "2019-12-23"]]
    path = write_csv(tmp_path / "diary.csv", LETTERBOXD, rows)
    run(catalog, path)
    row = catalog.objects(Film).get(uuid=mine.uuid)
    assert (row.date_text, row.all_dates) == ("2020-01-04", "2020-01-04, 2019-12-23")
    assert counts(run(catalog, path)) == {"unchanged": 1}
    assert catalog.objects(Film).get(uuid=mine.uuid).date_text == "2020-01-04"


def test_another_services_date_of_the_same_reading_does_not_move_it_back(catalog, tmp_path):
    goodreads = [goodreads_row("1", "Dune", "Herbert, Frank", rating="5", read="2022/11/03")]
    run(catalog, write_csv(tmp_path / "goodreads_library_export.csv", GOODREADS, goodreads))
    storygraph = tmp_path / "storygraph.csv"
    row = dict.fromkeys(STORYGRAPH, "")
    row.update({"Title": "Dune", "Authors": "Herbert, Frank", "Read Status": "read",
                "Last Date Read": "2022/11/02", "Dates Read": "2022/11/02",
                "Star Rating": "5.0"})  # fmt: skip
    write_csv(storygraph, STORYGRAPH, [list(row.values())])
    run(catalog, storygraph)
    assert catalog.objects(Book).get().date_text == "2022-11-03"
    assert counts(run(catalog, storygraph)) == {"unchanged": 1}


def test_a_row_whose_grade_is_kept_still_gets_its_blanks_filled(catalog, tmp_path):
    add(catalog, title="Godfather, The", release_year=1972, grade="B",
        updated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))  # fmt: skip
    rows = [["tt0068646", "10", "2020-02-02", "The Godfather", "", "", "Movie", "9.2", "175",
             "1972", "Crime", "1", "1972-03-24", ""]]  # fmt: skip
    report = run(catalog, write_csv(tmp_path / "ratings.csv", IMDB, rows))
    assert counts(report) == {"updated": 1}
    film = catalog.objects(Film).get()
    assert (film.grade, film.imdb_id, film.length_minutes) == ("B", "tt0068646", 175)
    (conflict,) = report["models"][0]["conflicts"]
    assert conflict["reason"] == "grade changed here after the file's record"


def test_a_film_titled_in_another_language_is_found_by_its_original_title(catalog, tmp_path):
    mine = add(catalog, title="Godfather, The", release_year=1972)
    rows = [["tt0068646", "10", "2020-02-02", "Il padrino", "The Godfather", "", "Film", "9.2",
             "175", "1972", "Crime", "1", "1972-03-24", ""]]  # fmt: skip
    report = run(catalog, write_csv(tmp_path / "ratings.csv", IMDB, rows))
    assert counts(report) == {"updated": 1}
    film = catalog.objects(Film).get()
    assert (film.uuid, film.title, film.imdb_id) == (mine.uuid, "Godfather, The", "tt0068646")


def test_a_nul_in_a_value_is_not_understood_and_the_rest_imports(catalog, tmp_path):
    rows = [[*DIARY[2]], ["2021-06-02", "Bad\x00Film", "2001", "https://boxd.it/b", "3", "", "",
                         "2021-06-02"]]  # fmt: skip
    report = run(catalog, write_csv(tmp_path / "diary.csv", LETTERBOXD, rows))
    assert accounted(report) == {"added": 1, "not_understood": 1}
    assert reasons(report) == ["title: holds a NUL character"]
