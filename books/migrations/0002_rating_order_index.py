from django.db import migrations

from catalog_site.db.indexes import postgresql_index


class Migration(migrations.Migration):
    dependencies = [
        ("books", "0001_initial"),
    ]

    operations = [
        postgresql_index(
            "book_rating_order_idx",
            "books_book",
            "score DESC NULLS LAST, a_grade_rank ASC NULLS LAST, sort_title",
        ),
    ]
