"""What every benchmark needs first: Django set up on the local settings, and a PostgreSQL
server (TEST_POSTGRES_URL, as for the tests) to make databases in. Import it before any
project module."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalog_site.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def url_for(name, server=None):
    """The URL of another database on the same server (POSTGRES_URL's unless given)."""
    return urlunsplit(urlsplit(server or POSTGRES_URL)._replace(path=f"/{name}"))


def admin(sql, server=None):
    """Run a statement such as CREATE DATABASE outside any transaction."""
    with psycopg.connect(server or POSTGRES_URL, autocommit=True) as connection:
        connection.execute(sql)


def migrate(**env):
    """`manage.py migrate` on the database that DATABASE_URL or SQLITE_PATH names."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
    )


@contextlib.contextmanager
def scratch_database(prefix, server=None):
    """A new, migrated PostgreSQL database for one run, on POSTGRES_URL's server unless
    another is given; its URL. Dropped afterwards."""
    name = f"{prefix}_{os.getpid()}"
    admin(f'DROP DATABASE IF EXISTS "{name}"', server)
    admin(f'CREATE DATABASE "{name}"', server)
    try:
        migrate(DATABASE_URL=url_for(name, server))
        yield url_for(name, server)
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', server)
