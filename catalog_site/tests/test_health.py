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


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_503_when_the_database_cannot_be_reached(engine, tmp_path):
    # A process of the site whose database is not there: a SQLite file in a folder that does
    # not exist, or a PostgreSQL server on a port where nothing listens.
    where = (
        {"SQLITE_PATH": tmp_path / "no-such-folder" / "catalog.db"}
        if engine == "sqlite"
        else {"DATABASE_URL": "postgres://postgres@127.0.0.1:9/catalog"}
    )
    result = manage(
        "shell", "-c", ASK, DEBUG="0", SECRET_KEY=PRODUCTION_KEY, SECURE_SSL_REDIRECT="1", **where
    )
    assert result.stdout.strip().endswith('503 {"database": "unavailable"}'), result.stderr
