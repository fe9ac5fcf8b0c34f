"""import_file: Letterboxd, Goodreads and IMDb exports into the catalog, never duplicating,
never deleting, and nothing changed by a second import. Each test runs on SQLite and on
PostgreSQL; the sample files are written here with the services' real headers."""

import csv
import datetime
import io
import json
import uuid
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from books import goodreads
from books.models import Book
from films import imdb, letterboxd
from films.models import Film
from shows.models import Show

from .test_merge import add

LETTERBOXD, GOODREADS, IMDB = letterboxd.HEADERS, goodreads.HEADERS, imdb.HEADERS

DIARY = [
    ["2020-01-05", "The Godfather", "1972", "https://boxd.in/a1", "5", "", "", "2020-01-04"],
    ["2023-03-02", "The Godfather", "1972", "https://boxd.in/a2", "4.5", "Yes", "", "2023-03-01"],
    ["2021-06-01", "Crouching Tiger, Hidden Dragon", "2000", "https://boxd.in/b1", "4", "", "",
     "2021-05-30"],
    ["2021-06-02", 'Amélie "Le Fabuleux Destin"', "2001", "https://boxd.in/c1", "3.5", "", "",
     "2021-06-02"],
]  # fmt: skip


@pytest.fixture(params=["sqlite", "postgresql"])
def catalog(request, make_catalog):
    return make_catalog(request.param)


def write_csv(path, headers, rows, *, bom=False, newline="\r\n"):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator=newline)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def goodreads_row(book_id, title, author_lf, *, isbn13="", rating="4", read="2019/03/14",
                  shelf="read", pages="300", binding="Kindle Edition"):  # fmt: skip
    first_last = " ".join(reversed(author_lf.split(", ")))
    return [
        book_id, title, first_last, author_lf, "", f'="{isbn13[3:]}"' if isbn13 else '=""',
        f'="{isbn13}"' if isbn13 else '=""', rating, "4.10", "Publisher", binding, pages,
        "2010", "1987", read, "2019/01/02", "", "", shelf, "", "", "", "1", "0",
    ]  # fmt: skip


def run(catalog, path, *args):
    out = io.StringIO()
    call_command(
        "import_file", str(path), "--target", catalog.spec, "--json", "--no-backup", *args,
        stdout=out,
    )  # fmt: skip
    return json.loads(out.getvalue())


def counts(report):
    (model,) = report["models"]
    return {name: value for name, value in model["counts"].items() if value}


def test_letterboxd_diary_one_row_per_film_with_every_date(catalog, tmp_path):
    report = run(catalog, write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY, bom=True))
    assert counts(report) == {"inserted": 3}
    godfather = catalog.objects(Film).get(title="The Godfather")
    assert (godfather.release_year, godfather.grade) == (1972, "A")  # the latest rating
    assert godfather.date_text == "2023-03-01"
    assert godfather.all_dates == "2023-03-01, 2020-01-04"
    assert catalog.objects(Film).filter(title='Amélie "Le Fabuleux Destin"', grade="B+").exists()
    assert catalog.objects(Film).get(release_year=2000).title == "Crouching Tiger, Hidden Dragon"


def test_the_same_file_twice_changes_nothing(catalog, tmp_path):
    path = write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY)
    run(catalog, path)
    before = catalog.dump(Film)
    again = run(catalog, path)
    assert counts(again) == {"unchanged": 3}
    assert catalog.dump(Film) == before


def test_a_film_already_in_the_catalog_is_updated_not_added(catalog, tmp_path):
    mine = add(catalog, title="Godfather, The", release_year=1972, grade="A-", location="Home",
               updated_at=datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC))  # fmt: skip
    report = run(catalog, write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY[:2]))
    assert counts(report) == {"updated": 1}
    assert report["models"][0]["duplicates"] == []
    row = catalog.objects(Film).get()
    assert (row.uuid, row.title, row.location) == (mine.uuid, "Godfather, The", "Home")
    assert (row.grade, row.date_text) == ("A", "2023-03-01")
    # Next time it is matched directly and nothing changes.
    assert counts(run(catalog, tmp_path / "diary.csv")) == {"unchanged": 1}


