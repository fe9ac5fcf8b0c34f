"""Reading a catalog database (the laptop's SQLite file, production's PostgreSQL) for a merge."""

from .base import Reader


class DatabaseReader(Reader):
    """Reads catalog rows, as the models define them, from a database alias."""

    # Equal updated_at and different content is a conflict between two catalogs.
    source_wins_ties = False

    def __init__(self, alias):
        self.alias = alias

    def count(self, model):
        return model.objects.using(self.alias).count()

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
