"""A trigram index on search_text, so a search (LIKE '%word%') at 100,000 rows reads the
index instead of every row. PostgreSQL only; pg_trgm is a trusted extension, which the
database's owner may create."""

from django.db import migrations

from catalog_site.db.indexes import postgresql_index, trigram_extension


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0006_imdb_id"),
    ]

    operations = [
        trigram_extension(),
        postgresql_index(
            "film_search_trigram_idx", "films_film", "search_text gin_trgm_ops", using="gin"
        ),
    ]
