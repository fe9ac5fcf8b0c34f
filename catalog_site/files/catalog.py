"""The catalog's own file format, as CSV or JSON: what export_catalog writes and import_file
reads back.

Each row carries its uuid, created_at, updated_at and every field a person can edit; derived
fields are computed again on import, and legacy ids and data stay with the database they
came from. Rows keep their uuid, so the import is a plain merge (as a sync): a row already in
the catalog is updated only if the file's is newer. The output is deterministic (rows in
uuid order, JSON keys sorted), so export -> import into an empty catalog -> export gives the
same bytes.

CSV: a UTF-8 byte-order mark (so that a spreadsheet reads "Amélie" as UTF-8), one header
row, and the union of the catalogs' columns, empty where a column is not that catalog's:
first what a person reads (title, year, author, grade, date, ...), last the record's
identity (the `catalog` column, "films" or "books"; uuid; created_at; updated_at). Empty
is "no value"; a JSON field is written as JSON text; booleans as true/false; a value a
spreadsheet would take for a formula after a `'` (see spreadsheet_safe), which the import
drops.
JSON: {"format": "catalog", "version": 1, "films": [{...}], "books": [{...}]}, a list per
catalog. A Django fixture of the catalogs (backup_catalog, dumpdata) is read as the same.
"""

import csv
import datetime
import functools
import io
import itertools
import json
import uuid
from collections import Counter

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from catalog_site.catalog import registry
from catalog_site.sync.base import Reader

from .base import FileProblem, Format, Rejected
from .json_rows import JsonRows
from .validation import field_problem

RECORD = ("uuid", "created_at", "updated_at")


