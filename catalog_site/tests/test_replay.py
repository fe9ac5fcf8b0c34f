"""Recorded API answers replayed by the WSGI application (api/replay.py): the bytes and
headers the whole stack sent, only at the revision they were made at, throttles counted
once, never for a request with a cookie or credentials, never an answer that sets one."""

import io
import sys

import pytest
from django.db import connection

from catalog_site.api.caching import shortcuts
from catalog_site.api.replay import recordings
from catalog_site.wsgi import application
from films.models import Film

from .processes import drop_connection

# Through the WSGI application itself, outside the test's transaction, as a server calls it.
pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = "https://public.example"


@pytest.fixture
def heat(settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    shortcuts.clear()
    recordings.clear()
    Film.objects.create(title="Ran", release_year=1985, grade="A+")
    return Film.objects.create(title="Heat", release_year=1995, grade="A", genres="Crime")


def get(path, query="", client="203.0.113.1", **headers):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_ACCEPT": "application/json",
        "REMOTE_ADDR": client,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **headers,
    }
    sent = {}

    def start_response(status, response_headers, exc_info=None):
        sent["status"], sent["headers"] = status, response_headers

    body = application(environ, start_response)
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return sent["status"], list(sent["headers"]), content


def replays(path, query="", **headers):
    """The answer before it is recorded, and the next one, which must be its replay."""
    get(path, query, **headers)  # the path's first answer: the view says what it reads
    recorded = get(path, query, **headers)
    before = recordings.replayed
    replayed = get(path, query, **headers)
    assert recordings.replayed == before + 1, "the third answer is a replay"
    return recorded, replayed


@pytest.mark.parametrize(
    ("path", "query", "headers"),
    [
        ("/api/films/{pk}", "", {}),
        ("/api/films", "search=heat&_t=1733240000000", {"HTTP_ACCEPT_ENCODING": "gzip"}),
        ("/api/films", "limit=1", {"HTTP_ORIGIN": ORIGIN}),
        ("/api/analytics/by-genre", "", {"HTTP_X_FORWARDED_PROTO": "https"}),
    ],
)
def test_a_replay_is_the_whole_stacks_answer_byte_for_byte(heat, path, query, headers):
    recorded, replayed = replays(path.format(pk=heat.pk), query, **headers)
    assert recorded == replayed
    status, sent, _ = replayed
    assert status == "200 OK"
    names = {name for name, _ in sent}
    assert {"Content-Security-Policy", "X-Frame-Options", "ETag", "Vary"} <= names


def test_unknown_parameters_share_a_recording_and_known_ones_do_not(heat):
    replays("/api/films", "_t=1")
    before = recordings.replayed
    assert b"Heat" in get("/api/films", "_t=2")[2]
    assert recordings.replayed == before + 1
    only_ran = get("/api/films", "grade=A%2B")[2]
    assert b"Ran" in only_ran
    assert b"Heat" not in only_ran
    # A name given twice: the order of its values is part of the request (the filter reads
    # one of them), so the two orders are two answers, each replayed as itself.
    one, other = "ordering=title&ordering=-title", "ordering=-title&ordering=title"
    answers = {one: get("/api/films", one)[2], other: get("/api/films", other)[2]}
    assert answers[one] != answers[other]
    for _ in range(3):
        for query in (one, other):
            assert get("/api/films", query)[2] == answers[query]


def test_a_write_is_never_answered_from_an_older_recording(heat):
    path = f"/api/films/{heat.pk}"
    replays(path)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE films_film SET title = 'Heat (1995)' WHERE id = %s", [heat.pk])
    before = recordings.replayed
    assert b"Heat (1995)" in get(path)[2]
    assert recordings.replayed == before
    replays(path)  # and the new answer is recorded in turn


def test_replays_are_counted_by_the_throttles_once(heat, settings):
    settings.API_THROTTLE_RATES = {"burst": "4/min", "sustained": None}
    path = f"/api/films/{heat.pk}"
    statuses = [get(path, client="198.51.100.9")[0] for _ in range(6)]
    assert statuses == ["200 OK"] * 4 + ["429 Too Many Requests"] * 2
    status, headers, body = get(path, client="198.51.100.9")
    assert status.startswith("429")
    assert 0 < int(dict(headers)["Retry-After"]) <= 60
    assert b"throttled" in body
    assert get(path, client="198.51.100.10")[0] == "200 OK"


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_AUTHORIZATION": "Token abc"},
        {"HTTP_IF_NONE_MATCH": '"x"'},
        {"HTTP_ACCEPT": "text/html"},
        {"REQUEST_METHOD": "HEAD"},
    ],
)
def test_requests_with_credentials_or_conditions_are_never_replayed(heat, headers):
    path = f"/api/films/{heat.pk}"
    replays(path)
    before = recordings.replayed
    for _ in range(3):
        get(path, **headers)
    assert recordings.replayed == before


def test_an_answer_too_big_is_left_to_the_cache(heat, monkeypatch):
    monkeypatch.setattr("catalog_site.api.replay.MAX_BODY", 10)
    before = recordings.replayed
    for _ in range(4):
        assert get("/api/films")[0] == "200 OK"
    assert recordings.replayed == before


def test_head_is_answered_without_a_body(heat):
    status, headers, body = get("/api/films", REQUEST_METHOD="HEAD")
    _, _, full = get("/api/films")
    assert status == "200 OK"
    assert body == b""
    assert dict(headers)["Content-Length"] == str(len(full))


def test_outsize_requests_are_answered_but_never_recorded(heat):
    origin = "https://" + "x" * 4000 + ".example"
    for _ in range(4):
        assert get("/api/films", HTTP_ORIGIN=origin)[0] == "200 OK"
    assert all(len(repr(key)) < 2000 for key in recordings.entries)


def test_recordings_forget_the_least_recent_beyond_their_budget(heat, monkeypatch):
    monkeypatch.setattr(recordings, "budget", 6000)
    for number in range(40):  # answers of ~1 KB with their headers and keys
        for _ in range(2):
            get("/api/films", f"search=heat&limit={number + 1}")
    assert 0 < recordings.size <= 6000
    assert len(recordings.entries) < 40


def test_a_connection_the_server_dropped_is_replaced(heat):
    if connection.vendor != "postgresql":
        pytest.skip("only a server can drop a connection")
    replays("/api/films")
    pid = drop_connection(connection)
    status, _, body = get("/api/films")
    assert status == "200 OK"
    assert b"Heat" in body
    assert connection.connection.info.backend_pid != pid