def test_a_newer_export_updates_exactly_what_changed(catalog, tmp_path):
    run(catalog, write_csv(tmp_path / "old.csv", LETTERBOXD, DIARY))
    newer = [*DIARY[:3], [*DIARY[3][:4], "5", "", "", DIARY[3][7]]]
    newer[3][0] = "2024-01-01"
    report = run(catalog, write_csv(tmp_path / "new.csv", LETTERBOXD, newer))
    assert counts(report) == {"updated": 1, "unchanged": 2}
    assert catalog.objects(Film).get(release_year=2001).grade == "A+"


def test_an_edit_made_in_the_catalog_after_the_export_is_kept(catalog, tmp_path):
    add(catalog, title="The Godfather", release_year=1972, grade="B",
        updated_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))  # fmt: skip
    report = run(catalog, write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY[:2]))
    # The grade is kept and reported; the dates seen, which the row did not have, are added.
    assert counts(report) == {"updated": 1}
    (conflict,) = report["models"][0]["conflicts"]
    assert (conflict["title"], conflict["field"], conflict["file"]) == (
        "The Godfather", "grade", "A",
    )  # fmt: skip
    film = catalog.objects(Film).get()
    assert (film.grade, film.date_text) == ("B", "2023-03-01")


def test_a_row_matching_two_catalog_rows_is_not_imported_but_written_out(catalog, tmp_path):
    add(catalog, title="The Godfather", release_year=1972)
    add(catalog, title="Godfather, The", release_year=1972)
    rejected = tmp_path / "not-imported.csv"
    report = run(
        catalog, write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY), "--not-imported", rejected
    )
    assert counts(report) == {"inserted": 2, "preserved": 2}
    problems = report["file"]["not_understood"]
    assert [problem["line"] for problem in problems] == [2, 3]  # both rows of the film
    assert all(p["reason"].startswith("matches 2 rows of the catalog") for p in problems)
    with open(rejected, newline="", encoding="utf-8") as written:
        rows = list(csv.reader(written))
    assert rows[0] == [*LETTERBOXD, "Table", "Line", "Not imported because"]
    assert len(rows) == 3  # both diary rows of the film, each with the reason
    assert all(row[-1].startswith("matches 2 rows") for row in rows[1:])


def test_rows_not_understood_are_reported_and_the_rest_imported(catalog, tmp_path):
    rows = [
        [*DIARY[2][:4], "7", "", "", DIARY[2][7]],  # not on the 0.5-5 scale
        [*DIARY[3][:7], "June 3rd"],  # not a date
        DIARY[0],
    ]
    rejected = tmp_path / "not-imported.csv"
    report = run(
        catalog, write_csv(tmp_path / "diary.csv", LETTERBOXD, rows), "--not-imported", rejected
    )
    assert counts(report) == {"inserted": 1}
    assert [p["reason"] for p in report["file"]["not_understood"]] == [
        "rating 7 is not on the stars scale",
        "date 'June 3rd' is not YYYY-MM-DD",
    ]
    assert rejected.read_text(encoding="utf-8").count("\n") == 3


def test_letterboxd_zip_reads_diary_watched_and_ratings(catalog, tmp_path):
    path = tmp_path / "letterboxd-owner-2025-01-01-00-00-utc.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("diary.csv", to_csv(LETTERBOXD, DIARY[:2]))
        archive.writestr(
            "watched.csv",
            to_csv(["Date", "Name", "Year", "Letterboxd URI"],
                   [["2019-02-02", "Heat", "1995", "https://boxd.in/h"]]),
        )  # fmt: skip
        archive.writestr(
            "ratings.csv",
            to_csv(["Date", "Name", "Year", "Letterboxd URI", "Rating"],
                   [["2024-05-05", "The Godfather", "1972", "https://boxd.in/g", "5"]]),
        )  # fmt: skip
        archive.writestr("watchlist.csv", to_csv(["Date", "Name", "Year", "Letterboxd URI"], []))
    report = run(catalog, path)
    assert counts(report) == {"inserted": 2}
    godfather = catalog.objects(Film).get(release_year=1972)
    assert (godfather.grade, godfather.date_text) == ("A+", "2023-03-01")
    assert godfather.letterboxd_uri == "https://boxd.in/g"
    # watched.csv's Date is when the film was logged, not when it was seen.
    heat = catalog.objects(Film).get(title="Heat")
    assert (heat.date_text, heat.letterboxd_uri) == ("", "https://boxd.in/h")


