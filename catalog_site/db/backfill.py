"""Filling a derived field of the rows already there, as a migration operation.

Derived fields (see CatalogEntry.derived_values) are computed on every save; a migration that
adds one must compute it for the rows saved before, exactly as a save would, or the next sync
would see every old row as changed.
"""

from django.db import migrations

from catalog_site.catalog.fingerprints import content_names, fingerprint


def backfill(app_label, model_name, field, compute, *reads):
    """A migration operation that sets `field` to compute(row) on every row, reading the
    fields `reads`; reversing it does nothing (the field goes with its own migration)."""

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = model.objects.using(schema_editor.connection.alias)
        # Read everything before writing: SQLite would otherwise read and write at once.
        batch = list(rows.only("pk", *reads))
        for row in batch:
            setattr(row, field, compute(row))
        rows.bulk_update(batch, [field], batch_size=500)

    return migrations.RunPython(fill, migrations.RunPython.noop)


def fingerprints(app_label, model_name):
    """A migration operation that fills the fingerprint of every row from its content as
    the database holds it (see catalog.fingerprints), for the model as it is at that
    migration. A migration that adds a content column should run it again: the rows' old
    fingerprints do not cover the new column and would all differ from a new save's."""

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        names = content_names(model)
        rows = model.objects.using(schema_editor.connection.alias)
        batch = [
            model(pk=row["pk"], fingerprint=fingerprint(row, names))
            for row in rows.values("pk", *names)
        ]
        rows.bulk_update(batch, ["fingerprint"], batch_size=500)

    return migrations.RunPython(fill, migrations.RunPython.noop)
