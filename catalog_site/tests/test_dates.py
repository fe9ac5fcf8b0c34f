import datetime

import pytest

from catalog_site.catalog.dates import expand_two_digit_year, parse_fuzzy_date

TODAY = datetime.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("February 22, 2020", datetime.date(2020, 2, 22), "day"),
        ("February 2, 2020", datetime.date(2020, 2, 2), "day"),
        ("February 15, 1999", datetime.date(1999, 2, 15), "day"),
        ("  february  15 1999 ", datetime.date(1999, 2, 15), "day"),
        ("Sept 3, 2001", datetime.date(2001, 9, 3), "day"),
        ("2025-11-22", datetime.date(2025, 11, 22), "day"),
        ("2025-11-22 00:24:26", datetime.date(2025, 11, 22), "day"),
        ("3/14/2015", datetime.date(2015, 3, 14), "day"),
        ("April-97", datetime.date(1997, 4, 1), "month"),
        ("May-99", datetime.date(1999, 5, 1), "month"),
        ("Jan-05", datetime.date(2005, 1, 1), "month"),
        ("May 1999", datetime.date(1999, 5, 1), "month"),
        ("1999-01", datetime.date(1999, 1, 1), "month"),
        ("2000", datetime.date(2000, 1, 1), "year"),
        ("1990s", datetime.date(1990, 1, 1), "decade"),
        ("1980's", datetime.date(1980, 1, 1), "decade"),
    ],
)
def test_parses_every_format_of_the_legacy_data(text, expected, precision):
    assert parse_fuzzy_date(text, today=TODAY) == (expected, precision)


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "   ",
        "December 30, 1899",  # a spreadsheet's empty cell
        "February 30, 2020",
        "2020-13-01",
        "Smarch 3, 2020",
        "sometime in college",
        "2031-01-01",  # in the future
    ],
)
def test_unreadable_or_bogus_dates_are_not_guessed(text):
    assert parse_fuzzy_date(text, today=TODAY) == (None, "")


def test_two_digit_years_are_never_in_the_future():
    assert expand_two_digit_year(97, TODAY) == 1997
    assert expand_two_digit_year(26, TODAY) == 2026
    assert expand_two_digit_year(27, TODAY) == 1927


def test_dates_of_every_precision_sort_together():
    texts = ["February 22, 2020", "1990s", "April-97", "2005", "2025-11-22"]
    ordered = sorted(texts, key=lambda text: parse_fuzzy_date(text, today=TODAY)[0])
    assert ordered == ["1990s", "April-97", "2005", "February 22, 2020", "2025-11-22"]
