"""Films and books call the same things by the same names (see CatalogEntry): the grade,
the date as written and its parsed form, the image URL. Renaming keeps every value; the
indexes on renamed columns are dropped and made again so that Django's record of them
names the new fields."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0003_rating_page_index"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="film", name="film_grade_idx"),
        migrations.RemoveIndex(model_name="film", name="film_seen_on_idx"),
        migrations.RenameField(model_name="film", old_name="letter_rating", new_name="grade"),
        migrations.RenameField(model_name="film", old_name="date_seen", new_name="date_text"),
        migrations.RenameField(model_name="film", old_name="seen_on", new_name="date"),
        migrations.RenameField(
            model_name="film", old_name="seen_precision", new_name="date_precision"
        ),
        migrations.RenameField(model_name="film", old_name="poster_url", new_name="image_url"),
        migrations.AddIndex(
            model_name="film", index=models.Index(fields=["grade"], name="film_grade_idx")
        ),
        migrations.AddIndex(
            model_name="film", index=models.Index(fields=["-date"], name="film_date_idx")
        ),
        migrations.AlterField(
            model_name='film',
            name='date',
            field=models.DateField(blank=True, editable=False, help_text='date_seen read as a date, for sorting.', null=True, verbose_name='seen on'),
        ),
        migrations.AlterField(
            model_name='film',
            name='date_precision',
            field=models.CharField(blank=True, choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year'), ('decade', 'Decade')], editable=False, max_length=6, verbose_name='seen precision'),
        ),
        migrations.AlterField(
            model_name='film',
            name='date_text',
            field=models.CharField(blank=True, help_text='As you would write it: “February 22, 2020”, “2025-11-22”, “April-97”, “1990s”.', max_length=60, verbose_name='date seen'),
        ),
        migrations.AlterField(
            model_name='film',
            name='grade',
            field=models.CharField(blank=True, choices=[('A+', 'A+'), ('A/A+', 'A/A+'), ('A', 'A'), ('A-/A', 'A-/A'), ('A-', 'A-'), ('B+/A-', 'B+/A-'), ('B+', 'B+'), ('B/B+', 'B/B+'), ('B', 'B'), ('B-/B', 'B-/B'), ('B-', 'B-'), ('C+/B-', 'C+/B-'), ('C+', 'C+'), ('C/C+', 'C/C+'), ('C', 'C'), ('C-', 'C-'), ('D+', 'D+'), ('D', 'D')], max_length=5),
        ),
        migrations.AlterField(
            model_name='film',
            name='image_url',
            field=models.URLField(blank=True, max_length=500, verbose_name='poster url'),
        ),
    ]
