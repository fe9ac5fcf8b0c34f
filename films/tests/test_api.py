"""/api/films: reading, writing, permissions, filters, orderings and analytics."""

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from books.models import Book
from catalog_site.catalog.models import Revision
from films.models import Film

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def films():
    rows = [
        dict(title="Godfather, The", release_year=1972, grade="A+", genres="Drama, Crime",
             format="VHS", year_watched="Pre-2006", rotten_tomatoes=97, length_minutes=175,
             date_text="1990s"),
        dict(title="Amélie", release_year=2001, grade="A", a_grade_rank=2,
             genres="Comedy, Romance", format="Theatre", location="Palo Alto",
             rotten_tomatoes=89, date_text="December 8, 2001", year_watched="Pre-2006"),
        dict(title="Casablanca", release_year=1942, grade="A", a_grade_rank=1,
             genres="Drama, Romance", format="DVD", rotten_tomatoes=99, date_text="2004-02-14"),
        dict(title="Arrival", release_year=2016, grade="A-/A", genres="Drama, Sci Fi",
             format="Theatre", rotten_tomatoes=94, date_text="November 12, 2016"),
        dict(title="Cats", release_year=2019, grade="D", genres="Comedy, Music",
             format="netflix", rotten_tomatoes=None, date_text="2020-01-04", year_watched=""),
    ]  # fmt: skip
    return {row["title"]: Film.objects.create(**row) for row in rows}


def titles(response):
    return [film["title"] for film in response.json()]


def test_list_is_the_whole_array_with_legacy_field_names(api, films):
    response = api.get("/api/films")
    assert response.status_code == 200
    data = response.json()
    assert isinstance(data, list)
    assert len(data) == len(films)
    godfather = next(film for film in data if film["title"] == "Godfather, The")
    assert godfather["letter_rating"] == "A+"
    assert godfather["score"] == 20
    assert godfather["rotten_tomatoes"] == "97%"
    assert godfather["display_title"] == "The Godfather"
    assert godfather["rt_per_minute"] == pytest.approx(97 / 175, abs=1e-3)
    assert godfather["genres"] == "Drama, Crime"
    assert next(f for f in data if f["title"] == "Cats")["rotten_tomatoes"] == "no RT score"


def test_with_and_without_trailing_slash(api, films):
    assert api.get("/api/films").json() == api.get("/api/films/").json()


def test_paging_with_limit_and_offset(api, films):
    response = api.get("/api/films", {"limit": 2, "offset": 1, "ordering": "title"})
    data = response.json()
    assert data["count"] == len(films)
    assert [film["title"] for film in data["results"]] == ["Arrival", "Casablanca"]


def test_detail_by_id_and_by_uuid(api, films):
    film = films["Arrival"]
    assert api.get(f"/api/films/{film.pk}").json()["title"] == "Arrival"
    assert api.get(f"/api/films/{film.uuid}/").json()["id"] == film.pk


