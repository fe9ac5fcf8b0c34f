"""StoryGraph's export into the catalog: quarter stars, the read status, every reading of
Dates Read, matching by ISBN then by title and authors. Each test runs on SQLite and on
PostgreSQL; the files are written here with StoryGraph's real header."""

import pytest
from django.core.management.base import CommandError

from books.models import Book
from books.storygraph import HEADERS, isbn
from catalog_site.tests import test_import_file
from catalog_site.tests.conftest import (  # noqa: F401  (fixtures)
    make_catalog,
    postgres_template,
    sqlite_template,
)
from catalog_site.tests.test_import_file import counts, write_csv
from catalog_site.tests.test_merge import add

NAME = "storygraph_export.csv"


@pytest.fixture(params=["sqlite", "postgresql"])
def catalog(request, make_catalog):  # noqa: F811
    return make_catalog(request.param)


def storygraph_row(title, authors, *, isbn="", form="paperback", status="read", added="2023/01/02",
                   last="", dates="", rating="", review=""):  # fmt: skip
    return [
        title, authors, "", isbn, form, status, added, last, dates, "1" if dates else "0",
        "adventurous, dark", "medium", "A mix", "Yes", "Yes", "No", "Yes", rating, review, "", "",
        "", "No",
    ]  # fmt: skip


def run(catalog, path, *args):
    """import_file --json, the rows not understood written beside the file."""
    rejected = path.with_name(f"{path.stem}-not-imported.csv")
    return test_import_file.run(catalog, path, "--not-imported", rejected, *args)


def write(tmp_path, rows, name=NAME):
    return write_csv(tmp_path / name, HEADERS, rows)


def accounted(report):
    """Every row of the file is in exactly one outcome."""
    return report["file"]["rows"] == sum(report["file"]["outcomes"].values())


def test_quarter_stars_become_the_grades_between_half_stars(catalog, tmp_path):
    rows = [
        storygraph_row("Dune", "Frank Herbert", rating="3.75"),
        storygraph_row("Emma", "Jane Austen", rating="4.25"),
        storygraph_row("Beloved", "Toni Morrison", rating="3.0"),
        storygraph_row("Ulysses", "James Joyce", rating=""),
    ]
    report = run(catalog, write(tmp_path, rows))
    assert counts(report) == {"inserted": 4}
    grades = dict(catalog.objects(Book).values_list("title", "grade"))
    assert grades == {"Dune": "B+/A-", "Emma": "A-/A", "Beloved": "B", "Ulysses": ""}


def test_a_rating_off_the_scale_is_not_understood(catalog, tmp_path):
    rows = [storygraph_row("Dune", "Frank Herbert", rating="4.1")]
    report = run(catalog, write(tmp_path, rows))
    assert [p["reason"] for p in report["file"]["not_understood"]] == [
        "rating 4.1 is not on the quarter-stars scale"
    ]


def test_only_the_read_status_is_imported_the_others_counted_under_a_rule(catalog, tmp_path):
    rows = [
        storygraph_row("Dune", "Frank Herbert", dates="2022/03/01"),
        storygraph_row("Emma", "Jane Austen", status="to-read"),
        storygraph_row("Middlemarch", "George Eliot", status="to-read"),
        storygraph_row("Ulysses", "James Joyce", status="did-not-finish", last="2021/05/05"),
        storygraph_row("Beloved", "Toni Morrison", status="currently-reading"),
    ]
    path = write(tmp_path, rows)
    report = run(catalog, path)
    assert counts(report) == {"inserted": 1}
    rest = ": only read is imported (name another shelf to import it)"
    assert report["file"]["skipped"] == [
        {"rule": f"read status currently-reading{rest}", "rows": 1},
        {"rule": f"read status did-not-finish{rest}", "rows": 1},
        {"rule": f"read status to-read{rest}", "rows": 2},
    ]
    assert report["file"]["outcomes"]["skipped"] == 4
    assert accounted(report)
    again = run(catalog, path, "--shelf", "did-not-finish")
    assert counts(again) == {"inserted": 1, "preserved": 1}
    assert catalog.objects(Book).get(title="Ulysses").date_text == "2021-05-05"


def test_every_reading_of_dates_read_is_a_date_and_the_latest_is_the_date_read(catalog, tmp_path):
    rows = [
        storygraph_row("Dune", "Frank Herbert", last="2023/06/07",
                       dates="2019/12/28-2020/01/10, 2021/08/01, 2023/05/23-2023/06/07"),
        # A file whose dates are ISO: the `-` of a range is not the `-` of a date.
        storygraph_row("Emma", "Jane Austen", added="2020-01-01", last="2021-02-03",
                       dates="2020-12-30-2021-02-03,2018-04-01-2018-04-09"),
    ]  # fmt: skip
    run(catalog, write(tmp_path, rows[:1], "slashes.csv"))
    run(catalog, write(tmp_path, rows[1:], "iso.csv"))
    dune = catalog.objects(Book).get(title="Dune")
    assert (dune.date_text, dune.year) == ("2023-06-07", 2023)
    assert dune.all_dates == "2023-06-07, 2021-08-01, 2020-01-10"
    emma = catalog.objects(Book).get(title="Emma")
    assert (emma.date_text, emma.all_dates) == ("2021-02-03", "2021-02-03, 2018-04-09")


