"""Reading the Flask-era tables (`films`, `books`) as rows of the new models.

Each catalog declares its table (CatalogConfig.legacy_table: a LegacyTable whose `convert`
reads one row with a RowReader, e.g. films/legacy.py); this module holds what they share.

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

from catalog_site.catalog.grades import Grade, score_for
from catalog_site.catalog.registry import catalog_of
from catalog_site.catalog.text import fold

from .base import Reader
from .databases import DatabaseProblem, location
from .report import ImportReport

LEGACY_NAMESPACE = uuid.UUID("0b6c3f4e-5d1a-4c8e-9f27-6a3e1d2b7c90")
# A row without created_at or updated_at gets this time, so re-imports stay identical.
UNKNOWN_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
EXAMPLES = 5
EXAMPLE_LENGTH = 200  # characters of an example the report shows
GRADES = {grade.value for grade in Grade}
GRADES_FOLDED = {grade.replace(" ", "").upper(): grade for grade in GRADES}


_URL = re.compile(r"https?://[^\s/:?#@]+(:\d+)?([/?#]\S*)?", re.I)


def looks_like_url(value):
    """An http(s) URL with a host and no spaces. Cheaper than Django's URLValidator, which
    dominated the import's time; the admin form still applies that one on the next edit."""
    return _URL.fullmatch(value) is not None


def legacy_uuid(table, legacy_id, title):
    """The deterministic identity of a legacy row (see the module docstring)."""
    return uuid.uuid5(LEGACY_NAMESPACE, f"{table}:{legacy_id}:{fold(title)}")


class LegacyImport(ImportReport):
    """What a legacy import did: the merge's Report, and per table what it interpreted
    (LegacyNotes.as_dict(), with the legacy ids that two rows share)."""

    key = "legacy"

    @property
    def tables(self):
        return self.read


@dataclasses.dataclass
class LegacyNotes:
    """What the import had to interpret in one table, for the report."""

    table: str
    rows: int = 0
    absent: bool = False  # the source has no such table (an older site had fewer catalogs)
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
            "absent": self.absent,
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
        value = json_safe(value)
        if isinstance(value, str) and len(value) > EXAMPLE_LENGTH:
            value = f"{value[:EXAMPLE_LENGTH]}…"
        self.notes.problem(field, self.legacy_id, value)

    def text(self, column, max_length=None):
        value = self.raw(column)
        if value is None:
            return ""
        value = str(value).strip()
        if "\x00" in value:  # PostgreSQL cannot store it, and no one typed it
            self.problem(column, value)
            value = value.replace("\x00", "").strip()
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

    def shared_fields(self, table, title_length, grade_column):
        """The fields of every catalog, from a row of `table` (a LegacyTable): identity,
        title, grade (a stale score noted), the date as written and the A-grade rank."""
        title = self.text(table.title_column, title_length)
        if not title:  # kept all the same: nothing is dropped
            self.problem(table.title_column, self.raw(table.title_column))
        grade = self.grade(grade_column)
        self.check_score(title, grade)
        return {
            **self.identity(table.name, title),
            "title": title,
            "grade": grade,
            "date_text": self.text(table.date_column, 60),
            "a_grade_rank": self.integer("a_grade_rank", low=1),
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
    """A legacy value as JSON can hold it (the row's record, the report). A NUL character,
    which PostgreSQL's JSON cannot hold, is kept as U+FFFD, the mark of a character lost."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if value is None or type(value) in (int, float, bool):
        return value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return json_safe(value.decode("utf-8", "replace"))
    return value


class LegacyTable(NamedTuple):
    """A Flask-era table: its name, the columns it may have, the function that turns one of
    its rows into model fields, and its names for the title and the date as written."""

    name: str
    columns: set
    convert: Callable
    title_column: str
    date_column: str


def table_of(model):
    """The Flask-era table a catalog declares (CatalogConfig.legacy_table)."""
    return catalog_of(model).declared("legacy_table")


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

    @functools.cached_property
    def present(self):
        """The names of the source's tables."""
        return set(connections[self.alias].introspection.table_names())

    def columns(self, table):
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            description = connection.introspection.get_table_description(cursor, table)
        return [column.name for column in description]

    def count(self, model):
        table = table_of(model).name
        if table not in self.present:
            return 0
        with connections[self.alias].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            return cursor.fetchone()[0]

    def batches(self, model, size):
        table, known, convert, _, _ = table_of(model)
        notes = self.notes[model] = LegacyNotes(table)
        if table not in self.present:
            notes.absent = True
            return
        columns = self.columns(table)
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
            notes.problem(table_of(model).date_column, row["legacy_id"], row["date_text"])
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
        """Refuse a database without any of the legacy tables asked for, or a table without
        its required columns. A table the old site added later (`shows`) may be absent from
        an older copy of it: that catalog is then reported as not found, and the others
        imported."""
        connection = connections[self.alias]
        tables = [table_of(model).name for model in models]
        if not set(tables) & self.present:
            raise DatabaseProblem(
                f"The legacy source ({location(connection.settings_dict)}) has no "
                f"{' or '.join(f'`{table}`' for table in tables)} table: "
                "is it the Flask-era database?"
            )
        for model in models:
            table = table_of(model).name
            if table not in self.present:
                continue
            missing = {"id", table_of(model).title_column} - set(self.columns(table))
            if missing:
                raise DatabaseProblem(
                    f"The legacy `{table}` table has no {', '.join(sorted(missing))} column."
                )

    def table_notes(self, model, target):
        """What the import interpreted in `model`'s table, and its legacy id collisions."""
        table = table_of(model).name
        read = self.notes.get(model) or LegacyNotes(table, absent=table not in self.present)
        notes = read.as_dict()
        notes["same_id_different_title"] = self.id_collisions(model, target)
        return notes

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
