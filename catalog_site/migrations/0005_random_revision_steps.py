from django.db import migrations

from catalog_site.db.triggers import random_revision_steps


class Migration(migrations.Migration):
    dependencies = [("catalog_site", "0004_change")]

    operations = [random_revision_steps("films_film"), random_revision_steps("books_book")]
