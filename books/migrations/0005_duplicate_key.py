"""One definition of "possibly the same book": a stored duplicate_key (folded title and
authors, see Book.derived_values), indexed, and filled in for the rows already there. It
replaces the index on lower(book_name), author, which no query used."""

from django.db import migrations, models

from catalog_site.catalog.text import duplicate_key, person_display


def fill(apps, schema_editor):
    books = apps.get_model("books", "Book").objects.using(schema_editor.connection.alias)
    rows = list(books.only("id", "title", "author"))
    for row in rows:
        row.duplicate_key = duplicate_key(row.title, person_display(row.author))
    books.bulk_update(rows, ["duplicate_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("books", "0004_common_names"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="book", name="book_title_author_idx"),
        migrations.AddField(
            model_name="book",
            name="duplicate_key",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="book",
            index=models.Index(fields=["duplicate_key"], name="book_duplicate_idx"),
        ),
    ]
