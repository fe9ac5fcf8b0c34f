import datetime
import math

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from catalog_site.catalog.grades import Grade
from catalog_site.catalog.models import (
    CatalogEntry,
    GenreQuerySet,
    parsed_date_fields,
    where_to_watch,
)
from catalog_site.catalog.text import (
    IMDB_ID,
    display_title,
    duplicate_key,
    genre_index,
    search_key,
)

# Television's first regular broadcasts; an earlier year is a typo.
FIRST_SHOW_YEAR = 1928


def latest_year():
    """Shows are announced a few years ahead; anything later is a typo."""
    return datetime.date.today().year + 5


after_the_first_show = MinValueValidator(FIRST_SHOW_YEAR)


def validate_year(value):
    after_the_first_show(value)
    if value > latest_year():  # the validator is made only when it fails
        MaxValueValidator(latest_year())(value)


def validate_finite(value):
    if not math.isfinite(value):
        raise ValidationError("Give a number, not %(value)s.", params={"value": value})


def validate_offers(value):
    """Where to watch as a TMDB look-up stores it: an object ({"flatrate": ["Netflix"]}), or
    nothing."""
    if value is not None and not isinstance(value, dict):
        raise ValidationError(
            'Where to watch is a JSON object, e.g. {"region": "US", "flatrate": ["Netflix"]}.'
        )


class Show(CatalogEntry):
    """A TV show the owner watched. Free text is kept as written; derived fields sit beside it."""

    title = models.CharField(max_length=300)
    start_year = models.PositiveSmallIntegerField(
        "first aired", null=True, blank=True, validators=[validate_year]
    )
    end_year = models.PositiveSmallIntegerField(
        "last aired", null=True, blank=True, validators=[validate_year]
    )
    is_ongoing = models.BooleanField(
        "still running", null=True, blank=True, help_text="Whether new episodes are still made."
    )
    seasons = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )
    episodes = models.PositiveIntegerField(null=True, blank=True, validators=[MinValueValidator(1)])
    genres = models.CharField(
        max_length=255, blank=True, help_text="Comma separated, e.g. “Drama, Crime”."
    )

    date_text = models.CharField(
        "date watched",
        max_length=60,
        blank=True,
        help_text="As you would write it: “February 22, 2020”, “2025-11-22”, “May-19”, “2010s”.",
    )
    grade = models.CharField(max_length=5, choices=Grade.choices, blank=True)
    a_grade_rank = models.PositiveIntegerField(
        "A-grade rank",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Your ranking among shows graded exactly A (1 = best).",
    )
    notes = models.TextField("my thoughts", blank=True)

    imdb_rating = models.FloatField(
        "IMDb rating",
        null=True,
        blank=True,
        validators=[validate_finite, MinValueValidator(0), MaxValueValidator(10)],
        help_text="Out of 10, e.g. 8.7.",
    )
    image_url = models.URLField("poster url", max_length=500, blank=True)
    tmdb_id = models.PositiveIntegerField("TMDB id", null=True, blank=True, db_index=True)
    imdb_id = models.CharField(
        "IMDb id",
        max_length=12,
        blank=True,
        db_index=True,
        validators=[
            RegexValidator(rf"^{IMDB_ID.pattern}$", "An IMDb id is tt followed by 7 to 10 digits.")
        ],
    )
    trakt_id = models.PositiveIntegerField(
        "Trakt id",
        null=True,
        blank=True,
        db_index=True,
        help_text="The show's id on Trakt, as an import found it.",
    )
    watch_providers = models.JSONField(null=True, blank=True, validators=[validate_offers])
    watch_providers_updated_at = models.DateTimeField(null=True, blank=True)

    # Derived on every save from the fields above; never edited by hand.
    # (CatalogEntry adds score, search_text and duplicate_key.)
    date, date_precision = parsed_date_fields("watched")
    sort_title = models.CharField(max_length=300, blank=True, editable=False)
    genre_index = models.CharField(max_length=300, blank=True, editable=False)

    objects = GenreQuerySet.as_manager()

    class Meta:
        verbose_name = "TV show"
        ordering = ["sort_title", "start_year", "id"]
        indexes = [
            models.Index(fields=["sort_title"], name="show_sort_title_idx"),
            models.Index(fields=["-score", "a_grade_rank"], name="show_rating_idx"),
            models.Index(fields=["grade"], name="show_grade_idx"),
            models.Index(fields=["-date"], name="show_date_idx"),
            models.Index(fields=["start_year"], name="show_start_year_idx"),
            models.Index(fields=["duplicate_key"], name="show_duplicate_idx"),
        ]

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": "The last year is before the first."})

    def __str__(self):
        return f"{self.display_title}{f' ({self.years})' if self.years else ''}"

    @property
    def years(self):
        """When it ran, as TV guides write it: "2008–2013", "2019–" (still running), "2016"."""
        start, end = self.start_year, self.end_year
        if not start:
            return ""
        if self.is_ongoing:
            return f"{start}–"
        if end and end != start:
            return f"{start}–{end}"
        return str(start)

    @property
    def where_to_watch(self):
        return where_to_watch(self.watch_providers)

    @classmethod
    def derived_values(cls, values):
        title = values["title"]
        return {
            **super().derived_values(values),
            "search_text": search_key(title, display_title(title)),
            "genre_index": genre_index(values["genres"]),
            # A show is its title and first year: a remake is another show, a rewatch or a
            # new season the same row.
            "duplicate_key": duplicate_key(title, values["start_year"]),
        }