def test_unknown_film_is_a_json_404(api, films):
    for path in ["/api/films/999999", "/api/films/00000000-0000-0000-0000-000000000000"]:
        response = api.get(path)
        assert response.status_code == 404
        # "error" is where the Flask-era front end reads it.
        message = "Film not found"
        assert response.json() == {"detail": message, "error": message}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "godfather"}, {"Godfather, The"}),
        ({"q": "the godfather"}, {"Godfather, The"}),
        ({"q": "AMELIE"}, {"Amélie"}),
        ({"grade": "A"}, {"Amélie", "Casablanca"}),
        ({"grade": "A+,D"}, {"Godfather, The", "Cats"}),
        ({"min_score": 18}, {"Godfather, The", "Amélie", "Casablanca"}),
        ({"release_year": 2016}, {"Arrival"}),
        ({"decade": 1970}, {"Godfather, The"}),
        ({"year_watched": "2020"}, {"Cats"}),
        ({"year_watched": "pre-2006"}, {"Godfather, The", "Amélie"}),
        ({"genre": "romance"}, {"Amélie", "Casablanca"}),
        ({"genre": "Science Fiction"}, {"Arrival"}),
        ({"genre": "sci fi"}, {"Arrival"}),
        ({"format": "NETFLIX"}, {"Cats"}),
        ({"location": "palo"}, {"Amélie"}),
        ({"rt_min": 95}, {"Godfather, The", "Casablanca"}),
        ({"rt_min": 90, "rt_max": 96}, {"Arrival"}),
    ],
)
def test_filters(api, films, params, expected):
    response = api.get("/api/films", params)
    assert response.status_code == 200
    assert set(titles(response)) == expected


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("rating", ["Godfather, The", "Casablanca", "Amélie", "Arrival", "Cats"]),
        ("-rating", ["Cats", "Arrival", "Amélie", "Casablanca", "Godfather, The"]),
        ("release_year", ["Casablanca", "Godfather, The", "Amélie", "Arrival", "Cats"]),
        ("rotten_tomatoes", ["Amélie", "Arrival", "Godfather, The", "Casablanca", "Cats"]),
        ("-rotten_tomatoes", ["Casablanca", "Godfather, The", "Arrival", "Amélie", "Cats"]),
        ("date_seen", ["Godfather, The", "Amélie", "Casablanca", "Arrival", "Cats"]),
        ("title", ["Amélie", "Arrival", "Casablanca", "Cats", "Godfather, The"]),
    ],
)
def test_orderings(api, films, ordering, expected):
    assert titles(api.get("/api/films", {"ordering": ordering})) == expected


def test_a_list_costs_the_same_queries_whatever_its_length(api, django_assert_num_queries):
    for number in range(30):
        Film.objects.create(title=f"Film {number}", genres="Drama")
    with django_assert_num_queries(2):  # the table's revision, the rows
        assert len(api.get("/api/films").json()) == 30
    with django_assert_num_queries(1):  # the same list again: from the cache
        assert len(api.get("/api/films").json()) == 30
    with django_assert_num_queries(3):  # revision, count, page
        assert len(api.get("/api/films", {"limit": 10}).json()["results"]) == 10


def test_no_write_leaves_a_stale_list_behind(api, films):
    """Whatever path a write takes, the next list shows it: the database counts writes."""

    def listed():
        return {film["title"]: film["letter_rating"] for film in api.get("/api/films").json()}

    assert listed()["Cats"] == "D"
    Film.objects.filter(title="Cats").update(grade="C")  # no save(), no signal
    assert listed()["Cats"] == "C"
    Film.objects.create(title="Up")
    assert "Up" in listed()
    Film.objects.filter(title="Up").delete()
    assert "Up" not in listed()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE films_film SET format = 'DVD' WHERE title = 'Arrival'")
    assert "Arrival" in {film["title"] for film in api.get("/api/films", {"format": "dvd"}).json()}


def test_a_write_raises_its_own_tables_revision_only(films):
    films_before, books_before = Revision.of(Film), Revision.of(Book)
    Film.objects.filter(grade="A").update(location="x")
    assert Revision.of(Film) > films_before
    assert Revision.of(Book) == books_before


# Writing


@pytest.fixture
def editor(film_editor):
    client = APIClient()
    client.force_authenticate(film_editor)
    return client


NEW_FILM = {
    "title": "Parasite",
    "release_year": 2019,
    "letter_rating": "A",
    "rotten_tomatoes": "99%",
}


def test_anonymous_writes_are_401(api, films):
    film = films["Arrival"]
    assert api.post("/api/films", NEW_FILM, format="json").status_code == 401
    assert api.patch(f"/api/films/{film.pk}", {"title": "x"}, format="json").status_code == 401
    assert api.delete(f"/api/films/{film.pk}").status_code == 401


def test_staff_without_film_permissions_gets_403(book_editor, films):
    client = APIClient()
    client.force_authenticate(book_editor)
    assert client.get("/api/films").status_code == 200
    assert client.post("/api/films", NEW_FILM, format="json").status_code == 403
    assert client.delete(f"/api/films/{films['Cats'].pk}").status_code == 403


def test_create_with_permission(editor):
    response = editor.post("/api/films", NEW_FILM, format="json")
    assert response.status_code == 201, response.json()
    film = Film.objects.get(title="Parasite")
    assert (film.score, film.rotten_tomatoes) == (18, 99)
    assert response.json()["uuid"] == str(film.uuid)


