"""Database triggers on the catalog tables, and what keeps them there.

Two guards live in the database itself, so that every writer obeys them: the admin, the API,
a sync or a raw SQL session.

- A row's uuid never changes. CatalogEntry.save() already refuses a changed uuid; the trigger
  also stops `QuerySet.update()`, raw SQL and any future sync code. The error is an integrity
  error on both engines.
- Every write raises the table's revision counter (catalog_site_revision), which the caches
  key their answers by (see catalog.cache).
- A row whose content changes while its fingerprint does not (an UPDATE by raw SQL or
  `QuerySet.update()`, which compute no fingerprint) gets an empty fingerprint, "not
  known", so a sync compares it column by column (see catalog.fingerprints).

SQLite cannot alter most columns in place: Django's migrations then copy the table into a new
one and drop the old, and the old table's triggers go with it. `ensure_triggers` puts back
whatever is missing; it runs after every `migrate` (catalog_site.apps), so a future AddField
cannot silently switch the guards off on a laptop.
"""

import hashlib
import secrets

from django.db import migrations, transaction

from catalog_site.catalog import registry
from catalog_site.catalog.fingerprints import NOT_CONTENT

from .history import (
    CHANGE_TABLE,
    create_postgresql_history,
    drop_sqlite_history,
    history_trigger_names,
)

REVISION_TABLE = "catalog_site_revision"

POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION catalog_uuid_is_immutable() RETURNS trigger AS $$
BEGIN
    IF NEW.uuid IS DISTINCT FROM OLD.uuid THEN
        RAISE EXCEPTION USING
            MESSAGE = 'uuid is immutable (table ' || TG_TABLE_NAME || ')',
            ERRCODE = '23000';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""

# REVISION_STEPS: a write raises a revision by 1 plus a random number below a billion, not
# by 1, so that a database restored from a backup (its counters set back) and written again
# does not come back to a revision whose answers a cache or a worker still holds.
SQLITE_STEP = "1 + abs(random() % 1000000000)"
POSTGRESQL_REVISION_FUNCTION = """
CREATE OR REPLACE FUNCTION catalog_bump_revision() RETURNS trigger AS $$
BEGIN
    UPDATE catalog_site_revision SET revision = revision + 1 + floor(random() * 1e9)::bigint
    WHERE "table" = TG_TABLE_NAME;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


NOT_CONTENT_KEYS = "{" + ",".join(sorted(NOT_CONTENT)) + "}"
# Through jsonb, so that one function serves every table, whatever its columns, and does
# nothing to a table without a fingerprint (as after migrating back past it).
POSTGRESQL_FINGERPRINT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION catalog_forget_stale_fingerprint() RETURNS trigger AS $$
DECLARE
    new_row jsonb := to_jsonb(NEW);
    old_row jsonb := to_jsonb(OLD);
BEGIN
    IF new_row ->> 'fingerprint' = old_row ->> 'fingerprint'
       AND new_row ->> 'fingerprint' <> ''
       AND new_row - '{NOT_CONTENT_KEYS}'::text[]
           IS DISTINCT FROM old_row - '{NOT_CONTENT_KEYS}'::text[]
    THEN
        NEW := jsonb_populate_record(NEW, '{{"fingerprint": ""}}'::jsonb);
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""


def content_columns(connection, table):
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, table)
    return [column.name for column in columns if column.name not in NOT_CONTENT]


def fingerprint_trigger_name(connection, table):
    """PostgreSQL's trigger compares whole rows; SQLite's names the content columns, so its
    name carries them: a migration that adds a column makes ensure_triggers replace it."""
    if connection.vendor == "postgresql":
        return f"{table}_fingerprint"
    columns = ",".join(content_columns(connection, table))
    return f"{table}_fingerprint_{hashlib.sha256(columns.encode()).hexdigest()[:8]}"


def create_fingerprint_trigger(statements, table):
    connection = statements.connection
    name = fingerprint_trigger_name(connection, table)
    if connection.vendor == "postgresql":
        statements.execute(POSTGRESQL_FINGERPRINT_FUNCTION)
        statements.execute(
            f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION catalog_forget_stale_fingerprint()"
        )
    elif connection.vendor == "sqlite":
        changed = " OR ".join(
            f'NEW."{column}" IS NOT OLD."{column}"' for column in content_columns(connection, table)
        )
        statements.execute(
            f"CREATE TRIGGER {name} AFTER UPDATE ON {table} "
            f"WHEN NEW.fingerprint = OLD.fingerprint AND NEW.fingerprint <> '' AND ({changed}) "
            f"BEGIN UPDATE {table} SET fingerprint = '' WHERE id = NEW.id; END"
        )


def drop_fingerprint_triggers(statements, table):
    connection = statements.connection
    on = f" ON {table}" if connection.vendor == "postgresql" else ""
    for name in existing_triggers(connection, table):
        if name.startswith(f"{table}_fingerprint"):
            statements.execute(f"DROP TRIGGER IF EXISTS {name}{on}")


def fingerprint_guard(table):
    """A migration operation: the database forgets the fingerprint of a row whose content
    changes without it (and the reverse drops that guard before the column goes)."""

    def drop(apps, schema_editor):
        drop_fingerprint_triggers(schema_editor, table)
        if schema_editor.connection.vendor == "sqlite":
            # This connection's history triggers name the column, and SQLite would refuse
            # to drop it; migrate makes them again when it is done (catalog_site.apps).
            drop_sqlite_history(schema_editor.connection, [table])

    return migrations.RunPython(
        lambda apps, schema_editor: create_fingerprint_trigger(schema_editor, table), drop
    )


def random_revision_steps(table):
    """A migration operation: the revision of `table` rises by a random step on each write
    (see REVISION_STEPS)."""

    def replace(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(POSTGRESQL_REVISION_FUNCTION)
        elif schema_editor.connection.vendor == "sqlite":
            present = existing_triggers(schema_editor.connection, table)
            if set(revision_trigger_names(table, "sqlite")) & present:
                drop_triggers(schema_editor, table, revision_trigger_names)
                create_revision_triggers(schema_editor, table)

    return migrations.RunPython(replace, migrations.RunPython.noop)


def uuid_trigger_names(table, vendor):
    return [f"{table}_uuid_is_immutable"]


def revision_trigger_names(table, vendor):
    if vendor == "postgresql":
        return [f"{table}_revision"]
    # SQLite has row triggers only: one per kind of write.
    return [f"{table}_revision_{event}" for event in ("insert", "update", "delete")]


def create_uuid_trigger(schema_editor, table):
    name = f"{table}_uuid_is_immutable"
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION)
        schema_editor.execute(
            f"CREATE TRIGGER {name} BEFORE UPDATE OF uuid ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION catalog_uuid_is_immutable()"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER {name} BEFORE UPDATE OF uuid ON {table} "
            "FOR EACH ROW WHEN NEW.uuid IS NOT OLD.uuid "
            "BEGIN SELECT RAISE(ABORT, 'uuid is immutable'); END"
        )


def create_revision_triggers(schema_editor, table):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REVISION_FUNCTION)
        schema_editor.execute(
            f"CREATE TRIGGER {table}_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION catalog_bump_revision()"
        )
    elif schema_editor.connection.vendor == "sqlite":
        for event in ("INSERT", "UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER {table}_revision_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN UPDATE {REVISION_TABLE} SET revision = revision + {SQLITE_STEP} "
                f"WHERE \"table\" = '{table}'; END"
            )


def drop_triggers(schema_editor, table, names):
    on = f" ON {table}" if schema_editor.connection.vendor == "postgresql" else ""
    for name in names(table, schema_editor.connection.vendor):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}{on}")


def immutable_uuid(table):
    """A migration operation that installs the uuid guard on `table`."""
    return migrations.RunPython(
        lambda apps, schema_editor: create_uuid_trigger(schema_editor, table),
        lambda apps, schema_editor: drop_triggers(schema_editor, table, uuid_trigger_names),
    )


def revision_counter(table):
    """A migration operation: count every write to `table` in catalog_site_revision."""

    def create(apps, schema_editor):
        schema_editor.execute(
            f'INSERT INTO {REVISION_TABLE} ("table", revision) VALUES (%s, 0)', [table]
        )
        create_revision_triggers(schema_editor, table)

    return migrations.RunPython(
        create,
        lambda apps, schema_editor: drop_triggers(schema_editor, table, revision_trigger_names),
    )


def existing_triggers(connection, table):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [table],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
        return {name for (name,) in cursor.fetchall()}


class Statements:
    """Runs the statements of the functions above on a plain connection, as a migration's
    schema editor would (SQLite's schema editor refuses to open inside a transaction)."""

    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql, params=None):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params or None)


