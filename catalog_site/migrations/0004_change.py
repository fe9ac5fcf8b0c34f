"""Every change to a film or book recorded, by the database itself (see db/history.py)."""

from django.db import migrations, models

from catalog_site.db.history import history_triggers


class Migration(migrations.Migration):

    dependencies = [
        ('catalog_site', '0003_run'),
        ('films', '0009_service_ids'),
        ('books', '0008_service_ids'),
    ]

    operations = [
        migrations.CreateModel(
            name='Change',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('table_name', models.CharField(max_length=63)),
                ('row_uuid', models.UUIDField(db_index=True)),
                ('action', models.CharField(max_length=6)),
                ('old', models.JSONField(blank=True, null=True)),
                ('new', models.JSONField(blank=True, null=True)),
                ('changed_at', models.DateTimeField(db_index=True)),
                ('actor', models.CharField(blank=True, max_length=200)),
                ('run', models.UUIDField(blank=True, db_index=True, null=True)),
            ],
            options={
                'ordering': ['-id'],
            },
        ),
        history_triggers("films_film"),
        history_triggers("books_book"),
    ]
