"""Reading the Flask-era tables `films` and `books` as rows of the new models.

The legacy import is the merge engine (base.py) with this reader in place of a
catalog database. Every legacy value finds a home: what can be parsed is parsed, what cannot
is left out of the typed field, counted in the report with examples, and kept in the row's
`legacy_data`, which holds the whole original row.

Identity: legacy ids collided between the laptop and production (different rows under the
same id), so a legacy row's uuid is derived from its table, its id *and* its normalised
title. The same row imported from either database is one row; two rows that shared an id
stay two.
"""

import dataclasses
import datetime
import decimal
import functools
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import NamedTuple

from django.db import connections
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from books.models import Book
from catalog_site.catalog.grades import Grade, score_for
from catalog_site.catalog.text import fold
from films.models import FIRST_FILM_YEAR, Film, latest_release_year

from .base import Reader
from .databases import DatabaseProblem, location

LEGACY_NAMESPACE = uuid.UUID("0b6c3f4e-5d1a-4c8e-9f27-6a3e1d2b7c90")
# A row without created_at or updated_at gets this time, so re-imports stay identical.
UNKNOWN_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
EXAMPLES = 5
GRADES = {grade.value for grade in Grade}
GRADES_FOLDED = {grade.replace(" ", "").upper(): grade for grade in GRADES}


_URL = re.compile(r"https?://[^\s/:?#@]+(:\d+)?([/?#]\S*)?", re.I)


def looks_like_url(value):
    """An http(s) URL with a host and no spaces. Cheaper than Django's URLValidator, which
    dominated the import's time; the admin form still applies that one on the next edit."""
    return _URL.fullmatch(value) is not None


FILM_COLUMNS = {
    "id", "order_number", "date_seen", "title", "letter_rating", "score", "year_watched",
    "location", "format", "release_year", "rotten_tomatoes", "length_minutes", "rt_per_minute",
    "genres", "poster_url", "rt_link", "a_grade_rank", "tmdb_id", "watch_providers",
    "watch_providers_updated_at", "oscar_wins", "oscar_nominations", "created_at", "updated_at",
}  # fmt: skip
BOOK_COLUMNS = {
    "id", "order_number", "date_read", "year", "book_name", "author", "details_commentary",
    "j_rayting", "score", "type", "pages", "form", "notes_in_notion", "notion_link", "cover_url",
    "google_books_id", "isbn", "average_rating", "ratings_count", "published_date",
    "year_written", "description", "a_grade_rank", "created_at", "updated_at",
}  # fmt: skip


def legacy_uuid(table, legacy_id, title):
    """The deterministic identity of a legacy row (see the module docstring)."""
    return uuid.uuid5(LEGACY_NAMESPACE, f"{table}:{legacy_id}:{fold(title)}")


@dataclasses.dataclass
class LegacyNotes:
    """What the import had to interpret in one table, for the report."""

    table: str
    rows: int = 0
    unknown_columns: list = dataclasses.field(default_factory=list)
    missing_columns: list = dataclasses.field(default_factory=list)
    unreadable: dict = dataclasses.field(default_factory=lambda: defaultdict(int))
    examples: dict = dataclasses.field(default_factory=lambda: defaultdict(list))
    stale_scores: list = dataclasses.field(default_factory=list)

    def problem(self, field, legacy_id, value):
        self.unreadable[field] += 1
        if len(self.examples[field]) < EXAMPLES:
            self.examples[field].append({"id": legacy_id, "value": value})

    def as_dict(self):
        return {
            "table": self.table,
            "rows": self.rows,
            "unknown_columns": self.unknown_columns,
            "missing_columns": self.missing_columns,
            "unreadable": {
                field: {"count": count, "examples": self.examples[field]}
                for field, count in sorted(self.unreadable.items())
            },
            "stale_scores": self.stale_scores,
        }