def ensure_triggers(connection):
    """Create whichever guard is missing on the catalog tables (every installed catalog's,
    see catalog.registry), and the revision rows; return the names created. Does nothing to
    a table that does not exist yet."""
    if connection.vendor not in {"postgresql", "sqlite"}:
        return []
    tables = set(connection.introspection.table_names())
    created = []
    statements = Statements(connection)
    with transaction.atomic(using=connection.alias):
        for table in registry.tables():
            if table not in tables:
                continue
            present = existing_triggers(connection, table)
            wanted = [(uuid_trigger_names, create_uuid_trigger)]
            if CHANGE_TABLE in tables:
                wanted.append((history_trigger_names, create_postgresql_history))
            if REVISION_TABLE in tables:
                wanted.append((revision_trigger_names, create_revision_triggers))
                with connection.cursor() as cursor:
                    cursor.execute(f'SELECT 1 FROM {REVISION_TABLE} WHERE "table" = %s', [table])
                    if cursor.fetchone() is None:
                        # From a number of its own rather than 0, so that a table emptied and
                        # made again (a flush) never repeats a revision whose answers a
                        # cache may still hold.
                        statements.execute(
                            f'INSERT INTO {REVISION_TABLE} ("table", revision) VALUES (%s, %s)',
                            [table, secrets.randbits(40)],
                        )
                        created.append(f"{REVISION_TABLE}:{table}")
            for names, create in wanted:
                missing = [n for n in names(table, connection.vendor) if n not in present]
                if missing:
                    drop_triggers(statements, table, names)  # all of a kind, or none
                    create(statements, table)
                    created.extend(missing)
            if "fingerprint" in {c.name for c in columns_of(connection, table)}:
                name = fingerprint_trigger_name(connection, table)
                if name not in present:
                    drop_fingerprint_triggers(statements, table)  # made for other columns
                    create_fingerprint_trigger(statements, table)
                    created.append(name)
    return created


def columns_of(connection, table):
    with connection.cursor() as cursor:
        return connection.introspection.get_table_description(cursor, table)