def to_csv(headers, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def test_goodreads_read_shelf_isbn_and_unrated(catalog, tmp_path):
    mine = add(catalog, Book, title="Bonfire of the Vanities", author="Wolfe, Tom",
               isbn="9780553275971", notes="Mine")  # fmt: skip
    rows = [
        goodreads_row("1", "The Bonfire of the Vanities", "Wolfe, Tom", isbn13="9780553275971",
                      rating="5"),
        goodreads_row("2", "Moneyball", "Lewis, Michael", rating="0", read="2021/07/01"),
        goodreads_row("3", "Dune", "Herbert, Frank", shelf="to-read"),
    ]  # fmt: skip
    report = run(catalog, write_csv(tmp_path / "goodreads_library_export.csv", GOODREADS, rows))
    assert counts(report) == {"inserted": 1, "updated": 1}
    bonfire = catalog.objects(Book).get(uuid=mine.uuid)
    assert (bonfire.title, bonfire.grade, bonfire.notes) == (
        "Bonfire of the Vanities",
        "A+",
        "Mine",
    )
    assert (bonfire.date_text, bonfire.pages, bonfire.format) == ("2019-03-14", 300, "Kindle")
    moneyball = catalog.objects(Book).get(title="Moneyball")
    assert (moneyball.grade, moneyball.author, moneyball.year) == ("", "Lewis, Michael", 2021)
    assert not catalog.objects(Book).filter(title="Dune").exists()
    other_shelf = run(catalog, tmp_path / "goodreads_library_export.csv", "--shelf", "to-read")
    assert counts(other_shelf) == {"inserted": 1, "preserved": 2}


def test_imdb_ratings_films_matched_by_imdb_id_and_series_to_shows(catalog, tmp_path):
    mine = add(catalog, title="Der Pate", release_year=1972, imdb_id="tt0068646")
    rows = [
        ["tt0068646", "10", "2020-02-02", "The Godfather", "The Godfather", "", "Movie", "9.2",
         "175", "1972", "Crime, Drama", "2000000", "1972-03-24", "Francis Ford Coppola"],
        ["tt0903747", "9", "2020-02-03", "Breaking Bad", "", "", "TV Series", "9.5", "49",
         "2008", "Drama", "1", "2008-01-20", ""],
        ["tt0110912", "8", "2020-02-04", "Pulp Fiction", "", "", "movie", "8.9", "154", "1994",
         "Crime", "1", "1994-10-14", "Quentin Tarantino"],
    ]  # fmt: skip
    report = run(catalog, write_csv(tmp_path / "ratings.csv", IMDB, rows))
    films, shows = report["models"]
    assert (films["model"], films["counts"]["inserted"], films["counts"]["updated"]) == (
        "films.film", 1, 1,
    )  # fmt: skip
    assert (shows["model"], shows["counts"]["inserted"]) == ("shows.show", 1)
    pate = catalog.objects(Film).get(uuid=mine.uuid)
    assert (pate.title, pate.grade, pate.length_minutes, pate.genres) == (
        "Der Pate", "A+", 175, "Crime, Drama",
    )  # fmt: skip
    pulp = catalog.objects(Film).get(imdb_id="tt0110912")
    assert (pulp.grade, pulp.date_text) == ("A-", "")  # the date rated is not a date seen
    assert not catalog.objects(Film).filter(title="Breaking Bad").exists()


def test_dry_run_writes_nothing(catalog, tmp_path):
    report = run(catalog, write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY), "--dry-run")
    assert report["dry_run"] is True
    assert counts(report) == {"inserted": 3}
    assert not catalog.objects(Film).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"Title,Author,Pages\r\nDune,Frank Herbert,412\r\n", "not an export this importer knows"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not"),
        (b"PK\x03\x04truncated zip", "damaged ZIP"),
    ],
)
def test_files_that_cannot_be_imported_say_why_and_write_nothing(
    catalog, tmp_path, content, message
):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(catalog, path)
    assert not catalog.objects(Film).exists()


