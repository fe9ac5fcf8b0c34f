"""Cached reads of the API: one rendering per table revision, ETag and 304, Cache-Control,
gzip; and a write, by any path, is seen by the next read."""

import gzip
import json

import pytest
from django.db import connection
from django.test import Client

from books.models import Book
from films.models import Film

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def films():
    return [
        Film.objects.create(title=f"Film {number}", grade="B", genres="Drama")
        for number in range(30)
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/api/films",
        "/api/films?grade=B&ordering=-title",
        "/api/films/analytics/genre",
        "/api/films/summary",
        "/api/analytics/by-genre",
        "/api/analytics/books/summary",
    ],
)
def test_a_repeated_read_costs_one_query(client, films, path, django_assert_num_queries):
    first = client.get(path, **JSON)
    assert first.status_code == 200
    with django_assert_num_queries(1):
        again = client.get(path, **JSON)
    assert again.content == first.content


def test_a_detail_is_cached_too_and_unknown_parameters_share_the_entry(
    client, films, django_assert_num_queries
):
    path = f"/api/films/{films[0].pk}"
    first = client.get(path, {"_t": "1"}, **JSON)
    with django_assert_num_queries(1):
        again = client.get(path, {"_t": "2", "_cb": "9"}, **JSON)
    assert json.loads(again.content) == json.loads(first.content)


def test_any_write_is_seen_by_the_next_read(client, films):
    path = f"/api/films/{films[0].pk}"
    etag = client.get(path, **JSON)["ETag"]
    client.get("/api/films", **JSON)
    # Not through the model: the database's own counter still moves.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE films_film SET title = 'Renamed' WHERE id = %s", [films[0].pk])
    fresh = client.get(path, **JSON)
    assert fresh.json()["title"] == "Renamed"
    assert fresh["ETag"] != etag
    assert "Renamed" in {film["title"] for film in client.get("/api/films", **JSON).json()}


def test_a_write_to_books_keeps_the_films_answers(client, films, django_assert_num_queries):
    client.get("/api/films", **JSON)
    Book.objects.create(title="Unrelated")
    with django_assert_num_queries(1):
        client.get("/api/films", **JSON)


def test_if_none_match_gets_a_304_without_a_body(client, films):
    first = client.get("/api/films", **JSON)
    etag = first["ETag"]
    assert etag.startswith('W/"')
    again = client.get("/api/films", HTTP_IF_NONE_MATCH=etag, **JSON)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    Film.objects.create(title="New")
    changed = client.get("/api/films", HTTP_IF_NONE_MATCH=etag, **JSON)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_etags_differ_between_questions(client, films):
    etags = {
        client.get(path, **JSON)["ETag"]
        for path in ["/api/films", "/api/films?grade=B", f"/api/films/{films[0].pk}"]
    }
    assert len(etags) == 3


def test_gzip_when_the_client_takes_it(client, films):
    plain = client.get("/api/films", **JSON)
    packed = client.get("/api/films", HTTP_ACCEPT_ENCODING="gzip, deflate, br", **JSON)
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 5
    assert "Accept-Encoding" in packed["Vary"]


def test_cache_control_public_for_anonymous_readers(client, films, settings, admin_user):
    settings.API_CACHE_SECONDS = 60
    assert client.get("/api/films", **JSON)["Cache-Control"] == (
        "public, max-age=60, must-revalidate"
    )
    client.force_login(admin_user)
    assert client.get("/api/films", **JSON)["Cache-Control"] == "private, no-cache"


def test_the_browsable_api_and_token_requests_are_not_served_from_the_cache(client, films):
    client.get("/api/films", **JSON)
    page = client.get("/api/films", HTTP_ACCEPT="text/html")
    assert page["Content-Type"].startswith("text/html")
    refused = client.get("/api/films", HTTP_AUTHORIZATION="Token not-a-token", **JSON)
    assert refused.status_code == 401


def test_an_error_is_not_kept(client, films, django_assert_num_queries):
    assert client.get("/api/films?grade=Z", **JSON).status_code == 400
    with django_assert_num_queries(1):  # the revision; then the filter set refuses again
        assert client.get("/api/films?grade=Z", **JSON).status_code == 400


def test_the_media_types_parameters_are_part_of_the_cached_answer(client, films):
    plain = client.get("/api/films/summary", **JSON)
    indented = client.get("/api/films/summary", HTTP_ACCEPT="application/json; indent=4")
    assert indented.content != plain.content
    assert indented.content.startswith(b'{\n    "')
    assert json.loads(indented.content) == json.loads(plain.content)
    assert indented["ETag"] != plain["ETag"]
    again = client.get("/api/films/summary", **JSON)
    assert (again.content, again["Content-Type"]) == (plain.content, plain["Content-Type"])


def test_an_accept_the_api_cannot_meet_is_not_answered_from_the_cache(client, films):
    assert client.get("/api/films/summary", **JSON).status_code == 200
    assert client.get("/api/films/summary", HTTP_ACCEPT="application/xml").status_code == 406


@pytest.fixture
def many_films():
    """Enough films for a list of several pieces and over MAX_PLAIN_BYTES of JSON."""
    films = [
        Film(
            title=f"Film number {number}",
            release_year=1950 + number % 70,
            genres="Drama, Crime",
            grade="B",
            location="Portola Valley, in the living room",
            date_text=f"February {1 + number % 28}, 2020",
            image_url=f"https://image.tmdb.org/t/p/w500/{number}.jpg",
        )
        for number in range(2_500)
    ]
    for film in films:
        film.derive()
    Film.objects.bulk_create(films)


