"""Reading a catalog database (the laptop's SQLite file, production's PostgreSQL) for a merge."""

import uuid

from django.db import connections

from .base import Reader


def hex_of(value):
    """A uuid as 32 hex digits: SQLite stores it so, PostgreSQL's driver gives a UUID."""
    return value if isinstance(value, str) and len(value) == 32 else uuid.UUID(str(value)).hex


class DatabaseReader(Reader):
    """Reads catalog rows, as the models define them, from a database alias."""

    # Equal updated_at and different content is a conflict between two catalogs.
    source_wins_ties = False

    def __init__(self, alias):
        self.alias = alias

    def count(self, model):
        return model.objects.using(self.alias).count()

    def marks(self, model, size):
        """(uuid as 32 hex digits, fingerprint) of every row, in id order, `size` rows at a
        time: read as the database stores them, without making a UUID of each."""
        connection = connections[self.alias]
        table = connection.ops.quote_name(model._meta.db_table)
        last = 0
        while True:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id, uuid, fingerprint FROM {table} WHERE id > %s ORDER BY id LIMIT %s",
                    [last, size],
                )
                rows = cursor.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [(hex_of(uuid), mark) for _, uuid, mark in rows]

    def rows(self, model, uuids):
        names = [field.attname for field in model._meta.concrete_fields if field.attname != "id"]
        return list(model.objects.using(self.alias).filter(uuid__in_array=uuids).values(*names))

    def batches(self, model, size):
        """Yield lists of row dicts (attname -> value), in id order, `size` rows at a time."""
        names = [field.attname for field in model._meta.concrete_fields]
        queryset = model.objects.using(self.alias).order_by("pk").values(*names)
        last = None
        while True:
            page = queryset.filter(pk__gt=last) if last is not None else queryset
            rows = list(page[:size])
            if not rows:
                return
            last = rows[-1]["id"]
            for row in rows:
                del row["id"]
            yield rows
