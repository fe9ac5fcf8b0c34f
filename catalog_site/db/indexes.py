"""Indexes only PostgreSQL can have, as migration operations.

The API's "rating" order is `score DESC NULLS LAST, a_grade_rank NULLS LAST, title`; an
index in exactly that order lets PostgreSQL read a page deep into 100,000 rows off the index
instead of sorting them all. SQLite refuses NULLS LAST in an index, and its tables are small,
so there the operation does nothing.

Searches match words anywhere in a stored, folded `search_text` (LIKE '%word%'); a trigram
index (the pg_trgm extension, which a database owner may create) answers them from the index
at 100,000 rows. SQLite keeps its plain scan.
"""

from django.db import migrations


def postgresql_index(name, table, columns, using="btree"):
    """A migration operation creating `name` on `table` (columns as SQL, index method
    `using`) on PostgreSQL only."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING {using} ({columns})"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop)


def drop_postgresql_index(name, table, columns):
    """The reverse of postgresql_index(name, table, columns): drops it, and can recreate it."""
    operation = postgresql_index(name, table, columns)
    return migrations.RunPython(operation.reverse_code, operation.code)


def trigram_extension():
    """A migration operation: pg_trgm on PostgreSQL. Its reverse leaves the extension in place,
    as other indexes (the other catalog's, or the owner's own) may use it; Django's
    TrigramExtension would try to drop it, and on SQLite would look for pg_extension."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")

    return migrations.RunPython(create, migrations.RunPython.noop)
