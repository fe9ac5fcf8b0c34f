"""Real catalog databases for the sync tests: SQLite files and PostgreSQL databases.

Each kind is migrated once per test session into a template (by `manage.py migrate` in a
child process, as a user would), then copied for every test: a file copy for SQLite,
`CREATE DATABASE ... TEMPLATE` for PostgreSQL.
"""

import io
import itertools
import json
import os
import shutil
import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.db import connections

from catalog_site.sync.databases import close_database, open_database

from .processes import POSTGRES_URL, manage

_names = itertools.count()


def postgres_url(name):
    return urlunsplit(urlsplit(POSTGRES_URL)._replace(path=f"/{name}"))


def admin_connection():
    return psycopg.connect(POSTGRES_URL, autocommit=True)


class CatalogDatabase:
    """A migrated catalog database opened under an alias of its own for the test to use."""

    def __init__(self, spec, alias, kind):
        self.spec = str(spec)
        self.alias = alias
        self.kind = kind
        open_database(self.spec, alias)

    def close(self):
        close_database(self.alias)

    def objects(self, model):
        return model.objects.using(self.alias)

    def dump(self, model):
        """Every row, every column, in id order: to compare a table before and after."""
        return list(self.objects(model).order_by("pk").values())

    def by_uuid(self, model):
        return {row["uuid"]: row for row in self.objects(model).values()}

    @property
    def connection(self):
        return connections[self.alias]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "catalog.db"
    result = manage("migrate", "--no-input", DEBUG="1", SQLITE_PATH=path)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="session")
def postgres_template():
    name = f"catalog_template_{os.getpid()}"
    with admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    result = manage("migrate", "--no-input", DEBUG="1", DATABASE_URL=postgres_url(name))
    assert result.returncode == 0, result.stderr
    yield name
    with admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def make_catalog(sqlite_template, postgres_template, tmp_path, django_db_blocker):
    """Create a fresh, migrated catalog database: make_catalog('sqlite') or ('postgresql')."""
    made, dropped = [], []

    def make(kind):
        number = next(_names)
        if kind == "sqlite":
            path = tmp_path / f"catalog-{number}.db"
            shutil.copyfile(sqlite_template, path)
            spec = path
        else:
            name = f"catalog_test_{os.getpid()}_{number}_{uuid.uuid4().hex[:6]}"
            with admin_connection() as admin:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"')
            dropped.append(name)
            spec = postgres_url(name)
        database = CatalogDatabase(spec, f"test_{kind}_{number}", kind)
        made.append(database)
        return database

    with django_db_blocker.unblock():
        yield make
        for database in made:
            database.close()
    with admin_connection() as admin:
        for name in dropped:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def make_catalog_pair(make_catalog):
    """A SQLite source and a PostgreSQL target, reused by every example of a property test."""
    return make_catalog("sqlite"), make_catalog("postgresql")


def call_json(command, *args):
    """Run a management command with --json (and --no-input, where it asks before writing)
    in this process; return the parsed report."""
    out = io.StringIO()
    parser = load_command_class(get_commands()[command], command).create_parser("", command)
    asks = any("--no-input" in action.option_strings for action in parser._actions)
    call_command(command, *args, *(["--no-input"] if asks else []), "--json", stdout=out)
    return json.loads(out.getvalue())
