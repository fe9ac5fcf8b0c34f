"""One definition of "possibly the same film": a stored duplicate_key (folded title and
release year, see Film.derived_values), indexed, and filled in for the rows already there.
It replaces the index on lower(title), release_year, which no query used."""

from django.db import migrations, models

from catalog_site.catalog.text import duplicate_key
from catalog_site.db.backfill import backfill


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
        backfill(
            "films",
            "Film",
            "duplicate_key",
            lambda film: duplicate_key(film.title, film.release_year),
            "title", "release_year",
        ),
        migrations.AddIndex(
            model_name="film",
            index=models.Index(fields=["duplicate_key"], name="film_duplicate_idx"),
        ),
    ]
