"""The public list pages page the rating order with the id as the last tie-breaker (stable
pages); with the id in the index, PostgreSQL reads even the last page of 100,000 rows off the
index. The API's order is a prefix of it, so one index serves both."""

from django.db import migrations

from catalog_site.db.indexes import drop_postgresql_index, postgresql_index

RATING = "score DESC NULLS LAST, a_grade_rank ASC NULLS LAST, sort_title"


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0002_rating_order_index"),
    ]

    operations = [
        postgresql_index("film_rating_page_idx", "films_film", f"{RATING}, id"),
        drop_postgresql_index("film_rating_order_idx", "films_film", RATING),
    ]
