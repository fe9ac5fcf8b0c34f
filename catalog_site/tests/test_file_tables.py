"""files.tables and files.dates: a CSV table and its dates read as real files write them,
without a database."""

import datetime
import io

import pytest

from catalog_site.files.base import FileProblem, Rejected
from catalog_site.files.dates import (
    DAY_FIRST,
    ISO,
    ISO_SLASHES,
    MONTH_FIRST,
    parse_date,
    parse_year,
)
from catalog_site.files.tables import Table, encoding_of, separator_of


def table(data, **options):
    return Table("t.csv", lambda: io.BytesIO(data), **options)


def test_a_table_reads_its_rows_with_their_first_line():
    found = table(b'a,b\r\n1,2\r\n\r\n3,"x\r\ny"\r\n')
    assert found.headers == ["a", "b"]
    assert list(found) == [(2, {"a": "1", "b": "2"}), (4, {"a": "3", "b": "x\r\ny"})]
    assert found.rows == 2


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (b"\xef\xbb\xbfa,b", "UTF-8"),
        (b"\xff\xfea\x00,\x00", "UTF-16"),
        (b"\xfe\xff\x00a\x00,", "UTF-16"),
        (b"a\x00,\x00b\x00", "UTF-16"),
        (b"a,b\n", "UTF-8"),
    ],
)
def test_the_encoding_is_told_by_the_first_bytes(start, expected):
    assert encoding_of(start)[1] == expected


def test_bytes_that_are_not_utf8_are_read_as_windows_1252():
    found = table("Title,Year\nAmélie,2001\nAlien³,1979\n".encode("cp1252"))
    assert (found.encoding, found.not_utf8) == ("Windows-1252", True)
    assert [raw["Title"] for _line, raw in found] == ["Amélie", "Alien³"]


def test_a_utf8_file_with_a_stray_windows_1252_line_keeps_both_right():
    data = "Title,Year\nAmélie,2001\n".encode() + "Léon,1994\n".encode("cp1252")
    found = table(data)
    assert found.not_utf8
    assert [raw["Title"] for _line, raw in found] == ["Amélie", "Léon"]


@pytest.mark.parametrize(
    ("line", "separator"),
    [("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ("Name;Notes;Year, more", ";"), ("a", ",")],
)
def test_the_separator_is_the_header_lines(line, separator):
    assert separator_of(line) == separator


def test_damaged_rows_are_rejected_with_the_reason():
    rows = list(table(b'a,b,c\n1,2\n1,2,3,4\n1,2,3,\n4,"cut'))
    assert [row.reason if isinstance(row, Rejected) else row[0] for row in rows] == [
        "the row has 2 of 3 columns",
        "the row has 4 columns, the header 3",
        4,  # an empty value past the header is a spreadsheet's trailing comma
        "the file ends inside a row (in a quoted field)",
    ]


def test_a_last_row_without_its_line_end_and_its_columns_is_cut_off():
    (row,) = list(table(b"a,b,c\n1,2"))
    assert row.reason == "the file ends inside a row: it has 2 of 3 columns"
    (whole,) = list(table(b"a,b,c\n1,2,3"))  # the last line end is not required
    assert whole == (2, {"a": "1", "b": "2", "c": "3"})


def test_values_keep_their_spaces_when_asked():
    (row,) = list(table(b"a,b\n  x ,y\n", strip=False))
    assert row[1] == {"a": "  x ", "b": "y"}


@pytest.mark.parametrize(
    ("dates", "form"),
    [
        (["2024-03-01", "2024/03/02"], ISO),
        (["2024/03/01", "2024/03/02"], ISO_SLASHES),
        (["3/1/2024", "2/15/2024"], MONTH_FIRST),
        (["3/1/2024", "15/2/2024"], DAY_FIRST),
        (["1/1/2024", "2/2/2024"], MONTH_FIRST),  # either reading gives the same days
    ],
)
def test_the_date_form_is_the_whole_files(dates, form):
    data = "Date\n" + "\n".join(dates) + "\n"
    found = table(data.encode(), date_columns=("Date",))
    assert found.date_form == form
    read = [found.date(raw["Date"]) for _line, raw in found]
    assert all(isinstance(date, datetime.date) for date in read)


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (["3/4/2024"], "could be day first or month first"),
        (["13/4/2024", "4/13/2024"], "both day first"),
    ],
)
def test_a_file_whose_dates_do_not_say_their_form_is_refused(dates, message):
    data = "Date\n" + "\n".join(dates) + "\n"
    with pytest.raises(FileProblem, match=message):
        table(data.encode(), date_columns=("Date",))


@pytest.mark.parametrize(
    ("value", "form", "expected"),
    [
        ("2024-03-01", ISO, datetime.date(2024, 3, 1)),
        ("2024/3/1", ISO, datetime.date(2024, 3, 1)),
        ("2021-03-04T10:00:00Z", ISO, datetime.date(2021, 3, 4)),
        ("Sun Jan 29 00:00:00 2017", ISO, datetime.date(2017, 1, 29)),
        ("3/4/2021", MONTH_FIRST, datetime.date(2021, 3, 4)),
        ("3.4.2021", DAY_FIRST, datetime.date(2021, 4, 3)),
        ("", ISO, None),
    ],
)
def test_dates_are_read_in_the_files_form(value, form, expected):
    assert parse_date(value, form) == expected


def test_a_file_that_is_not_text_is_refused_as_such(tmp_path):
    from catalog_site.files import formats
    from catalog_site.files.opened import OpenedFile

    path = tmp_path / "poster.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with OpenedFile(path) as opened, pytest.raises(FileProblem, match="does not hold text"):
        formats.recognise(opened)


def test_a_file_without_its_header_line_is_refused_as_such(tmp_path):
    from catalog_site.files import formats
    from catalog_site.files.opened import OpenedFile

    path = tmp_path / "goodreads_library_export.csv"
    path.write_text('17378527,The Raven King,Maggie Stiefvater,"Stiefvater, Maggie",5\n')
    with OpenedFile(path) as opened, pytest.raises(FileProblem, match="has no header line"):
        formats.recognise(opened)


@pytest.mark.parametrize("value", ["June 3rd", "2024-02-30", "3/4/2021"])
def test_a_date_that_is_not_one_says_so(value):
    with pytest.raises(ValueError, match="date"):
        parse_date(value, ISO)


@pytest.mark.parametrize(("value", "year"), [("1972", 1972), ("-600", -600), ("", None)])
def test_years_before_1000_are_years(value, year):
    assert parse_year(value) == year


@pytest.mark.parametrize("value", ["0", "19x2", "12345"])
def test_a_year_that_is_not_one_says_so(value):
    with pytest.raises(ValueError, match="not a year"):
        parse_year(value)
