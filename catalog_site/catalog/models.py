"""The common base of films and books: identity, timestamps, the legacy record, and the
fields both derive from what the owner wrote."""

import functools
import uuid
from collections import defaultdict

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from .dates import NAMES_A_YEAR, Precision, parse_fuzzy_date
from .fingerprints import content_names, fingerprint
from .grades import score_for
from .text import display_title, search_words, sort_title

PROTECTED_FIELDS = ("uuid", "created_at")


class ImmutableFieldError(ValueError):
    """Raised on an attempt to change a row's uuid or creation time."""


def parsed_date_fields(verb):
    """`date` and `date_precision` for a catalog whose entries are `verb` ("seen", "read"):
    the date text read as the first day of its period, for sorting, and how precise the text
    was. Derived on every save from date_text."""
    return (
        models.DateField(
            f"{verb} on",
            null=True,
            blank=True,
            editable=False,
            help_text=f"date_{verb} read as a date, for sorting.",
        ),
        models.CharField(
            f"{verb} precision",
            max_length=6,
            choices=Precision.choices,
            blank=True,
            editable=False,
        ),
    )


def year_written(value):
    """The year a written value names (2024, "2024"), or None ("Pre-2006", "02024")."""
    if isinstance(value, int):
        return value if 1 <= value <= 9999 else None
    text = str(value)
    if text.isascii() and text.isdigit() and len(text) == 4 and text[0] != "0":
        return int(text)
    return None