def test_a_long_list_rendered_in_pieces_is_the_whole_render_byte_for_byte(
    client, many_films, admin_user, django_assert_max_num_queries
):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=admin_user)
    for query in ("", "?ordering=-release_year", "?genre=Crime&search=number+1"):
        # A token's request is not cached, so the REST framework renders the list whole.
        whole = client.get(f"/api/films{query}", HTTP_AUTHORIZATION=f"Token {token.key}", **JSON)
        pieces = client.get(f"/api/films{query}", **JSON)
        assert whole.status_code == pieces.status_code == 200
        assert b"".join(pieces) == whole.content
    assert len(whole.content) > 0
    plain = client.get("/api/films", **JSON)
    assert len(b"".join(plain)) > 512 * 1024  # kept compressed only, unpacked as it is sent
    assert plain.streaming
    assert int(plain["Content-Length"]) == len(b"".join(client.get("/api/films", **JSON)))
    packed = client.get("/api/films", HTTP_ACCEPT_ENCODING="gzip", **JSON)
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == b"".join(client.get("/api/films", **JSON))
    assert len(packed.content) * 5 < int(plain["Content-Length"])
    with django_assert_max_num_queries(1):  # cached: the revision only
        client.get("/api/films", **JSON)


def test_an_empty_list_rendered_in_pieces_is_an_empty_array(client):
    assert client.get("/api/films", **JSON).content == b"[]"
    assert client.get("/api/films?search=nothing", **JSON).json() == []


def test_a_database_set_back_by_a_restore_is_never_answered_from_the_old_future(client, films):
    """A restore sets the revision counter back; the next write must not come back to a
    revision whose answers are still cached."""
    path = f"/api/films/{films[0].pk}"
    revision = "SELECT revision FROM catalog_site_revision WHERE \"table\" = 'films_film'"
    with connection.cursor() as cursor:
        cursor.execute(revision)
        (before,) = cursor.fetchone()
        cursor.execute("UPDATE films_film SET title = 'Title A' WHERE id = %s", [films[0].pk])
    assert client.get(path, **JSON).json()["title"] == "Title A"
    with connection.cursor() as cursor:  # the backup comes back: rows and counter
        cursor.execute("UPDATE films_film SET title = 'Film 0' WHERE id = %s", [films[0].pk])
        cursor.execute(f"UPDATE catalog_site_revision SET revision = {before}")
        cursor.execute("UPDATE films_film SET title = 'Title B' WHERE id = %s", [films[0].pk])
    assert client.get(path, **JSON).json()["title"] == "Title B"


def test_page_links_carry_only_what_chooses_the_rows(client, films):
    first = client.get("/api/films?limit=2&offset=2&_t=SECRET-A&token=abc&grade=B", **JSON)
    assert "SECRET" not in first.content.decode()
    assert "token" not in first.json()["next"]
    assert first.json()["next"].endswith("/api/films?grade=B&limit=2&offset=4")
    other = Client().get("/api/films?grade=B&offset=2&limit=2", **JSON)
    assert other.json() == first.json()
    slashed = client.get("/api/films/?limit=2&offset=2&grade=B", **JSON).json()
    assert slashed["next"].endswith("/api/films/?grade=B&limit=2&offset=4")
    assert slashed["results"] == first.json()["results"]


@pytest.mark.parametrize(
    ("header", "packed"),
    [
        ("gzip", True),
        ("gzip, deflate, br", True),
        ("br;q=1.0, GZIP;q=0.5", True),
        ("*", True),
        ("gzip;q=0", False),
        ("identity, gzip;q=0", False),
        ("gzip; q=0.0, *", False),
        ("*;q=0", False),
        ("deflate", False),
        ("gzip;q=nonsense", False),
        ("", False),
    ],
)
def test_gzip_only_for_clients_that_take_it(client, films, header, packed):
    answer = client.get("/api/films", HTTP_ACCEPT_ENCODING=header, **JSON)
    assert (answer.get("Content-Encoding") == "gzip") is packed
    body = gzip.decompress(answer.content) if packed else answer.content
    assert len(json.loads(body)) == 30


def test_head_has_the_gets_headers_and_no_body(client, films):
    for encoding in ("", "gzip"):
        get = client.get("/api/films", HTTP_ACCEPT_ENCODING=encoding, **JSON)
        head = client.head("/api/films", HTTP_ACCEPT_ENCODING=encoding, **JSON)
        assert head.status_code == 200
        assert head["Content-Length"] == str(len(get.content))
        assert head.get("Content-Encoding") == get.get("Content-Encoding")
        assert head["ETag"] == get["ETag"]


@pytest.mark.parametrize("form", ["{etag}", "{bare}", "*", '"other", {etag}'])
def test_if_none_match_is_compared_as_http_says(client, films, form):
    etag = client.get("/api/films", **JSON)["ETag"]
    header = form.format(etag=etag, bare=etag.removeprefix("W/"))
    assert client.get("/api/films", HTTP_IF_NONE_MATCH=header, **JSON).status_code == 304
    assert client.get("/api/films", HTTP_IF_NONE_MATCH='"other"', **JSON).status_code == 200
