"""One definition of "possibly the same film": a stored duplicate_key (folded title and
release year, see Film.derived_values), indexed, and filled in for the rows already there.
It replaces the index on lower(title), release_year, which no query used."""

from django.db import migrations, models

from catalog_site.catalog.text import duplicate_key


def fill(apps, schema_editor):
    films = apps.get_model("films", "Film").objects.using(schema_editor.connection.alias)
    rows = list(films.only("id", "title", "release_year"))
    for row in rows:
        row.duplicate_key = duplicate_key(row.title, row.release_year)
    films.bulk_update(rows, ["duplicate_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0004_common_names"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="film", name="film_title_year_idx"),
        migrations.AddField(
            model_name="film",
            name="duplicate_key",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="film",
            index=models.Index(fields=["duplicate_key"], name="film_duplicate_idx"),
        ),
    ]