class CatalogQuerySet(models.QuerySet):
    """The query vocabulary films and books share (`Film.objects.possible_duplicates_of()`)."""

    def possible_duplicates_of(self, entry):
        """The rows that may be the same film or book as `entry` (saved or not), under
        another uuid: those with its duplicate_key (see each model's derived_values).

        The API answers 409 with them, and the merge warns of them; neither merges them.
        """
        key = type(entry).derived_values(entry.__dict__)["duplicate_key"]
        if not key:
            return self.none()
        return self.filter(duplicate_key=key).exclude(uuid=entry.uuid)

    def search(self, term, field="search_text"):
        """The rows whose folded key (`search_text`, or another folded field such as a
        book's `author_key`) holds every word of `term`, folded too: case, accents and word
        order do not matter, on any engine. An empty term matches every row. Each word
        counts once, and only the first SEARCH_WORDS do: a term of a thousand repeated
        words costs what one costs."""
        queryset = self
        for word in search_words(term):
            queryset = queryset.filter(**{f"{field}__contains": word})
        return queryset

    def decades(self, field):
        """The distinct decades (1990 for the 1990s) of the year column `field`, newest
        first; rows without a year have none."""
        years = self.exclude(**{f"{field}__isnull": True}).order_by().values_list(field, flat=True)
        return sorted({year // 10 * 10 for year in years.distinct()}, reverse=True)

    def of_year(self, year):
        """The rows of a year: seen, read or watched in it (see years())."""
        dated = Q(date__year=year, date_precision__in=NAMES_A_YEAR)
        field = self.model.written_year
        if not field:
            return self.filter(dated)
        unwritten = Q(**{f"{field}__isnull": True})
        if self.model._meta.get_field(field).empty_strings_allowed:
            unwritten |= Q(**{field: ""})
        return self.filter(Q(**{field: year}) | (unwritten & dated))

    def years(self):
        """{year: rows} of every year that has rows, oldest first, in one query.

        A row's year is the one the owner wrote (the model's `written_year` field: a film's
        year watched, a book's year read), which wins where it disagrees with the date, as
        the old spreadsheet's did; else the year of its date, unless the date names none
        ("1990s"). A written value that is not a year ("Pre-2006") gives the row none.
        """
        field = self.model.written_year
        columns = [field] if field else []
        rows = (
            self.order_by()
            .values_list(*columns, ExtractYear("date"), "date_precision")
            .annotate(rows=Count("*"))
        )
        counts = defaultdict(int)
        for *written, dated, precision, count in rows:
            if written and written[0] not in ("", None):
                year = year_written(written[0])
            else:
                year = dated if precision in NAMES_A_YEAR else None
            if year:
                counts[year] += count
        return dict(sorted(counts.items()))

    def uuids_by_duplicate_key(self):
        """{duplicate_key: {uuid, ...}} for every row that has one: the same comparison as
        possible_duplicates_of(), for many rows at once and in one query."""
        keys = defaultdict(set)
        for row_uuid, key in self.exclude(duplicate_key="").values_list("uuid", "duplicate_key"):
            keys[key].add(row_uuid)
        return keys


class GenreQuerySet(CatalogQuerySet):
    """The query vocabulary of catalogs whose rows have genres (films, shows): a model with
    a `genre_index` (see text.genre_index)."""

    def genre_keys(self):
        """The distinct genre keys of these rows ('drama', 'science-fiction'), sorted."""
        indexes = self.order_by().values_list("genre_index", flat=True).distinct()
        return sorted({key for index in indexes for key in index.split("|") if key})

    def in_genre(self, key):
        """The rows of the genre `key` (a genre_key, e.g. 'science-fiction'); whole genres
        only, as genre_index delimits them."""
        return self.filter(genre_index__contains=f"|{key}|")


# How TMDB's watch providers name the ways to watch, as the public pages say them.
WATCH_KINDS = {"flatrate": "Stream", "rent": "Rent", "buy": "Buy"}


def where_to_watch(watch_providers):
    """[(how, [services])] from a row's watch_providers as a TMDB look-up stores them
    ("Stream", "Rent", "Buy"); [] when there is nothing, or data of another shape (a legacy
    row)."""
    offers = watch_providers if isinstance(watch_providers, dict) else {}
    return [
        (label, [name for name in offers[kind] if isinstance(name, str)])
        for kind, label in WATCH_KINDS.items()
        if isinstance(offers.get(kind), list) and offers[kind]
    ]


class CatalogEntry(models.Model):
    """A row that can be recognised in any database and synced between them.

    Films and books use one vocabulary: each has a `title`, a `grade` (one of the owner's
    grades), a `date_text` (when it was seen or read, as the owner wrote it), an
    `image_url` (poster or cover), a `format` (how it was watched or read) and an
    `a_grade_rank`; from these every catalog derives
    `score`, `date` (the date text read as a date) with its `date_precision`,
    `sort_title` and `duplicate_key`. Shared code reads those names and needs no
    `if model is Film`.

    `uuid` is the identity across databases: created once, never changed (the database
    refuses a change too, see catalog_site.db.triggers). `updated_at` is the time of the last
    *content* edit, a change to any field a person can edit. It is set here rather than by
    `auto_now`, which would also reset it when a sync copies a row or nothing changed.
    """

    uuid = models.UUIDField("UUID", default=uuid.uuid4, unique=True, editable=False)
    legacy_id = models.IntegerField(
        null=True, blank=True, editable=False, db_index=True, help_text="Id in the Flask-era table."
    )
    legacy_data = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="The original Flask-era row, as it was imported.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    all_dates = models.TextField(
        "every date",
        blank=True,
        help_text="Every date it was seen or read that an import found, newest first "
        "(a rewatch or a re-read is the same row; the date field holds the latest).",
    )

    # Derived on every save (see derived_values), never edited by hand; each catalog adds the
    # derived fields whose labels or sizes are its own.
    score = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    duplicate_key = models.TextField(blank=True, editable=False)
    # The content's digest (see fingerprints.py): a sync compares rows by it.
    fingerprint = models.CharField(max_length=32, blank=True, editable=False)

    objects = CatalogQuerySet.as_manager()

    # The field holding the year as the owner wrote it, which wins over the date's (see
    # CatalogQuerySet.years), or None where the date alone says it.
    written_year = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        stored = getattr(self, "_stored", None)
        editing = stored is not None and not self._state.adding
        if editing:
            for name in PROTECTED_FIELDS:
                if name in stored and getattr(self, name) != stored[name]:
                    raise ImmutableFieldError(f"{name} of {self} cannot change.")
        self.derive()
        # A caller that sets updated_at itself (a sync copying a row) is trusted.
        if editing and self.content_changed() and self.updated_at == stored.get("updated_at"):
            self.updated_at = timezone.now()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)
        self._stored = self._snapshot()

    def get_absolute_url(self):
        """The public page of the row (the admin's "View on site")."""
        return reverse(f"{self._meta.app_label}:detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored = instance._snapshot()
        return instance

    @classmethod
    def content_fields(cls):
        """The fields whose change is a content edit: those a person can edit."""
        return [f for f in cls._meta.concrete_fields if f.editable and not f.primary_key]

    @classmethod
    @functools.cache
    def _snapshot_names(cls):
        return [f.attname for f in cls.content_fields()] + [*PROTECTED_FIELDS, "updated_at"]

    def _snapshot(self):
        """What was loaded, to tell a content edit from a plain save (every row read pays
        for this, so it stays a single dict comprehension)."""
        loaded = self.__dict__
        return {name: loaded[name] for name in self._snapshot_names() if name in loaded}

    def content_changed(self):
        """Whether an editable field differs from what was loaded (always True for a new row)."""
        stored = getattr(self, "_stored", None)
        if stored is None or self._state.adding:
            return True
        return any(
            getattr(self, f.attname) != stored[f.attname]
            for f in self.content_fields()
            if f.attname in stored
        )

    @property
    def display_title(self):
        return display_title(self.title)

    @property
    def summary(self):
        """One or two sentences for the card of a shared link: "Graded A+. Seen April-97."
        and the start of the notes, where the catalog has them."""
        seen = self._meta.get_field("date").verbose_name.split()[0]  # "seen on" -> "seen"
        parts = [f"Graded {self.grade}." if self.grade else ""]
        parts.append(f"{seen.capitalize()} {self.date_text}." if self.date_text else "")
        notes = " ".join(getattr(self, "notes", "").split())
        parts.append(notes if len(notes) <= 200 else f"{notes[:199].rstrip()}…")
        return " ".join(part for part in parts if part) or str(self)

    def derive(self):
        """Recompute the fields derived from content, as the model's derived_values() says,
        then the fingerprint of it all."""
        for name, value in self.derived_values(self.__dict__).items():
            setattr(self, name, value)
        self.fingerprint = fingerprint(self.__dict__, self.content_names())

    @classmethod
    @functools.cache
    def content_names(cls):
        """The columns a fingerprint covers and a merge compares."""
        return content_names(cls)

    @classmethod
    def derived_values(cls, values):
        """The derived fields for a dict of content values (a model's `__dict__` or a plain
        row dict, as the merge reads them). Subclasses add their own to these, and always
        `search_text` and `duplicate_key`: what a search matches, and what makes two rows
        possibly the same film or book (see CatalogQuerySet.possible_duplicates_of)."""
        date, precision = parse_fuzzy_date(values["date_text"])
        return {
            "score": score_for(values["grade"]),
            "date": date,
            "date_precision": precision,
            "sort_title": sort_title(values["title"]),
        }


class Revision(models.Model):
    """A counter per catalog table that the database itself raises on every write.

    Triggers (catalog_site.db.triggers) bump it for any INSERT, UPDATE or DELETE, whoever sends
    it: the admin, the API, a sync or a raw SQL session. Cached API answers are keyed by it,
    so none outlives a change; and as the bump is part of the writing transaction, no reader
    sees the new revision before the new rows.
    """

    table = models.CharField(max_length=63, primary_key=True)
    revision = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.table} revision {self.revision}"

    @classmethod
    def of(cls, model, using=None):
        """The table's revision, or None. Every cached read asks this first, so it is one
        plain statement rather than a compiled query (a third of a cached answer's time)."""
        with connections[using or DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(
                f'SELECT revision FROM {cls._meta.db_table} WHERE "table" = %s',
                [model._meta.db_table],
            )
            row = cursor.fetchone()
        return None if row is None else row[0]
