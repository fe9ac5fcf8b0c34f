"""Databases named by a path or a URL: opening them beside the site's own, and describing them.

The sync and import commands work on two databases at once, neither of which need be the
site's default. They are registered as extra connection aliases for the length of a
command, and checked before anything is written: a missing file, a file that is not SQLite,
a database without the catalog's tables, or one whose migrations lag behind, is refused with
one clear sentence (DatabaseProblem).
"""

from pathlib import Path
from urllib.parse import quote

import dj_database_url
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import Error as DatabaseError

from catalog_site.catalog import registry

ENGINE_NAMES = {
    "django.db.backends.postgresql": "PostgreSQL",
    "django.db.backends.sqlite3": "SQLite",
}
SQLITE_HEADER = b"SQLite format 3\x00"
LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}


class DatabaseProblem(Exception):
    """A database that cannot be used as asked; the message is meant for the user."""


def describe_database(settings_dict):
    """Return the start-up line, e.g. 'Using PostgreSQL (db.example:5432/railway)'.

    Built from the parsed host, port and name only, so a password in DATABASE_URL can
    never reach the log.
    """
    return f"Using {engine_label(settings_dict)} ({location(settings_dict)})"


def engine_label(settings_dict):
    engine = settings_dict["ENGINE"]
    return ENGINE_NAMES.get(engine, engine.rsplit(".", 1)[-1])


def location(settings_dict):
    """Where a database is, without credentials: a file path or host:port/name."""
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return str(settings_dict.get("PATH") or settings_dict["NAME"])
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT")
    where = f"{host}:{port}" if port else host
    return f"{where}/{settings_dict.get('NAME', '')}"


def is_url(spec):
    return "://" in str(spec)


def database_settings(spec, *, read_only=False, role="database"):
    """Connection settings for a SQLite path or a database URL.

    A SQLite file must already exist and be SQLite: connecting would otherwise create an
    empty file, or fail later with a less helpful message. `read_only` opens SQLite files
    so that nothing can be written to them.
    """
    if is_url(spec):
        try:
            config = dj_database_url.parse(str(spec))
        except ValueError as error:
            raise DatabaseProblem(
                f"{redact(spec)} is not a database URL I can use: {error}"
            ) from None
        if config["ENGINE"] == "django.db.backends.postgresql":
            # Server-side binding sends the merge's column arrays as they are, instead of
            # quoting every value into the SQL text.
            options = {"application_name": "catalog sync", "server_side_binding": True}
            if read_only:
                options["options"] = "-c default_transaction_read_only=on"
            config["OPTIONS"] = {**config.get("OPTIONS", {}), **options}
            return config
        if config["ENGINE"] != "django.db.backends.sqlite3":
            raise DatabaseProblem(
                f"The {role} URL {redact(spec)}: only PostgreSQL and SQLite are supported."
            )
        spec = config["NAME"]
    path = Path(spec).expanduser().resolve()
    if not path.exists():
        raise DatabaseProblem(f"The {role} file {path} does not exist.")
    if not path.is_file():
        raise DatabaseProblem(f"The {role} {path} is not a file.")
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise DatabaseProblem(f"The {role} file {path} is not a SQLite database.")
    if read_only:
        name, options = f"file:{quote(str(path))}?mode=ro", {}
    else:
        name, options = str(path), {"transaction_mode": "IMMEDIATE", "timeout": 20}
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": name, "PATH": path, "OPTIONS": options}


def redact(spec):
    """A URL with its password replaced, safe to print."""
    spec = str(spec)
    if not is_url(spec) or "@" not in spec:
        return spec
    scheme, rest = spec.split("://", 1)
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else spec


def open_database(spec, alias, *, read_only=False, role="database"):
    """Register `spec` under `alias` and connect to it; return its settings."""
    config = database_settings(spec, read_only=read_only, role=role)
    configured = connections.configure_settings({DEFAULT_DB_ALIAS: config})[DEFAULT_DB_ALIAS]
    connections.settings[alias] = configured
    try:
        connections[alias].ensure_connection()
    except DatabaseError as error:
        close_database(alias)
        reason = " ".join(str(error).split())
        raise DatabaseProblem(
            f"Cannot connect to the {role} database {location(configured)}: {reason}"
        ) from None
    return configured


def refresh_statistics(alias, models):
    """ANALYZE the tables a run wrote, so the planner sees their new size at once rather
    than after autovacuum's next pass: after a first import of 100,000 rows it would otherwise
    plan for an empty table (and sort all of them for a page). SQLite keeps the same
    statistics in sqlite_stat1."""
    with connections[alias].cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connections[alias].ops.quote_name(model._meta.db_table)}")


def close_database(alias):
    """Close and forget a connection opened by open_database."""
    if alias in connections.settings:
        try:
            connections[alias].close()
        finally:
            del connections[alias]
            connections.settings.pop(alias, None)


def sqlite_path(config):
    """The file of a SQLite settings dict (NAME may be a read-only `file:` URI)."""
    return Path(config.get("PATH") or config["NAME"])


def same_database(first, second):
    """Whether two settings dicts point at the same database."""
    if first["ENGINE"] != second["ENGINE"]:
        return False
    if first["ENGINE"] == "django.db.backends.sqlite3":
        return sqlite_path(first) == sqlite_path(second)

    def host(config):
        value = (config.get("HOST") or "").lower()
        return "localhost" if value in LOCAL_HOSTS or value.startswith("/") else value

    def port(config):
        return str(config.get("PORT") or 5432)

    return (host(first), port(first), first.get("NAME")) == (
        host(second),
        port(second),
        second.get("NAME"),
    )


def catalog_migrations(keys):
    """The (app, name) migration keys that belong to the catalog's own apps: this one and
    every catalog."""
    apps = {"catalog_site", *(config.label for config in registry.catalogs())}
    return {key for key in keys if key[0] in apps}


def check_catalog_schema(alias, role):
    """Refuse a database that lacks the catalog's tables or migrations.

    `role` ('source' or 'target') names the database in the message.
    """
    connection = connections[alias]
    where = location(connection.settings_dict)
    tables = set(connection.introspection.table_names())
    catalog_tables = set(registry.tables())
    legacy_tables = [config.declared("legacy_table").name for config in registry.catalogs()]
    found = [table for table in legacy_tables if table in tables]
    if found and not catalog_tables & tables:
        raise DatabaseProblem(
            f"The {role} database ({where}) holds the Flask-era tables "
            f"{' and '.join(found)}, "
            "not the catalog's: use `manage.py import_legacy` to bring them over."
        )
    if "django_migrations" not in tables or not catalog_tables <= tables:
        raise DatabaseProblem(
            f"The {role} database ({where}) does not hold the catalog tables; "
            "run `manage.py migrate` on it first, or check the path or URL."
        )
    applied = catalog_migrations(MigrationRecorder(connection).applied_migrations())
    known = catalog_migrations(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    if known - applied:
        raise DatabaseProblem(f"The {role} database ({where}) needs `manage.py migrate` first.")
    if applied - known:
        raise DatabaseProblem(
            f"The {role} database ({where}) was migrated by a newer version of catalog; "
            "update this checkout first."
        )