class RowReader:
    """Typed values out of one legacy row; each value that does not fit is noted."""

    def __init__(self, row, notes):
        self.row = row
        self.notes = notes
        self.legacy_id = row.get("id")

    def raw(self, column):
        return self.row.get(column)

    def problem(self, field, value):
        self.notes.problem(field, self.legacy_id, json_safe(value))

    def text(self, column, max_length=None):
        value = self.raw(column)
        if value is None:
            return ""
        value = str(value).strip()
        if max_length and len(value) > max_length:
            self.problem(column, value)
            return value[:max_length]
        return value

    def integer(self, column, low=None, high=None):
        return self.numeric(column, lambda value: int(decimal.Decimal(value)), low, high)

    def number(self, column, low=None, high=None):
        return self.numeric(column, float, low, high)

    def numeric(self, column, parse, low, high):
        """A number within [low, high], or None (noted) for anything else."""
        value = self.raw(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            number = parse(str(value).strip())
        except (decimal.InvalidOperation, ValueError):
            self.problem(column, value)
            return None
        if (low is not None and number < low) or (high is not None and number > high):
            self.problem(column, value)
            return None
        return number

    def url(self, column, placeholders=("PLACEHOLDER",)):
        value = self.text(column)
        if not value or value.upper() in placeholders:
            return ""
        if not looks_like_url(value) or len(value) > 500:
            self.problem(column, value)
            return ""
        return value

    def grade(self, column):
        value = self.text(column)
        if not value:
            return ""
        spelled = re.sub(
            r"\s*plus\b", "+", re.sub(r"\s*minus\b", "-", value, flags=re.I), flags=re.I
        )
        grade = value if value in GRADES else GRADES_FOLDED.get(spelled.replace(" ", "").upper())
        if grade is None:
            self.problem(column, value)
            return ""
        return grade

    def timestamp(self, column):
        value = self.raw(column)
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            parsed = value
        else:
            try:
                parsed = parse_datetime(str(value).strip())
            except ValueError:
                parsed = None
            if parsed is None:
                self.problem(column, value)
                return None
        if timezone.is_naive(parsed):
            parsed = parsed.replace(tzinfo=datetime.UTC)
        return parsed

    def json(self, column):
        value = self.raw(column)
        if value is None or value == "":
            return None
        if isinstance(value, dict | list):
            return value
        try:
            return json.loads(value)
        except (TypeError, ValueError):
            self.problem(column, value)
            return None

    def percentage(self, column):
        """'97%' -> 97; 'no RT score' -> None."""
        value = self.text(column)
        if not value or fold(value) in {"no rt score", "na", "n/a", "none"}:
            return None
        match = re.fullmatch(r"(\d{1,3})\s*%?", value)
        if not match or int(match[1]) > 100:
            self.problem(column, value)
            return None
        return int(match[1])

    def yes_no(self, column):
        value = self.text(column)
        folded = fold(value)
        if folded in {"yes", "y", "true", "1"}:
            return True
        if folded in {"no", "n", "false", "0"}:
            return False
        if folded not in {"", "n/a", "na"}:
            self.problem(column, value)
        return None

    def identity(self, table, title):
        created = self.timestamp("created_at")
        updated = self.timestamp("updated_at") or created
        return {
            "uuid": legacy_uuid(table, self.legacy_id, title),
            "legacy_id": self.legacy_id,
            "legacy_data": {key: json_safe(value) for key, value in self.row.items()},
            "created_at": created or UNKNOWN_TIME,
            "updated_at": updated or UNKNOWN_TIME,
        }

    def check_score(self, title, grade):
        stored = self.integer("score")
        if grade and stored is not None and stored != score_for(grade):
            self.notes.stale_scores.append(
                {
                    "id": self.legacy_id,
                    "title": title,
                    "grade": grade,
                    "legacy_score": stored,
                    "score": score_for(grade),
                }
            )


def json_safe(value):
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def film_fields(row, notes):
    """The Film fields for one legacy `films` row."""
    read = RowReader(row, notes)
    title = read.text("title", 300)
    grade = read.grade("letter_rating")
    read.check_score(title, grade)
    length = read.integer("length_minutes", low=1, high=10_000)
    return {
        **read.identity("films", title),
        "title": title,
        "release_year": read.integer("release_year", FIRST_FILM_YEAR, latest_release_year()),
        "length_minutes": length,
        "genres": read.text("genres", 255),
        "date_text": read.text("date_seen", 60),
        "year_watched": read.text("year_watched", 20),
        "location": read.text("location", 200),
        "format": read.text("format", 100),
        "grade": grade,
        "a_grade_rank": read.integer("a_grade_rank", low=1),
        "rotten_tomatoes": read.percentage("rotten_tomatoes"),
        "rt_link": read.url("rt_link"),
        "image_url": read.url("poster_url"),
        "tmdb_id": read.integer("tmdb_id", low=1),
        "watch_providers": read.json("watch_providers"),
        "watch_providers_updated_at": read.timestamp("watch_providers_updated_at"),
        "oscar_wins": read.integer("oscar_wins", low=0, high=1000),
        "oscar_nominations": read.integer("oscar_nominations", low=0, high=1000),
    }


def book_fields(row, notes):
    """The Book fields for one legacy `books` row."""
    read = RowReader(row, notes)
    title = read.text("book_name", 500)
    grade = read.grade("j_rayting")
    read.check_score(title, grade)
    return {
        **read.identity("books", title),
        "title": title,
        "author": read.text("author", 300),
        "order_number": read.integer("order_number", low=0),
        "date_text": read.text("date_read", 60),
        "year": read.integer("year", 1900, 2200),
        "grade": grade,
        "a_grade_rank": read.integer("a_grade_rank", low=1),
        "notes": read.text("details_commentary"),
        "type": read.text("type", 60),
        "format": read.text("form", 30),
        "pages": read.integer("pages", low=1),
        "notes_in_notion": read.yes_no("notes_in_notion"),
        "notion_link": read.url("notion_link"),
        "image_url": read.url("cover_url"),
        "google_books_id": read.text("google_books_id", 40),
        "isbn": read.text("isbn", 20),
        "average_rating": read.number("average_rating", 0, 5),
        "ratings_count": read.integer("ratings_count", low=0),
        "published_date": read.text("published_date", 20),
        "year_written": read.integer("year_written", -3000, 3000),
        "description": read.text("description"),
    }


class LegacyTable(NamedTuple):
    """A Flask-era table: its name, the columns it may have, the function that turns one of
    its rows into model fields, and its names for the title and the date as written."""

    name: str
    columns: set
    convert: Callable
    title_column: str
    date_column: str


TABLES = {
    Film: LegacyTable("films", FILM_COLUMNS, film_fields, "title", "date_seen"),
    Book: LegacyTable("books", BOOK_COLUMNS, book_fields, "book_name", "date_read"),
}


class LegacyReader(Reader):
    """Reads the legacy tables of a database alias as model rows, for merge()."""

    # The old site seldom set updated_at: an edited legacy row often keeps the time of the
    # last import. A target row with that same time was not edited since, so the legacy
    # row wins; a target row edited here has a later time and is kept.
    source_wins_ties = True

    def __init__(self, alias):
        self.alias = alias
        self.notes = {}
        self.imported = defaultdict(lambda: defaultdict(list))

    def columns(self, table):
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            description = connection.introspection.get_table_description(cursor, table)
        return [column.name for column in description]

    def count(self, model):
        table = TABLES[model].name
        with connections[self.alias].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            return cursor.fetchone()[0]

    def batches(self, model, size):
        table, known, convert, _, _ = TABLES[model]
        columns = self.columns(table)
        notes = self.notes[model] = LegacyNotes(table)
        notes.unknown_columns = sorted(set(columns) - known)
        notes.missing_columns = sorted(known - set(columns))
        connection = connections[self.alias]
        quote = connection.ops.quote_name
        select = ", ".join(quote(column) for column in columns)
        last = None
        while True:
            where = "" if last is None else f" WHERE {quote('id')} > %s"
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {select} FROM {quote(table)}{where} ORDER BY {quote('id')} LIMIT %s",
                    ([] if last is None else [last]) + [size],
                )
                rows = [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]
            if not rows:
                return
            last = rows[-1]["id"]
            notes.rows += len(rows)
            yield [self.convert(model, convert(row, notes), notes) for row in rows]

    def convert(self, model, fields, notes):
        """A row dict as the merge reads it: every column, derived fields computed."""
        row = {**self.defaults(model), **fields}
        row.update(model.derived_values(row))
        if row["date_text"] and row["date"] is None:
            notes.problem(TABLES[model].date_column, row["legacy_id"], row["date_text"])
        self.imported[model][row["legacy_id"]].append((row["uuid"], row["title"]))
        return row

    @functools.cache  # noqa: B019  (one reader per command)
    def defaults(self, model):
        """Every column's default, for the columns a legacy table does not fill (a field the
        old site never had, like a film's IMDb id). Callable defaults (the uuid, the times)
        are left to identity(), which fixes them per legacy row."""
        return {
            f.attname: f.get_default()
            for f in model._meta.concrete_fields
            if f.attname != "id" and not (f.has_default() and callable(f.default))
        }

    def check_tables(self, models):
        """Refuse a database without the legacy tables, or without their required columns."""
        connection = connections[self.alias]
        tables = set(connection.introspection.table_names())
        for model in models:
            table = TABLES[model].name
            if table not in tables:
                raise DatabaseProblem(
                    f"The legacy source ({location(connection.settings_dict)}) has no "
                    f"`{table}` table: is it the Flask-era database?"
                )
            missing = {"id", TABLES[model].title_column} - set(self.columns(table))
            if missing:
                raise DatabaseProblem(
                    f"The legacy `{table}` table has no {', '.join(sorted(missing))} column."
                )

    def id_collisions(self, model, target):
        """Pairs of rows with the same legacy id but different titles (so different uuids):
        the laptop and production gave one id to two rows. Kept apart, shown to the owner."""
        existing = defaultdict(list)
        rows = model.objects.using(target).filter(legacy_id__isnull=False)
        for legacy_id, row_uuid, title in rows.values_list("legacy_id", "uuid", "title"):
            existing[legacy_id].append((row_uuid, title))
        pairs = []
        for legacy_id, imported in self.imported[model].items():
            for row_uuid, title in imported:
                for other_uuid, other_title in existing.get(legacy_id, []):
                    if other_uuid != row_uuid:
                        pairs.append(
                            {"legacy_id": legacy_id, "title": title, "other_title": other_title}
                        )
        return pairs
