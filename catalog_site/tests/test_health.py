"""/healthz: 200 while the database answers, 503 when it does not; no HTTPS redirect, no
host check, no session, on both engines."""

import pytest
from django.test import Client

from .processes import PRODUCTION_KEY, manage

pytestmark = pytest.mark.django_db(transaction=True)


def test_healthy(settings):
    settings.SECURE_SSL_REDIRECT = True  # the checker calls over plain HTTP
    response = Client().get("/healthz", HTTP_HOST="healthcheck.railway.app")
    assert (response.status_code, response.json()) == (200, {"database": "ok"})
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response
    assert "Vary" not in response


ASK = (
    "from django.test import Client; "
    "r = Client().get('/healthz', HTTP_HOST='healthcheck.railway.app'); "
    "print(r.status_code, r.content.decode())"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def nowhere(request, tmp_path):
    """Settings of a process of the site whose database is not there: a SQLite file in a
    folder that does not exist, or a PostgreSQL server on a port where nothing listens."""
    if request.param == "sqlite":
        return {"SQLITE_PATH": tmp_path / "no-such-folder" / "catalog.db"}
    return {"DATABASE_URL": "postgres://postgres@127.0.0.1:9/catalog"}


def test_503_when_the_database_cannot_be_reached(nowhere):
    result = manage(
        "shell", "-c", ASK, DEBUG="0", SECRET_KEY=PRODUCTION_KEY, SECURE_SSL_REDIRECT="1", **nowhere
    )
    assert result.stdout.strip().endswith('503 {"database": "unavailable"}'), result.stderr


PAGES = (
    "from django.test import Client; c = Client(raise_request_exception=False); "
    "r = c.get('/films/'); print(r.status_code, r['Retry-After'], r.content.decode()[:200]); "
    "r = c.get('/api/films'); print(r.status_code, r['Retry-After'], r.json()['detail']); "
    "r = c.get('/books/stats/'); print(r.status_code)"
)


def test_pages_and_api_say_503_come_back_when_the_database_cannot_be_reached(nowhere):
    result = manage(
        "shell", "-c", PAGES, DEBUG="0", SECRET_KEY=PRODUCTION_KEY, ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0", **nowhere,
    )  # fmt: skip
    page, api, stats = result.stdout.strip().splitlines()[-3:]
    assert page.startswith("503 5 <!doctype html>"), result.stderr
    assert "Back in a moment" in page
    assert api == "503 5 The catalog's database is not answering; try again in a few seconds."
    assert stats == "503"
