"""A database-level guard that a row's uuid never changes.

CatalogEntry.save() already refuses a changed uuid; the trigger also stops
`QuerySet.update()`, raw SQL and any future sync code from changing an identity.
Both engines get a trigger of their own; the error is an integrity error on both.
"""

from django.db import migrations

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


def _create(table):
    def create(apps, schema_editor):
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

    return create


def _drop(table):
    def drop(apps, schema_editor):
        name = f"{table}_uuid_is_immutable"
        on = f" ON {table}" if schema_editor.connection.vendor == "postgresql" else ""
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}{on}")

    return drop


def immutable_uuid(table):
    """A migration operation that installs the trigger on `table`."""
    return migrations.RunPython(_create(table), _drop(table))


POSTGRESQL_REVISION_FUNCTION = """
CREATE OR REPLACE FUNCTION catalog_bump_revision() RETURNS trigger AS $$
BEGIN
    UPDATE catalog_site_revision SET revision = revision + 1 WHERE "table" = TG_TABLE_NAME;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


def _create_revision_triggers(table):
    def create(apps, schema_editor):
        schema_editor.execute(
            'INSERT INTO catalog_site_revision ("table", revision) VALUES (%s, 0)', [table]
        )
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(POSTGRESQL_REVISION_FUNCTION)
            schema_editor.execute(
                f"CREATE TRIGGER {table}_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION catalog_bump_revision()"
            )
        elif schema_editor.connection.vendor == "sqlite":
            # SQLite has row triggers only.
            for event in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_revision_{event.lower()} AFTER {event} ON {table} "
                    f"BEGIN UPDATE catalog_site_revision SET revision = revision + 1 "
                    f"WHERE \"table\" = '{table}'; END"
                )

    return create


def _drop_revision_triggers(table):
    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_revision ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_revision_{event}")

    return drop


def revision_counter(table):
    """A migration operation: count every write to `table` in catalog_site_revision."""
    return migrations.RunPython(_create_revision_triggers(table), _drop_revision_triggers(table))
