import datetime

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

FIRST_FILM_YEAR = 1874


def latest_release_year():
    """Films are announced a few years ahead; anything later is a typo."""
    return datetime.date.today().year + 5


after_the_first_film = MinValueValidator(FIRST_FILM_YEAR)


def validate_release_year(value):
    after_the_first_film(value)
    if value > latest_release_year():  # the validator is made only when it fails
        MaxValueValidator(latest_release_year())(value)


class Film(CatalogEntry):
    """A film the owner watched. Free text is kept as written; derived fields sit beside it."""

    title = models.CharField(max_length=300)
    release_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_release_year]
    )
    length_minutes = models.PositiveSmallIntegerField(
        "runtime (minutes)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    genres = models.CharField(
        max_length=255, blank=True, help_text="Comma separated, e.g. “Drama, Crime”."
    )

    date_text = models.CharField(
        "date seen",
        max_length=60,
        blank=True,
        help_text="As you would write it: “February 22, 2020”, “2025-11-22”, “April-97”, “1990s”.",
    )
    year_watched = models.CharField(
        max_length=20, blank=True, db_index=True, help_text="A year, or “Pre-2006”."
    )
    location = models.CharField(max_length=200, blank=True)
    format = models.CharField(
        max_length=100, blank=True, db_index=True, help_text="Theatre, Netflix, DVD, …"
    )

    grade = models.CharField(max_length=5, choices=Grade.choices, blank=True)
    a_grade_rank = models.PositiveIntegerField(
        "A-grade rank",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Your ranking among films graded exactly A (1 = best).",
    )

    rotten_tomatoes = models.PositiveSmallIntegerField(
        "Rotten Tomatoes %",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="Tomatometer percentage; empty when there is no RT score.",
    )
    rt_link = models.URLField("Rotten Tomatoes page", max_length=500, blank=True)
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
    letterboxd_uri = models.CharField(
        "Letterboxd URI",
        max_length=200,
        blank=True,
        db_index=True,
        help_text="The film's page on Letterboxd, as an import found it (boxd.in/...).",
    )
    watch_providers = models.JSONField(null=True, blank=True)
    watch_providers_updated_at = models.DateTimeField(null=True, blank=True)
    oscar_wins = models.PositiveSmallIntegerField(null=True, blank=True)
    oscar_nominations = models.PositiveSmallIntegerField(null=True, blank=True)

    # Derived on every save from the fields above; never edited by hand.
    # (CatalogEntry adds score, search_text and duplicate_key.)
    date, date_precision = parsed_date_fields("seen")
    sort_title = models.CharField(max_length=300, blank=True, editable=False)
    genre_index = models.CharField(max_length=300, blank=True, editable=False)

    objects = GenreQuerySet.as_manager()

    written_year = "year_watched"

    class Meta:
        ordering = ["sort_title", "release_year", "id"]
        indexes = [
            models.Index(fields=["sort_title"], name="film_sort_title_idx"),
            models.Index(fields=["-score", "a_grade_rank"], name="film_rating_idx"),
            models.Index(fields=["grade"], name="film_grade_idx"),
            models.Index(fields=["-date"], name="film_date_idx"),
            models.Index(fields=["release_year"], name="film_release_year_idx"),
            models.Index(fields=["rotten_tomatoes"], name="film_rt_idx"),
            models.Index(fields=["duplicate_key"], name="film_duplicate_idx"),
        ]

    @property
    def seen_text(self):
        """When it was seen, as the public page says it: the date as written, with the year
        watched after it when that is a year the date does not name ("Summer (2019)"), not a
        period such as "Pre-2006" beside "1990s"."""
        year = self.year_watched
        if not self.date_text:
            return year
        if year.isdigit() and year not in self.date_text:
            return f"{self.date_text} ({year})"
        return self.date_text

    def __str__(self):
        year = f" ({self.release_year})" if self.release_year else ""
        return f"{self.display_title}{year}"

    @property
    def where_to_watch(self):
        return where_to_watch(self.watch_providers)

    @property
    def rt_per_minute(self):
        """The old spreadsheet's RT score per minute of runtime, derived, never stored."""
        if self.rotten_tomatoes is None or not self.length_minutes:
            return None
        return round(self.rotten_tomatoes / self.length_minutes, 3)

    @classmethod
    def derived_values(cls, values):
        title = values["title"]
        return {
            **super().derived_values(values),
            "search_text": search_key(title, display_title(title)),
            "genre_index": genre_index(values["genres"]),
            # A film is its title and release year: a remake is another film, a re-watch
            # the same row.
            "duplicate_key": duplicate_key(title, values["release_year"]),
        }
