"""The catalog's own file format, as CSV or JSON: what export_catalog writes and import_file
reads back.

Each row carries its uuid, created_at, updated_at and every field a person can edit; derived
fields are computed again on import, and legacy ids and data stay with the database they
came from. Rows keep their uuid, so the import is a plain merge (as a sync): a row already in
the catalog is updated only if the file's is newer. The output is deterministic (rows in
uuid order, JSON keys sorted), so export -> import into an empty catalog -> export gives the
same bytes.

CSV: one header row, a `catalog` column ("films" or "books") and the union of both catalogs'
columns, empty where a column is not that catalog's. Empty is "no value"; a JSON field is
written as JSON text; booleans as true/false.
JSON: {"format": "catalog", "version": 1, "films": [{...}], "books": [{...}]}. A Django
fixture of films and books (backup_catalog, dumpdata) is read as the same.
"""

import csv
import datetime
import io
import json
import uuid

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from books.models import Book
from catalog_site.sync.base import Reader
from films.models import Film

from .base import FileProblem, Rejected, csv_rows, text

CATALOGS = {"films": Film, "books": Book}
RECORD = ("uuid", "created_at", "updated_at")


def exported_fields(model):
    """The record fields, then every field a person can edit, in the model's order."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    return [fields[name] for name in RECORD] + [
        field for field in model.content_fields() if field.attname not in RECORD
    ]


def json_value(field, value):
    if value is None:
        return None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def csv_value(field, value):
    value = json_value(field, value)
    if value is None:
        return ""
    if isinstance(field, models.JSONField):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def export_rows(model, queryset):
    fields = exported_fields(model)
    for row in queryset.order_by("uuid").values(*(field.attname for field in fields)):
        yield {field.attname: json_value(field, row[field.attname]) for field in fields}


def write_json(out, querysets):
    document = {"format": "catalog", "version": 1}
    for name, queryset in querysets.items():
        document[name] = list(export_rows(CATALOGS[name], queryset))
    json.dump(document, out, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1, sort_keys=True)
    out.write("\n")


def csv_columns(names):
    columns = ["catalog"]
    for name in names:
        for field in exported_fields(CATALOGS[name]):
            if field.attname not in columns:
                columns.append(field.attname)
    return columns


def write_csv(out, querysets):
    columns = csv_columns(querysets)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for name, queryset in querysets.items():
        model = CATALOGS[name]
        fields = {field.attname: field for field in exported_fields(model)}
        for row in queryset.order_by("uuid").values(*fields):
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


class CatalogFileReader(Reader):
    """Rows of a catalog export, as the merge engine reads them (uuid and times as written)."""

    source_wins_ties = False

    def __init__(self, rows_by_catalog):
        self.entries = rows_by_catalog  # {model: [(line, raw dict)]}, as FileReader's
        self.rejected = []

    def count(self, model):
        return len(self.entries.get(model, []))

    def batches(self, model, size):
        fields = {field.attname: field for field in model._meta.concrete_fields}
        exported = [field.attname for field in exported_fields(model)]
        rows = self.entries.get(model, [])
        for start in range(0, len(rows), size):
            batch = []
            for line, raw in rows[start : start + size]:
                try:
                    row = {
                        name: field.get_default() for name, field in fields.items() if name != "id"
                    }
                    for name in exported:
                        if name in raw:
                            row[name] = from_text(fields[name], raw[name])
                    if row["uuid"] is None:
                        raise ValueError("no uuid")
                except (ValueError, TypeError) as problem:
                    self.rejected.append(Rejected(line, raw, str(problem)))
                    continue
                row.update(model.derived_values(row))
                batch.append(row)
            if batch:
                yield batch


def read_catalog_file(opened, file_format):
    """{model: [(line, raw)]} from a catalog CSV or JSON file."""
    rows = {}
    if file_format == "catalog-json":
        with open(opened.path, "rb") as binary:
            try:
                document = json.load(text(binary))
            except (ValueError, UnicodeDecodeError) as error:
                raise FileProblem(f"{opened.path.name} is not JSON ({error}).") from None
        if isinstance(document, list):
            return fixture_rows(opened, document)
        if not isinstance(document, dict) or document.get("format") != "catalog":
            raise FileProblem(f"{opened.path.name} is not a catalog export.")
        for name, model in CATALOGS.items():
            items = document.get(name, [])
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise FileProblem(f'"{name}" in {opened.path.name} is not a list of rows.')
            rows[model] = list(enumerate(items, start=1))
        return rows
    with open(opened.path, "rb") as binary:
        headers, lines = csv_rows(text(binary))
        if not {"catalog", "uuid", "updated_at"} <= set(headers):
            raise FileProblem(f"{opened.path.name} is not a catalog export.")
        for line, raw in lines:
            model = CATALOGS.get(raw["catalog"])
            if model is None:
                raise FileProblem(f"Line {line}: catalog {raw['catalog']!r} is not films or books.")
            rows.setdefault(model, []).append((line, raw))
    return rows


def fixture_rows(opened, document):
    """{model: [(position, fields)]} from a Django fixture (backup_catalog, dumpdata)."""
    labels = {model._meta.label_lower: model for model in CATALOGS.values()}
    rows = {}
    for position, item in enumerate(document, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("fields"), dict):
            raise FileProblem(f"{opened.path.name} is not a catalog backup (item {position}).")
        model = labels.get(item.get("model"))
        if model is not None:
            rows.setdefault(model, []).append((position, item["fields"]))
    return rows


def looks_like(opened, headers):
    """ "catalog-json", "catalog-csv" or None, from the file's start."""
    if not opened.is_zip:
        with open(opened.path, "rb") as binary:
            if binary.read(64).lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (b"{", b"["):
                return "catalog-json"
    if {"catalog", "uuid", "updated_at"} <= set(headers):
        return "catalog-csv"
    return None


def export(out, *, kind, only=None, querysets=None):
    """Write the catalog (or the given querysets: {"films": qs}) to the text stream `out`."""
    if querysets is None:
        names = [only] if only else list(CATALOGS)
        querysets = {name: CATALOGS[name].objects.all() for name in names}
    (write_json if kind == "json" else write_csv)(out, querysets)


def export_bytes(kind, querysets):
    out = io.StringIO(newline="")
    export(out, kind=kind, querysets=querysets)
    return out.getvalue().encode()
