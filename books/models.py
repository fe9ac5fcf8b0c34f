from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from catalog_site.catalog.grades import Grade
from catalog_site.catalog.models import CatalogEntry, parsed_date_fields
from catalog_site.catalog.text import (
    display_title,
    duplicate_key,
    person_display,
    search_key,
    split_people,
)


class Book(CatalogEntry):
    """A book the owner read. Free text is kept as written; derived fields sit beside it."""

    title = models.CharField(max_length=500)
    author = models.CharField(
        max_length=300, blank=True, help_text="As you write it, e.g. “Wolfe, Tom”."
    )
    order_number = models.PositiveIntegerField(
        null=True, blank=True, db_index=True, help_text="Your reading order."
    )
    date_text = models.CharField(
        "date read",
        max_length=60,
        blank=True,
        help_text="As you would write it: “February 15, 1999”, “1999-02-15”, “May-99”.",
    )
    year = models.PositiveSmallIntegerField(
        "year read",
        null=True,
        blank=True,
        db_index=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
    )
    grade = models.CharField(max_length=5, choices=Grade.choices, blank=True)
    a_grade_rank = models.PositiveIntegerField(
        "A-grade rank",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Your ranking within the top grade band (1 = best).",
    )
    notes = models.TextField("my thoughts", blank=True)

    type = models.CharField(
        max_length=60, blank=True, db_index=True, help_text="FICT, NF/BIO, NF/SOC, …"
    )
    format = models.CharField(
        "form", max_length=30, blank=True, db_index=True, help_text="Kindle, Book, Audible, …"
    )
    pages = models.PositiveIntegerField(null=True, blank=True, validators=[MinValueValidator(1)])
    notes_in_notion = models.BooleanField(
        null=True, blank=True, help_text="Whether you keep notes on it in Notion."
    )
    notion_link = models.URLField(max_length=500, blank=True)

    image_url = models.URLField("cover url", max_length=500, blank=True)
    google_books_id = models.CharField(max_length=40, blank=True, db_index=True)
    isbn = models.CharField("ISBN", max_length=20, blank=True, db_index=True)
    goodreads_id = models.CharField(
        "Goodreads id",
        max_length=20,
        blank=True,
        db_index=True,
        help_text="The Book Id of Goodreads' export, as an import found it.",
    )
    average_rating = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(5)]
    )
    ratings_count = models.PositiveIntegerField(null=True, blank=True)
    published_date = models.CharField(
        max_length=20, blank=True, help_text="Edition date: 2015-12-08, 1999-01 or 2000."
    )
    year_written = models.SmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)

    # Derived on every save from the fields above; never edited by hand.
    # (CatalogEntry adds score, search_text and duplicate_key.)
    date, date_precision = parsed_date_fields("read")
    sort_title = models.CharField(max_length=500, blank=True, editable=False)
    author_key = models.CharField(max_length=700, blank=True, editable=False)

    written_year = "year"

    class Meta:
        ordering = ["sort_title", "id"]
        indexes = [
            models.Index(fields=["sort_title"], name="book_sort_title_idx"),
            models.Index(fields=["-score", "a_grade_rank"], name="book_rating_idx"),
            models.Index(fields=["grade"], name="book_grade_idx"),
            models.Index(fields=["-date"], name="book_date_idx"),
            models.Index(fields=["author"], name="book_author_idx"),
            models.Index(fields=["duplicate_key"], name="book_duplicate_idx"),
        ]

    def __str__(self):
        by = f" by {self.author_display}" if self.author else ""
        return f"{self.display_title}{by}"

    @property
    def author_display(self):
        return person_display(self.author)

    @property
    def author_people(self):
        """Each author as 'First Last', for one link per person."""
        return split_people(self.author)

    @classmethod
    def derived_values(cls, values):
        title, author = values["title"], values["author"]
        return {
            **super().derived_values(values),
            "search_text": search_key(title, display_title(title), author, person_display(author)),
            "author_key": search_key(author, person_display(author)),
            # A book is its title and its authors, in either way of writing them: the year
            # read is not part of it. A re-read is the same book (so imports update that
            # row, and the API asks for intended=true before adding a second one), as a
            # re-watch is the same film; two books of one title by different authors are not.
            "duplicate_key": duplicate_key(title, person_display(author)),
        }