def test_a_book_in_the_catalog_is_matched_by_isbn_then_by_title_and_author(catalog, tmp_path):
    by_isbn = add(catalog, Book, title="Left Hand of Darkness, The", author="Le Guin, Ursula K.",
                  isbn="9780441478125", notes="Mine")  # fmt: skip
    by_name = add(catalog, Book, title="Beloved", author="Toni Morrison")
    rows = [
        # The ISBN-10 of the catalog's ISBN-13, and another spelling of the title.
        storygraph_row("The Left Hand of Darkness (Ace Science Fiction)", "Ursula K. Le Guin",
                       isbn="0441478123", rating="4.75", last="2024/02/02", review="Cold."),
        # An ASIN is no ISBN: the title and author find it.
        storygraph_row("Beloved", "Toni Morrison", isbn="B0084FWN26", form="audio", rating="5",
                       last="2022/11/11", review="Haunting."),
    ]  # fmt: skip
    report = run(catalog, write(tmp_path, rows))
    assert counts(report) == {"updated": 2}
    assert catalog.objects(Book).count() == 2
    left_hand = catalog.objects(Book).get(uuid=by_isbn.uuid)
    assert (left_hand.title, left_hand.grade, left_hand.notes, left_hand.format) == (
        "Left Hand of Darkness, The", "A/A+", "Mine", "Book",
    )  # fmt: skip
    beloved = catalog.objects(Book).get(uuid=by_name.uuid)
    assert (beloved.grade, beloved.date_text, beloved.isbn) == ("A+", "2022-11-11", "")
    assert (beloved.notes, beloved.format) == ("Haunting.", "")  # a blank filled; audio: whose?


def test_the_same_file_twice_changes_nothing(catalog, tmp_path):
    rows = [
        storygraph_row("Dune", "Frank Herbert", isbn="9780441013593", rating="4.25",
                       last="2023/06/07", dates="2023/05/23-2023/06/07"),
        storygraph_row("Emma", "Jane Austen", rating="3.75", last="2021/08/01"),
        storygraph_row("Middlemarch", "George Eliot", status="to-read"),
    ]  # fmt: skip
    path = write(tmp_path, rows)
    run(catalog, path)
    before = catalog.dump(Book)
    again = run(catalog, path)
    assert counts(again) == {"unchanged": 2}
    assert again["changes"] == 0
    assert catalog.dump(Book) == before


def test_a_row_without_a_read_status_is_not_understood(catalog, tmp_path):
    rows = [
        storygraph_row("Dune", "Frank Herbert"),
        storygraph_row("Emma", "Jane Austen", status=""),
    ]
    report = run(catalog, write(tmp_path, rows))
    assert counts(report) == {"inserted": 1}
    assert report["file"]["not_understood"] == [
        {"table": NAME, "line": 3, "reason": "no Read Status"}
    ]
    assert accounted(report)


def test_month_first_dates_of_a_spreadsheet_copy_are_read_when_a_day_says_so(catalog, tmp_path):
    rows = [
        # 10/13/2022 can only be month first; so is every date of the file. The ISBN a
        # spreadsheet wrote as a rounded number is no ISBN.
        storygraph_row("Dune", "Frank Herbert", isbn="9.78044E+12", added="10/12/2022",
                       last="3/4/2023", dates="2/20/2023-3/4/2023"),
        storygraph_row("Emma", "Jane Austen", added="1/2/2023", last="10/13/2022"),
    ]  # fmt: skip
    report = run(catalog, write(tmp_path, rows))
    assert counts(report) == {"inserted": 2}
    assert report["file"]["tables"][0]["dates"] == "M/D/YYYY"
    dune = catalog.objects(Book).get(title="Dune")
    assert (dune.date_text, dune.isbn) == ("2023-03-04", "")
    assert catalog.objects(Book).get(title="Emma").date_text == "2022-10-13"


def test_dates_that_could_be_either_way_round_are_refused(catalog, tmp_path):
    rows = [storygraph_row("Dune", "Frank Herbert", added="1/2/2023", last="3/4/2023")]
    with pytest.raises(CommandError, match="could be day first or month first"):
        run(catalog, write(tmp_path, rows))
    assert not catalog.objects(Book).exists()


def test_a_copy_cut_to_eight_columns_is_refused_with_the_reason(catalog, tmp_path):
    rows = [["Dune", "Frank Herbert", "", "9.78044E+12", "", "read", "10/12/2022", "10/13/2022"]]
    path = write_csv(tmp_path / NAME, HEADERS[:8], rows)
    with pytest.raises(CommandError, match="cut to 8 of its 23 columns.*lacks Dates Read, Star"):
        run(catalog, path)
    assert not catalog.objects(Book).exists()


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("9780441478125", "9780441478125"), ("0441478123", "0441478123"),
        ("080442957X", "080442957X"), ("978-0-441-47812-5", "9780441478125"),
        ("9780441478126", ""), ("0441478124", ""), ("B0084FWN26", ""), ("9.78044E+12", ""),
        ("", ""),
    ],
)  # fmt: skip
def test_an_isbn_is_taken_only_when_its_check_digit_is_right(value, number):
    assert isbn(value) == number
