"""Films and books call the same things by the same names (see CatalogEntry): the title,
the grade, the date as written and its parsed form, the image URL, the notes, and the format
(how it was read, as a film's format is how it was watched). Renaming keeps
every value; the indexes on renamed columns are dropped and made again so that Django's
record of them names the new fields."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("books", "0003_rating_page_index"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="book", name="book_grade_idx"),
        migrations.RemoveIndex(model_name="book", name="book_read_on_idx"),
        migrations.RemoveIndex(model_name="book", name="book_title_author_idx"),
        migrations.RenameField(model_name="book", old_name="book_name", new_name="title"),
        migrations.RenameField(model_name="book", old_name="j_rayting", new_name="grade"),
        migrations.RenameField(model_name="book", old_name="date_read", new_name="date_text"),
        migrations.RenameField(model_name="book", old_name="read_on", new_name="date"),
        migrations.RenameField(
            model_name="book", old_name="read_precision", new_name="date_precision"
        ),
        migrations.RenameField(model_name="book", old_name="cover_url", new_name="image_url"),
        migrations.RenameField(
            model_name="book", old_name="details_commentary", new_name="notes"
        ),
        migrations.RenameField(model_name="book", old_name="form", new_name="format"),
        migrations.AddIndex(
            model_name="book", index=models.Index(fields=["grade"], name="book_grade_idx")
        ),
        migrations.AddIndex(
            model_name="book", index=models.Index(fields=["-date"], name="book_date_idx")
        ),
        migrations.AddIndex(
            model_name="book",
            index=models.Index(
                django.db.models.functions.text.Lower("title"),
                models.F("author"),
                name="book_title_author_idx",
            ),
        ),
        migrations.AlterField(
            model_name='book',
            name='date',
            field=models.DateField(blank=True, editable=False, help_text='date_read read as a date, for sorting.', null=True, verbose_name='read on'),
        ),
        migrations.AlterField(
            model_name='book',
            name='date_precision',
            field=models.CharField(blank=True, choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year'), ('decade', 'Decade')], editable=False, max_length=6, verbose_name='read precision'),
        ),
        migrations.AlterField(
            model_name='book',
            name='date_text',
            field=models.CharField(blank=True, help_text='As you would write it: “February 15, 1999”, “1999-02-15”, “May-99”.', max_length=60, verbose_name='date read'),
        ),
        migrations.AlterField(
            model_name='book',
            name='grade',
            field=models.CharField(blank=True, choices=[('A+', 'A+'), ('A/A+', 'A/A+'), ('A', 'A'), ('A-/A', 'A-/A'), ('A-', 'A-'), ('B+/A-', 'B+/A-'), ('B+', 'B+'), ('B/B+', 'B/B+'), ('B', 'B'), ('B-/B', 'B-/B'), ('B-', 'B-'), ('C+/B-', 'C+/B-'), ('C+', 'C+'), ('C/C+', 'C/C+'), ('C', 'C'), ('C-', 'C-'), ('D+', 'D+'), ('D', 'D')], max_length=5),
        ),
        migrations.AlterField(
            model_name='book',
            name='image_url',
            field=models.URLField(blank=True, max_length=500, verbose_name='cover url'),
        ),
        migrations.AlterField(
            model_name='book',
            name='title',
            field=models.CharField(max_length=500),
        ),
        migrations.AlterField(
            model_name='book',
            name='format',
            field=models.CharField(blank=True, db_index=True, help_text='Kindle, Book, Audible, …', max_length=30, verbose_name='form'),
        ),
    ]
