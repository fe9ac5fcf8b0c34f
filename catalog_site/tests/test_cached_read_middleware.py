"""Cached API answers served from the top of the stack (api/middleware.py): the same
status, body and headers as the full path gives, the same throttles counted once, and
never for a signed-in user."""

import pytest
from django.db import connection
from django.test import Client

from catalog_site.api.caching import shortcuts
from films.models import Film

from .processes import drop_connection

pytestmark = pytest.mark.django_db

ORIGIN = "https://public.example"


@pytest.fixture
def films(settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    shortcuts.clear()
    heat = Film.objects.create(title="Heat", release_year=1995, grade="A", genres="Crime")
    Film.objects.create(title="Ran", release_year=1985, grade="A+", genres="Drama, War")
    return heat


def took_fast_path(response):
    """The fast path answers before the session and authentication middleware run."""
    return not hasattr(response.wsgi_request, "user")


def headers(response):
    return {name: value for name, value in response.items() if name != "Date"}


REQUESTS = [
    ("/api/films/{pk}", {}),
    ("/api/films", {"HTTP_ACCEPT_ENCODING": "gzip"}),
    ("/api/films?search=heat&_t=1", {}),
    ("/api/films?limit=1&offset=1", {}),
    ("/api/films/summary", {"HTTP_ORIGIN": ORIGIN}),
    ("/api/analytics/by-genre", {"HTTP_ORIGIN": "https://elsewhere.example"}),
    ("/api/films/analytics/genre", {"HTTP_ACCEPT": "application/json; indent=4"}),
    ("/api/books", {"wsgi.url_scheme": "https"}),
]


@pytest.mark.parametrize(("path", "extra"), REQUESTS)
def test_the_fast_path_answers_as_the_full_path_does(films, path, extra):
    path = path.format(pk=films.pk)
    client = Client()
    first = client.get(path, **extra)
    assert first.status_code == 200
    assert not took_fast_path(first)
    fast = client.get(path, **extra)
    assert took_fast_path(fast)
    shortcuts.clear()
    full = client.get(path, **extra)  # from the same cache, through every middleware
    assert not took_fast_path(full)
    assert (fast.status_code, fast.content) == (full.status_code, full.content)
    assert headers(fast) == headers(full)
    for name in ("Content-Security-Policy", "X-Frame-Options", "ETag", "Content-Length"):
        assert fast[name]
    if extra.get("HTTP_ORIGIN") == ORIGIN:
        assert fast["Access-Control-Allow-Origin"] == ORIGIN
    if extra.get("wsgi.url_scheme") == "https":
        assert "max-age" in fast["Strict-Transport-Security"]


def test_a_revalidation_is_a_304_on_both_paths(films):
    client = Client()
    etag = client.get("/api/films")["ETag"]
    fast = client.get("/api/films", HTTP_IF_NONE_MATCH=etag)
    shortcuts.clear()
    full = client.get("/api/films", HTTP_IF_NONE_MATCH=etag)
    assert took_fast_path(fast)
    assert not took_fast_path(full)
    assert fast.status_code == full.status_code == 304
    assert headers(fast) == headers(full)


def test_other_parameters_and_accept_headers_are_answers_of_their_own(films):
    client = Client()
    client.get("/api/films?grade=A")
    assert [film["title"] for film in client.get("/api/films?grade=A%2B").json()] == ["Ran"]
    assert [film["title"] for film in client.get("/api/films?grade=A").json()] == ["Heat"]
    indented = client.get("/api/films?grade=A", HTTP_ACCEPT="application/json; indent=4")
    assert indented.content.startswith(b"[\n    {")
    page = client.get("/api/films?grade=A", HTTP_ACCEPT="text/html")
    assert page["Content-Type"].startswith("text/html")


def test_a_write_is_seen_at_once_by_the_fast_path(films):
    client = Client()
    path = f"/api/films/{films.pk}"
    client.get(path)
    assert took_fast_path(client.get(path))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE films_film SET title = 'Heat (1995)' WHERE id = %s", [films.pk])
    assert client.get(path).json()["title"] == "Heat (1995)"


def test_a_signed_in_user_never_takes_the_fast_path(films, admin_client):
    admin_client.get("/api/films")
    answer = admin_client.get("/api/films")
    assert not took_fast_path(answer)
    assert answer["Cache-Control"] == "private, no-cache"
    anonymous = Client().get("/api/films")
    assert anonymous["Cache-Control"].startswith("public")


def test_the_fast_path_counts_each_request_once(films, settings):
    settings.API_THROTTLE_RATES = {"burst": "4/min", "sustained": None}
    client = Client(REMOTE_ADDR="203.0.113.9")
    path = f"/api/films/{films.pk}"
    assert client.get(path).status_code == 200  # full path, remembered
    # A write: the fast path finds the request but not the new revision's answer, and the
    # full path renders it without counting the request again.
    Film.objects.filter(pk=films.pk).update(location="Home")
    assert client.get(path).status_code == 200
    assert [client.get(path).status_code for _ in range(3)] == [200, 200, 429]
    refused = client.get(path)
    assert took_fast_path(refused)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert Client(REMOTE_ADDR="198.51.100.4").get(path).status_code == 200


def test_a_host_that_is_not_allowed_is_refused_on_the_fast_path_too(films):
    client = Client()
    client.get("/api/films")
    assert client.get("/api/films", HTTP_HOST="evil.example").status_code == 400


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_dropped_is_replaced(settings):
    """The revision query is the connection's health check: a dead connection fails it,
    and the full path answers on a new one."""
    if connection.vendor != "postgresql":
        pytest.skip("only a server can drop a connection")
    shortcuts.clear()
    Film.objects.create(title="Heat", release_year=1995, grade="A")
    client = Client()
    client.get("/api/films")
    assert took_fast_path(client.get("/api/films"))
    drop_connection(connection)
    again = client.get("/api/films")
    assert again.status_code == 200
    assert [film["title"] for film in again.json()] == ["Heat"]
