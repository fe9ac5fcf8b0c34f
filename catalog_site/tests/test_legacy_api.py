"""The Flask-era routes the old public front end calls (shared/legacy/api.md): shapes,
groupings and orders against hand-computed answers, on whichever engine the suite runs."""

import pytest
from rest_framework.test import APIClient

from books.models import Book
from films.models import Film

pytestmark = pytest.mark.django_db

# score: A+ 20, A 18, A- 16, B+ 14, B 12, C 6, D 3.
FILMS = [
    dict(title="Godfather, The", release_year=1972, grade="A+", genres="Drama, Crime",
         year_watched="Pre-2006", rotten_tomatoes=97, format="VHS", location="Home"),
    dict(title="Godfather Part II, The", release_year=1974, grade="A", genres="Crime, Drama",
         year_watched="", date_text="2016-03-04", rotten_tomatoes=96, format="Netflix DVD"),
    dict(title="Casablanca", release_year=1942, grade="A-", genres="Romance, drama",
         date_text="February 14, 2004", rotten_tomatoes=99, format="DVD"),
    dict(title="Metropolis", release_year=1927, grade="", genres="Sci Fi",
         year_watched="2016", rotten_tomatoes=90),
    dict(title="Arrival", release_year=2016, grade="B+", genres="Science Fiction, Drama",
         year_watched="2017", rotten_tomatoes=94, format="Theatre", location="Palo Alto"),
    dict(title="Cats", release_year=2019, grade="D", genres="Comedy, Music",
         date_text="2010s", rotten_tomatoes=19),
    dict(title="Untitled", release_year=None, grade="C", genres="", rotten_tomatoes=None),
]  # fmt: skip

BOOKS = [
    dict(title="Liar's Poker", author="Lewis, Michael", year=2025, grade="A", type="NF/BUS",
         format="Kindle", pages=310, average_rating=4.0),
    dict(title="The Big Short", author="Lewis, Michael", year=2024, grade="A-", type="NF/BUS",
         format="Kindle", pages=290, average_rating=4.4),
    dict(title="The Right Stuff", author="Wolfe, Tom", year=2024, grade="B", type="NF/HIST",
         format="Audible", pages=None, average_rating=4.2),
    dict(title="Bonfire", author="Wolfe, Tom", year=None, grade="", type="FICT",
         format="Kindle", pages=690, average_rating=None),
]  # fmt: skip


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def catalog():
    for row in FILMS:
        Film.objects.create(**row)
    for row in BOOKS:
        Book.objects.create(**row)


def test_films_by_year_watched_pre_2006_first_then_years(api, catalog):
    # year_watched, else the year of the date seen; "2010s" names no year; Untitled has none.
    assert api.get("/api/analytics/by-year").json() == [
        {"year_watched": "Pre-2006", "count": 1, "avg_score": 20.0},
        {"year_watched": "2004", "count": 1, "avg_score": 16.0},
        {"year_watched": "2016", "count": 2, "avg_score": 18.0},  # Metropolis has no grade
        {"year_watched": "2017", "count": 1, "avg_score": 14.0},
    ]


def test_films_by_release_decade_with_everything_before_1950_first(api, catalog):
    assert api.get("/api/analytics/by-film-year").json() == [
        {"decade": "Pre-1950", "count": 2, "avg_score": 16.0},
        {"decade": "1970s", "count": 2, "avg_score": 19.0},
        {"decade": "2010s", "count": 2, "avg_score": 8.5},
    ]


def test_films_by_rt_range_highest_first(api, catalog):
    assert api.get("/api/analytics/by-rt-score/").json() == [
        {"rt_range": "90-100%", "count": 5, "avg_score": 17.0},  # 20, 18, 16, 14 and none
        {"rt_range": "10-19%", "count": 1, "avg_score": 3.0},
    ]


def test_films_by_genre_counts_each_normalised_genre_once_per_film(api, catalog):
    assert api.get("/api/analytics/by-genre").json() == [
        {"genre": "Drama", "count": 4, "avg_score": 17.0},
        {"genre": "Crime", "count": 2, "avg_score": 19.0},
        {"genre": "Science Fiction", "count": 2, "avg_score": 14.0},
        {"genre": "Comedy", "count": 1, "avg_score": 3.0},
        {"genre": "Music", "count": 1, "avg_score": 3.0},
        {"genre": "Romance", "count": 1, "avg_score": 16.0},
    ]


def test_books_by_year_type_form_and_author(api, catalog):
    assert api.get("/api/analytics/books/by-year").json() == [
        {"year": 2025, "count": 1, "avg_score": 18.0},
        {"year": 2024, "count": 2, "avg_score": 14.0},
    ]
    assert api.get("/api/analytics/books/by-type").json() == [
        {"type": "NF/BUS", "count": 2, "avg_score": 17.0},
        {"type": "FICT", "count": 1, "avg_score": None},
        {"type": "NF/HIST", "count": 1, "avg_score": 12.0},
    ]
    assert api.get("/api/analytics/books/by-form").json() == [
        {"form": "Kindle", "count": 3, "avg_score": 17.0},
        {"form": "Audible", "count": 1, "avg_score": 12.0},
    ]
    assert api.get("/api/analytics/books/by-author").json() == [
        {"author": "Lewis, Michael", "count": 2, "avg_score": 17.0},
        {"author": "Wolfe, Tom", "count": 2, "avg_score": 12.0},
    ]


