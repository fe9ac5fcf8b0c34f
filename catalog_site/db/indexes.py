"""Indexes only PostgreSQL can have, as migration operations.

The API's "rating" order is `score DESC NULLS LAST, a_grade_rank NULLS LAST, title`; an
index in exactly that order lets PostgreSQL read a page deep into 100,000 rows off the index
instead of sorting them all. SQLite refuses NULLS LAST in an index, and its tables are small,
so there the operation does nothing.
"""

from django.db import migrations


def postgresql_index(name, table, columns):
    """A migration operation creating `name` on `table` (columns as SQL) on PostgreSQL only."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop)


def drop_postgresql_index(name, table, columns):
    """The reverse of postgresql_index(name, table, columns): drops it, and can recreate it."""
    operation = postgresql_index(name, table, columns)
    return migrations.RunPython(operation.reverse_code, operation.code)
