from django.db import migrations

from catalog_site.db.indexes import postgresql_index


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0001_initial"),
    ]

    operations = [
        postgresql_index(
            "film_rating_order_idx",
            "films_film",
            "score DESC NULLS LAST, a_grade_rank ASC NULLS LAST, sort_title",
        ),
    ]
