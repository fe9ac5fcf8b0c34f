"""The groupings behind the charts and the analytics routes: counted in SQL, labelled in
Python, the same on both engines and by both of PostgreSQL's ways of asking."""

import pytest
from django.db import connection

from catalog_site.catalog.analytics import (
    analyse,
    grouping_sets,
    or_unknown,
    separate_queries,
)
from films.analytics import GROUPINGS, LEGACY_ROUTES
from films.models import Film

pytestmark = pytest.mark.django_db


@pytest.fixture
def films():
    rows = [
        dict(title="Godfather, The", release_year=1972, grade="A+", genres="Drama, Crime",
             year_watched="Pre-2006", rotten_tomatoes=97),
        dict(title="Godfather Part II, The", release_year=1974, grade="A", genres="Crime",
             date_text="2016-03-04", rotten_tomatoes=96),
        dict(title="Heat", release_year=1995, grade="", genres="Crime, Drama",
             date_text="March 2016", rotten_tomatoes=None),
        dict(title="Clue", release_year=None, grade="C", genres="", date_text="1990s",
             rotten_tomatoes=62),
    ]  # fmt: skip
    return [Film.objects.create(**row) for row in rows]


def table(rows):
    return {row["label"]: (row["count"], row["average_score"]) for row in rows}


def test_charts_count_and_average_each_label_and_the_whole(films):
    tables, totals = analyse(Film.objects.all(), GROUPINGS, totals=True)
    assert table(tables["year-watched"]) == {
        "Pre-2006": (1, 20.0),
        "2016": (2, 18.0),  # Heat has no grade
        "unknown": (1, 6.0),  # "1990s" names no year
    }
    assert table(tables["decade"]) == {
        "1970s": (2, 19.0),
        "1990s": (1, None),
        "unknown": (1, 6.0),
    }
    assert table(tables["rt"]) == {
        "90-100%": (2, 19.0),
        "60-69%": (1, 6.0),
        "no RT score": (1, None),
    }
    assert table(tables["genre"]) == {"Crime": (3, 19.0), "Drama": (2, 20.0), "none": (1, 6.0)}
    assert totals == {"count": 4, "graded": 3, "average_score": pytest.approx(44 / 3)}


def test_a_filtered_queryset_is_grouped_alone(films):
    tables, totals = analyse(
        Film.objects.filter(search_text__contains="godfather"), GROUPINGS, totals=True
    )
    assert table(tables["genre"]) == {"Crime": (2, 19.0), "Drama": (1, 20.0)}
    assert totals["count"] == 2


def test_an_empty_catalog(db):
    tables, totals = analyse(Film.objects.all(), GROUPINGS, totals=True)
    assert all(rows == [] for rows in tables.values())
    assert totals == {"count": 0, "graded": 0, "average_score": None}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GROUPING SETS is PostgreSQL's")
def test_grouping_sets_read_the_same_groups_as_separate_queries(films):
    Film.objects.create(title="Odd", year_watched="", date_text="", release_year=1931)
    groupings = {**GROUPINGS, **{name: g for name, (_, _, g) in LEGACY_ROUTES.items()}}
    for queryset in [Film.objects.all(), Film.objects.filter(search_text__contains="god%")]:
        one_scan = grouping_sets(queryset.order_by(), groupings)
        separate = separate_queries(queryset.order_by(), groupings)
        assert {name: sorted(map(repr, groups)) for name, groups in one_scan.items()} == {
            name: sorted(map(repr, groups)) for name, groups in separate.items()
        }


def test_or_unknown_labels_rows_without_a_value():
    label = or_unknown(lambda values: [values[0]] if values[0] else [], "none")
    assert label(("x",)) == ["x"]
    assert label(("",)) == ["none"]