def test_a_truncated_zip_is_refused(catalog, tmp_path):
    path = tmp_path / "letterboxd.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("diary.csv", to_csv(LETTERBOXD, DIARY * 200))
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(CommandError, match="damaged ZIP"):
        run(catalog, path, "--format", "letterboxd")
    assert not catalog.objects(Film).exists()


def test_headers_only_imports_nothing(catalog, tmp_path):
    report = run(catalog, write_csv(tmp_path / "diary.csv", LETTERBOXD, []))
    assert counts(report) == {}


def test_the_wrong_format_named_is_refused(catalog, tmp_path):
    path = write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY)
    with pytest.raises(CommandError, match="not a goodreads export"):
        run(catalog, path, "--format", "goodreads")


def test_a_file_over_the_limit_is_refused_before_reading(catalog, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 1024
    path = write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY * 20)
    with pytest.raises(CommandError, match="files over 1 KB are refused"):
        run(catalog, path)


def test_the_grade_tables_can_be_changed(catalog, tmp_path, settings):
    settings.IMPORT_GRADES = {"stars": {"5": "A", "4.5": "A-", "4": "B+", "3.5": "B"}}
    run(catalog, write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY))
    assert catalog.objects(Film).get(release_year=1972).grade == "A-"
    assert catalog.objects(Film).get(release_year=2000).grade == "B+"


def test_the_report_says_what_was_read(catalog, tmp_path):
    report = run(catalog, write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY))
    assert report["file"]["format"] == "letterboxd"
    assert report["file"]["entries"] == 3


# The catalog's own format: export_catalog and back


def exported(catalog, tmp_path, kind, name):
    """export_catalog of the catalog database, as bytes."""
    path = tmp_path / name
    call_command("export_catalog", "--format", kind, "-o", str(path), "--source", catalog.spec)
    return path.read_bytes()


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_then_import_into_an_empty_catalog_gives_the_same_bytes(
    catalog, make_catalog, tmp_path, kind
):
    from catalog_site.demo import load_demo_data

    load_demo_data(using=catalog.alias)
    add(catalog, Book, title='Quotes "and", commas', author="Ünïcode, Ä", notes_in_notion=True,
        average_rating=4.37, notes="line one\nline two")  # fmt: skip
    add(catalog, title="Watchable", watch_providers={"flatrate": ["Netflix"], "rent": []})
    first = exported(catalog, tmp_path, kind, f"first.{kind}")
    empty = make_catalog(catalog.kind)
    report = run(empty, tmp_path / f"first.{kind}")
    assert report["file"]["format"] == f"catalog-{kind}"
    assert report["changes"] == sum(catalog.objects(model).count() for model in (Film, Book, Show))
    assert exported(empty, tmp_path, kind, f"second.{kind}") == first
    assert counts_all(run(empty, tmp_path / f"first.{kind}")) == {"unchanged"}


def counts_all(report):
    return {name for model in report["models"] for name, value in model["counts"].items() if value}


def test_the_next_import_finds_a_matched_row_by_the_ids_it_remembered(catalog, tmp_path):
    mine = add(catalog, Book, title="Bonfire of the Vanities", author="Wolfe, Tom",
               isbn="9780553275971")  # fmt: skip
    first = [goodreads_row("7", "Bonfire", "Wolfe, Tom", isbn13="9780553275971")]
    run(catalog, write_csv(tmp_path / "first.csv", GOODREADS, first))
    assert catalog.objects(Book).get().goodreads_id == "7"
    # The next export lost the ISBN and spells the title differently: the Book Id still finds it.
    renamed = [goodreads_row("7", "The Bonfire of the Vanities: A Novel", "Wolfe, Tom", rating="3",
                             read="2024/06/01")]  # fmt: skip
    report = run(catalog, write_csv(tmp_path / "second.csv", GOODREADS, renamed))
    assert counts(report) == {"updated": 1}
    assert catalog.objects(Book).get().uuid == mine.uuid

    film = add(catalog, title="Heat", release_year=1995)
    ratings = [["2024-05-05", "Heat", "1995", "https://boxd.in/heat", "4"]]
    run(catalog, write_csv(tmp_path / "ratings.csv", LETTERBOXD[:5], ratings))
    film = catalog.objects(Film).get(pk=film.pk)
    film.title = "Heat (Director's Cut)"  # no longer the same title and year
    film.save(using=catalog.alias)
    again = run(catalog, write_csv(tmp_path / "ratings.csv", LETTERBOXD[:5], ratings))
    assert counts(again) == {"unchanged": 1}
    assert catalog.objects(Film).get().letterboxd_uri == "https://boxd.in/heat"