def exported_fields(model):
    """The record fields, then every field a person can edit, in the model's order."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    return [fields[name] for name in RECORD] + [
        field for field in model.content_fields() if field.attname not in RECORD
    ]


def json_value(value):
    if value is None:
        return None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or CR before one) is
# written after a `'`, which spreadsheets show as text; so is one that begins with `'`, so
# that reading drops exactly one and export -> import holds to the letter.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def spreadsheet_safe(text):
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def from_spreadsheet(text):
    return text[1:] if text.startswith("'") else text


def csv_value(field, value):
    value = json_value(value)
    if value is None:
        return ""
    if isinstance(field, models.JSONField):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(str(value))


def export_rows(model, queryset, *, keep_order=False):
    fields = exported_fields(model)
    rows = queryset if keep_order else queryset.order_by("uuid")
    for row in rows.values(*(field.attname for field in fields)):
        yield {field.attname: json_value(row[field.attname]) for field in fields}


def write_json(out, querysets, *, keep_order=False):
    document = {"format": "catalog", "version": 1}
    for name, queryset in querysets.items():
        model = registry.catalog(name).model
        document[name] = list(export_rows(model, queryset, keep_order=keep_order))
    json.dump(document, out, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1, sort_keys=True)
    out.write("\n")


# The columns a person reads first, where a catalog has them; its other fields follow in the
# model's order, and the record's identity comes last.
LEADING = ("title", "release_year", "author", "year", "grade", "date_text", "a_grade_rank")


def csv_columns(names):
    content = []
    for name in names:
        for field in exported_fields(registry.catalog(name).model):
            if field.attname not in content and field.attname not in RECORD:
                content.append(field.attname)
    leading = [name for name in LEADING if name in content]
    return [
        *leading,
        *(name for name in content if name not in leading),
        "catalog",
        *RECORD,
    ]


def write_csv(out, querysets, *, keep_order=False):
    """The querysets' rows in uuid order (so that export -> import -> export gives the same
    bytes), or in their own order (`keep_order`: the admin's export of its list)."""
    columns = csv_columns(querysets)
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for name, queryset in querysets.items():
        model = registry.catalog(name).model
        fields = {field.attname: field for field in exported_fields(model)}
        rows = queryset if keep_order else queryset.order_by("uuid")
        for row in rows.values(*fields):
            values = {key: csv_value(fields[key], value) for key, value in row.items()}
            writer.writerow(
                [name if column == "catalog" else values.get(column, "") for column in columns]
            )


def from_text(field, value):
    """A CSV or JSON value as the model field holds it; ValueError if it cannot be."""
    if value is None or (value == "" and (field.null or not isinstance(value, str))):
        return None if field.null else field.get_default()
    if isinstance(field, models.JSONField):
        return json.loads(value) if isinstance(value, str) else value
    if isinstance(field, models.BooleanField):
        if isinstance(value, bool):
            return value
        if value.lower() not in {"true", "false"}:
            raise ValueError(f"{field.name} {value!r} is not true or false")
        return value.lower() == "true"
    try:
        return field.to_python(value)
    except Exception as error:  # Django's ValidationError, or the parser's ValueError
        raise ValueError(f"{field.name} {value!r}: {error}") from None


class Rows:
    """A catalog's rows in a file, (line, raw dict) each: counted when the file was checked,
    and read from the file again each time they are iterated, so they are never all held."""

    def __init__(self, count, read):
        self.count = count
        self.read = read  # returns a new iterator of the rows

    def __len__(self):
        return self.count

    def __iter__(self):
        return iter(self.read())


def chunks(rows, size):
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


class CatalogFileReader(Reader):
    """Rows of a catalog export, as the merge engine reads them (uuid and times as written),
    each batch read from the file and checked as the merge asks for it."""

    source_wins_ties = False
    records_outcomes = True

    def __init__(self, rows_by_catalog, *, rejected=(), tables=()):
        self.entries = rows_by_catalog  # {model: Rows}, as FileReader's entries
        self.rejected = list(rejected)
        self.tables = list(tables)
        self.skipped = Counter()
        self.seen = {}  # uuid -> line: a uuid twice in one file is the second row refused
        self.prefer_source = False  # the merge's own rule decides (MergeOptions)
        self.field_conflicts = {}  # rows carry their own times: no field is compared alone

    def leave_out(self, model, rule):
        self.skipped[rule] += len(self.entries.pop(model, []))

    def rows_by_outcome(self, outcomes):
        """{outcome: rows}: one row of the file is one row of the catalog."""
        counts = Counter(outcomes.values())
        counts["skipped"] = sum(self.skipped.values())
        counts["not_understood"] = len(self.rejected)
        return counts

    def notes(self):
        return []

    def count(self, model):
        return len(self.entries.get(model, []))

    def batches(self, model, size):
        fields = {field.attname: field for field in model._meta.concrete_fields}
        exported = [field.attname for field in exported_fields(model)]
        content = [field for field in exported_fields(model) if field.attname not in RECORD]
        for rows in chunks(self.entries.get(model, []), size):
            batch = []
            for line, raw in rows:
                try:
                    row = {
                        name: field.get_default() for name, field in fields.items() if name != "id"
                    }
                    for name in exported:
                        if name in raw:
                            row[name] = from_text(fields[name], raw[name])
                    if row["uuid"] is None or raw.get("uuid") in ("", None):
                        raise ValueError("no uuid")
                    for field in content:
                        problem = field_problem(field, row[field.attname])
                        if problem:
                            raise ValueError(f"{field.verbose_name}: {problem}")
                    if row["uuid"] in self.seen:
                        raise ValueError(f"the same uuid as line {self.seen[row['uuid']]}")
                except (ValueError, TypeError) as problem:
                    self.rejected.append(Rejected(line, raw, str(problem)))
                    continue
                self.seen[row["uuid"]] = line
                row.update(model.derived_values(row))
                batch.append(row)
            if batch:
                yield batch


class CatalogJson(Format):
    """The catalog's own JSON export, or a Django fixture of catalog rows."""

    name = "catalog-json"
    label = "This catalog's JSON export, or a backup (backup_catalog)"

    def models(self):
        return registry.models()

    def recognises(self, opened):
        return not opened.is_zip and opened.start.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (
            b"{",
            b"[",
        )

    def reader(self, opened, options, target):
        document = JsonRows(opened)
        return CatalogFileReader(
            {
                model: Rows(count, functools.partial(document.rows, model))
                for model, count in document.counts.items()
            }
        )


class CatalogCsv(Format):
    """The catalog's own CSV export: a `catalog` column says which catalog a row is of."""

    name = "catalog-csv"
    label = "This catalog's CSV export"
    headers = {"catalog", "uuid", "updated_at"}

    def models(self):
        return registry.models()

    def recognises(self, opened):
        return not opened.is_zip and self.headers <= set(opened.headers)

    def reader(self, opened, options, target):
        if opened.is_zip:
            raise FileProblem(f"{opened.name} is not a catalog export.")
        table = opened.table(strip=False)  # values as written: notes keep their spaces
        if not self.headers <= set(table.headers):
            raise FileProblem(f"{opened.name} is not a catalog export.")
        by_name = {config.catalog_name: config.model for config in registry.catalogs()}
        counts, rejected = Counter(), []
        for line, raw in self.rows(table, rejected):
            if raw["catalog"] not in by_name:
                raise FileProblem(
                    f"Line {line}: catalog {raw['catalog']!r} is not {' or '.join(by_name)}."
                )
            counts[by_name[raw["catalog"]]] += 1
        return CatalogFileReader(
            {
                model: Rows(count, functools.partial(self.rows, table, [], name))
                for name, model in by_name.items()
                if (count := counts[model])
            },
            rejected=rejected,
            tables=[table.describe()],
        )

    def rows(self, table, rejected, catalog=None):
        """(line, raw) of the table's rows (of one catalog), as written before a spreadsheet
        saw them; the rows not understood are added to `rejected`."""
        for row in table:
            if isinstance(row, Rejected):
                rejected.append(row)
                continue
            line, raw = row
            raw = {name: from_spreadsheet(value) for name, value in raw.items()}
            if catalog is None or raw["catalog"] == catalog:
                yield line, raw


def export(out, *, kind, querysets=None, keep_order=False):
    """Write the catalog (or the given querysets: {"films": qs}) to the text stream `out`,
    in uuid order, or the querysets' own (`keep_order`)."""
    if querysets is None:
        querysets = {
            config.catalog_name: config.model.objects.all() for config in registry.catalogs()
        }
    (write_json if kind == "json" else write_csv)(out, querysets, keep_order=keep_order)


def export_bytes(kind, querysets, *, keep_order=False):
    out = io.StringIO(newline="")
    export(out, kind=kind, querysets=querysets, keep_order=keep_order)
    return out.getvalue().encode()