def test_books_summary_is_over_books_with_a_page_count(api, catalog):
    assert api.get("/api/analytics/books/summary").json() == {
        "total_books": 3,
        "avg_score": 17.0,
        "total_pages": 1290,
        "avg_pages": 430.0,
        "avg_goodreads_rating": 4.2,
    }


def test_analytics_of_an_empty_catalog(api):
    assert api.get("/api/analytics/by-genre").json() == []
    assert api.get("/api/analytics/books/summary").json()["total_books"] == 0


def test_search_is_q_and_ignores_case_and_accents(api, catalog):
    found = api.get("/api/films", {"search": "GODFATHER"}).json()
    assert sorted(film["title"] for film in found) == ["Godfather Part II, The", "Godfather, The"]
    assert found == api.get("/api/films", {"q": "godfather"}).json()
    assert [b["book_name"] for b in api.get("/api/books", {"search": "wolfe"}).json()] == [
        "Bonfire",
        "The Right Stuff",
    ]


def test_location_and_format_match_substrings_and_min_score_is_at_least(api, catalog):
    titles = lambda response: sorted(f["title"] for f in response.json())  # noqa: E731
    assert titles(api.get("/api/films", {"format": "dvd"})) == [
        "Casablanca",
        "Godfather Part II, The",
    ]
    assert titles(api.get("/api/films", {"location": "alto"})) == ["Arrival"]
    assert titles(api.get("/api/films", {"min_score": 18})) == [
        "Godfather Part II, The",
        "Godfather, The",
    ]


def test_cache_busting_parameter_is_ignored(api, catalog):
    plain = api.get("/api/books").json()
    assert api.get("/api/books", {"_t": "1732541234567"}).json() == plain
    assert len(plain) == len(BOOKS)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({"min_score": "lots"}, "min_score"),
        ({"ordering": "shoe_size"}, "ordering"),
        ({"grade": "A,Z"}, "grade"),
        ({"limit": "ten"}, "limit"),
        ({"offset": "-5", "limit": "2"}, "offset"),
        ({"release_year": "nineteen"}, "release_year"),
    ],
)
def test_a_known_parameter_with_a_bad_value_is_a_400_naming_it(api, catalog, query, name):
    response = api.get("/api/films", query)
    assert response.status_code == 400
    assert list(response.json()) == [name]


def test_detail_and_its_404_in_the_old_shape(api, catalog):
    film = Film.objects.get(title="Casablanca")
    assert api.get(f"/api/films/{film.pk}").json()["title"] == "Casablanca"
    book = Book.objects.get(title="Bonfire")
    assert api.get(f"/api/books/{book.pk}").json()["book_name"] == "Bonfire"
    missing = api.get("/api/films/999999")
    assert missing.status_code == 404
    assert missing.json()["error"]


def test_unknown_analytics_kind_is_404_listing_the_valid_ones(api):
    response = api.get("/api/books/analytics/colour")
    assert response.status_code == 404
    assert response.json()["kinds"] == ["year", "type", "form", "authors"]


# The cover proxy


@pytest.fixture
def covered():
    return Book.objects.create(
        title="Moneyball",
        author="Lewis, Michael",
        image_url="https://books.google.com/books/content?id=abc&img=1",
        google_books_id="abc",
    )


def test_cover_proxy_redirects_to_the_stored_cover(api, covered):
    response = api.get(
        "/api/books/cover-proxy", {"url": covered.image_url, "book_id": "zzz", "_cb": "3"}
    )
    assert response.status_code == 302
    assert response["Location"] == covered.image_url
    by_id = api.get(
        "/api/books/cover-proxy", {"url": "https://elsewhere.example/a.jpg", "book_id": "abc"}
    )
    assert (by_id.status_code, by_id["Location"]) == (302, covered.image_url)


@pytest.mark.parametrize(
    "query",
    [
        {"url": "https://evil.example/phish"},
        {"url": "https://evil.example/phish", "book_id": "nope"},
        {},
        {"book_id": ""},
    ],
)
def test_cover_proxy_never_redirects_anywhere_else(api, covered, query):
    response = api.get("/api/books/cover-proxy", query)
    assert response.status_code == 404
    assert "Location" not in response


def test_cover_proxy_ignores_a_stored_cover_that_is_not_http(api):
    Book.objects.create(title="X", image_url="javascript:alert(1)", google_books_id="js")
    assert api.get("/api/books/cover-proxy", {"url": "javascript:alert(1)"}).status_code == 404
    assert api.get("/api/books/cover-proxy", {"book_id": "js"}).status_code == 404


def test_cover_proxy_refuses_a_value_no_column_can_hold(api):
    assert api.get("/api/books/cover-proxy", {"url": "https://a.example/\x00"}).status_code == 400
