"""One definition of "possibly the same book": a stored duplicate_key (folded title and
authors, see Book.derived_values), indexed, and filled in for the rows already there. It
replaces the index on lower(book_name), author, which no query used."""

from django.db import migrations, models

from catalog_site.catalog.text import duplicate_key, person_display
from catalog_site.db.backfill import backfill


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
        backfill(
            "books",
            "Book",
            "duplicate_key",
            lambda book: duplicate_key(book.title, person_display(book.author)),
            "title", "author",
        ),
        migrations.AddIndex(
            model_name="book",
            index=models.Index(fields=["duplicate_key"], name="book_duplicate_idx"),
        ),
    ]