def test_the_run_keeps_the_rows_not_understood_up_to_a_limit(catalog, tmp_path, monkeypatch):
    from catalog_site.files import runner
    from catalog_site.history.models import Run

    monkeypatch.setattr(runner, "REJECTED_KEPT", 2)
    bad = [[*DIARY[0][:4], "9", "", "", ""] for _ in range(3)]
    report = run(catalog, write_csv(tmp_path / "diary.csv", LETTERBOXD, [DIARY[2], *bad]))
    summary = catalog.objects(Run).get(id=report["run"]).summary
    assert summary["films.film"]["inserted"] == 1
    kept = summary["not_understood"]
    assert (kept["count"], kept["models"], len(kept["rows"])) == (3, ["films.film"], 2)
    # The columns keep the file's order, whatever the database does to a JSON object's keys.
    (first, _) = runner.rejected_from_run(summary)
    assert (list(first.raw), first.line, first.table) == (LETTERBOXD, 3, "diary.csv")
    assert first.reason == "rating 9 is not on the stars scale"


def test_the_csv_export_is_safe_in_a_spreadsheet_and_still_round_trips(
    catalog, make_catalog, tmp_path
):
    add(catalog, title='=HYPERLINK("http://evil.example","click")', release_year=1999)
    add(catalog, title="'Round Midnight", release_year=1986, location="@home")
    add(catalog, Book, title="Tao Te Ching", author="Laozi", year_written=-600,
        notes="+1 and\tmore")  # fmt: skip
    first = exported(catalog, tmp_path, "csv", "first.csv")
    text = first.decode()
    assert "'=HYPERLINK" in text
    assert "''Round Midnight" in text
    assert ",'@home," in text
    assert ",'-600," in text
    empty = make_catalog(catalog.kind)
    run(empty, tmp_path / "first.csv")
    assert empty.objects(Film).filter(title="'Round Midnight", location="@home").exists()
    assert empty.objects(Book).get().year_written == -600
    assert exported(empty, tmp_path, "csv", "second.csv") == first


def test_catalog_rows_a_form_would_refuse_are_not_understood_and_the_rest_imports(
    catalog, tmp_path
):
    def film(**values):
        return {"uuid": str(uuid.uuid4()), "updated_at": "2024-01-01T00:00:00Z",
                "created_at": "2024-01-01T00:00:00Z", "title": "Fine", **values}  # fmt: skip

    films = [
        film(title="Kept"),
        film(image_url="javascript:alert(1)"),
        film(image_url="data:text/html,<script>"),
        film(image_url="ftp://example.com/poster.jpg"),
        film(grade="Z"),
        film(release_year=99999),
        film(title="x" * 5000),
        film(title=""),
        film(title="A\x00B"),
        {},
    ]
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps({"format": "catalog", "version": 1, "films": films}))
    preview = run(catalog, path, "--dry-run")
    report = run(catalog, path)
    assert preview["models"][0]["counts"] == report["models"][0]["counts"]
    assert report["models"][0]["counts"]["inserted"] == 1
    reasons = [problem["reason"] for problem in report["file"]["not_understood"]]
    assert reasons == [
        "poster url: Enter a valid URL.",
        "poster url: Enter a valid URL.",
        "poster url: 'ftp://example.com/poster.jpg' is not an http or https address",
        "grade: 'Z' is not one of its choices",
        "release year: Ensure this value is less than or equal to 2031.",
        "title: Ensure this value has at most 300 characters (it has 5000).",
        "title: is required",
        "title: holds a NUL character",
        "no uuid",
    ]
    assert catalog.objects(Film).get().title == "Kept"
