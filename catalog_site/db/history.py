"""The history triggers: every INSERT, UPDATE and DELETE on a catalog table leaves a row in
catalog_site_change with the whole row before and after, the time, the actor and the run
(see history/context.py), in the writing transaction itself. Being in the database, they see
every write path alike: the admin, the API, model saves, QuerySet.update(), the merge
engine's SQL upserts and raw SQL.

PostgreSQL: statement triggers with transition tables, so a merge batch of 1,000 rows costs
one INSERT ... SELECT, not 1,000 trigger calls. An UPDATE that changes nothing is not
recorded.

SQLite: row triggers, created as TEMP triggers on each connection this process opens (they
call functions only this process defines). Writes from outside Django (the sqlite3 shell) are
therefore not recorded on a laptop; they still raise the revision counter.
"""

from django.db import migrations

CHANGE_TABLE = "catalog_site_change"
EVENTS = ("insert", "update", "delete")
CONTEXT = (
    "now(), coalesce(current_setting('catalog.actor', true), ''), "
    "nullif(current_setting('catalog.run', true), '')::uuid"
)
COLUMNS = "table_name, row_uuid, action, old, new, changed_at, actor, run"
POSTGRESQL_SELECTS = {
    "insert": f"SELECT TG_TABLE_NAME, n.uuid, 'insert', NULL, to_jsonb(n), {CONTEXT} "
    "FROM new_rows n",
    "update": f"SELECT TG_TABLE_NAME, n.uuid, 'update', to_jsonb(o), to_jsonb(n), {CONTEXT} "
    "FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE to_jsonb(o) <> to_jsonb(n)",
    "delete": f"SELECT TG_TABLE_NAME, o.uuid, 'delete', to_jsonb(o), NULL, {CONTEXT} "
    "FROM old_rows o",
}
REFERENCING = {
    "insert": "NEW TABLE AS new_rows",
    "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "OLD TABLE AS old_rows",
}


def history_trigger_names(table, vendor):
    return [f"{table}_history_{event}" for event in EVENTS] if vendor == "postgresql" else []


def create_postgresql_history(schema_editor, table):
    for event in EVENTS:
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION catalog_history_{event}() RETURNS trigger AS $$ "
            f"BEGIN INSERT INTO {CHANGE_TABLE} ({COLUMNS}) {POSTGRESQL_SELECTS[event]}; "
            "RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_history_{event} AFTER {event.upper()} ON {table} "
            f"REFERENCING {REFERENCING[event]} FOR EACH STATEMENT "
            f"EXECUTE FUNCTION catalog_history_{event}()"
        )


def drop_postgresql_history(schema_editor, table):
    for event in EVENTS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_history_{event} ON {table}")


def history_triggers(table):
    """A migration operation: record every change to `table`. On SQLite this only concerns
    the migrating connection; every other connection makes its own (sqlite_history_triggers)."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            create_postgresql_history(schema_editor, table)
        elif schema_editor.connection.vendor == "sqlite":
            sqlite_history_triggers(schema_editor.connection, [table])

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            drop_postgresql_history(schema_editor, table)
        elif schema_editor.connection.vendor == "sqlite":
            drop_sqlite_history(schema_editor.connection, [table])

    return migrations.RunPython(create, drop)


def sqlite_json(row, columns, json_columns):
    parts = []
    for name in columns:
        value = f'{row}."{name}"'
        parts.append(f"'{name}', " + (f"json({value})" if name in json_columns else value))
    return f"json_object({', '.join(parts)})"


def drop_sqlite_history(connection, tables):
    with connection.cursor() as cursor:
        for table in tables:
            for event in EVENTS:
                cursor.execute(f"DROP TRIGGER IF EXISTS temp.{table}_history_{event}")


def sqlite_history_triggers(connection, tables):
    """Create the TEMP history triggers of `tables` on one SQLite connection (none for a
    table that does not exist; and none at all, old ones dropped, without the change table,
    as after migrating back past it)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        present = {name for (name,) in cursor.fetchall()}
    if CHANGE_TABLE not in present:
        drop_sqlite_history(connection, tables)
        return
    with connection.cursor() as cursor:
        for table in tables:
            if table not in present:
                continue
            cursor.execute(f'PRAGMA table_info("{table}")')
            info = cursor.fetchall()
            columns = [row[1] for row in info]
            json_columns = json_columns_of(table)
            old, new = (
                sqlite_json("OLD", columns, json_columns),
                sqlite_json("NEW", columns, json_columns),
            )
            context = (
                "strftime('%Y-%m-%d %H:%M:%f', 'now'), coalesce(catalog_actor(), ''), catalog_run()"
            )
            bodies = {
                "insert": f"'{table}', NEW.uuid, 'insert', NULL, {new}",
                "update": f"'{table}', NEW.uuid, 'update', {old}, {new}",
                "delete": f"'{table}', OLD.uuid, 'delete', {old}, NULL",
            }
            # A change of the fingerprint alone (the database forgetting a stale one, see
            # triggers.py) is not a change of the row.
            compared = [column for column in columns if column != "fingerprint"]
            changed = (
                f"{sqlite_json('OLD', compared, json_columns)} IS NOT "
                f"{sqlite_json('NEW', compared, json_columns)}"
            )
            for event in EVENTS:
                when = f" WHEN {changed}" if event == "update" else ""
                cursor.execute(f"DROP TRIGGER IF EXISTS temp.{table}_history_{event}")
                cursor.execute(
                    f"CREATE TEMP TRIGGER {table}_history_{event} AFTER {event.upper()} "
                    f"ON main.{table} FOR EACH ROW{when} BEGIN "
                    f"INSERT INTO {CHANGE_TABLE} ({COLUMNS}) "
                    f"VALUES ({bodies[event]}, {context}); END"
                )


def json_columns_of(table):
    """The JSON columns of a table, which SQLite stores as text: json() keeps them JSON in
    the recorded row rather than a string."""
    from django.apps import apps
    from django.db import models

    for model in apps.get_models():
        if model._meta.db_table == table:
            return {
                field.column
                for field in model._meta.concrete_fields
                if isinstance(field, models.JSONField)
            }
    return set()