def test_token_authentication_for_scripts(film_editor):
    token = Token.objects.create(user=film_editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.post("/api/films", NEW_FILM, format="json").status_code == 201
    client.credentials(HTTP_AUTHORIZATION="Token wrong")
    assert client.post("/api/films", NEW_FILM, format="json").status_code == 401


def test_session_writes_need_csrf(film_editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(film_editor)
    assert client.post("/api/films", NEW_FILM, format="json").status_code == 403


def test_validation_errors_are_400_with_field_messages(editor):
    response = editor.post(
        "/api/films",
        {"release_year": 19, "letter_rating": "E", "rotten_tomatoes": "lots", "poster_url": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {
        "title",
        "release_year",
        "letter_rating",
        "rotten_tomatoes",
        "poster_url",
    }


def test_a_possible_duplicate_is_409_unless_intended(editor, films):
    response = editor.post(
        "/api/films", {"title": "the  GODFATHER", "release_year": 1972}, format="json"
    )
    assert response.status_code == 409
    assert [match["title"] for match in response.json()["matches"]] == ["Godfather, The"]
    remake = {"title": "The Godfather", "release_year": 1972, "intended": True}
    assert editor.post("/api/films", remake, format="json").status_code == 201
    other_year = {"title": "The Godfather", "release_year": 1990}
    assert editor.post("/api/films", other_year, format="json").status_code == 201


def test_updates_move_updated_at_and_keep_identity(editor, films):
    film = films["Arrival"]
    before = film.updated_at
    response = editor.patch(f"/api/films/{film.uuid}", {"letter_rating": "A"}, format="json")
    assert response.status_code == 200
    film.refresh_from_db()
    assert (film.grade, film.score) == ("A", 18)
    assert film.updated_at > before
    replaced = editor.put(
        f"/api/films/{film.pk}",
        {"title": "Arrival", "letter_rating": "B", "uuid": "bogus", "score": 3},
        format="json",
    )
    assert replaced.status_code == 200
    film.refresh_from_db()
    assert film.uuid == films["Arrival"].uuid  # read-only
    assert film.score == 12  # follows the grade, never the request


def test_delete(editor, films):
    assert editor.delete(f"/api/films/{films['Cats'].pk}").status_code == 204
    assert not Film.objects.filter(title="Cats").exists()


# Analytics


def test_analytics_by_decade(api, films):
    rows = api.get("/api/films/analytics/decade").json()
    assert {row["label"]: (row["count"], row["average_score"]) for row in rows} == {
        "1940s": (1, 18.0),
        "1970s": (1, 20.0),
        "2000s": (1, 18.0),
        "2010s": (2, 10.0),  # A-/A (17) and D (3)
    }


def test_analytics_by_genre_year_watched_and_rt(api, films):
    genres = {row["label"]: row["count"] for row in api.get("/api/films/analytics/genre").json()}
    assert genres == {
        "Comedy": 2,
        "Crime": 1,
        "Drama": 3,
        "Music": 1,
        "Romance": 2,
        "Science Fiction": 1,
    }
    watched = api.get("/api/films/analytics/year-watched").json()
    assert {row["label"]: row["count"] for row in watched} == {
        "Pre-2006": 2,
        "2004": 1,
        "2016": 1,
        "2020": 1,
    }
    rt = {row["label"]: row["count"] for row in api.get("/api/films/analytics/rt").json()}
    assert rt == {"80-89%": 1, "90-100%": 3, "no RT score": 1}


def test_analytics_follow_filters_and_unknown_kinds_are_404(api, films):
    rows = api.get("/api/films/analytics/decade", {"genre": "drama"}).json()
    assert sum(row["count"] for row in rows) == 3
    assert api.get("/api/films/analytics/nonsense").status_code == 404


def test_summary(api, films):
    summary = api.get("/api/films/summary").json()
    assert summary["count"] == 5
    assert summary["average_score"] == round((20 + 18 + 18 + 17 + 3) / 5, 2)
    assert summary["first_seen"] == "1990-01-01"
