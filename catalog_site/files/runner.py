"""The work behind import_file, callable from tests and the admin: recognise the file, read
its entries, merge them into the target, write the rows not understood beside the report."""

import contextlib
import csv
import datetime
from pathlib import Path

from django.conf import settings

from catalog_site.sync import runner as sync_runner
from catalog_site.sync.databases import check_catalog_schema, close_database, open_database

from . import catalog, goodreads, imdb, letterboxd
from .base import FileProblem, OpenedFile, combined
from .reader import FileReader

FORMATS = {module.FORMAT.name: module.FORMAT for module in (letterboxd, goodreads, imdb)}
CATALOG_FORMATS = ("catalog-csv", "catalog-json")
FORMAT_NAMES = [*FORMATS, *CATALOG_FORMATS]
TARGET = sync_runner.TARGET


def recognise(opened):
    """The format of a file, from its headers (or, in a ZIP, the names of its CSVs)."""
    headers = [] if catalog.looks_like(opened, []) else opened.first_headers()
    own = catalog.looks_like(opened, headers)
    if own:
        return own
    for candidate in FORMATS.values():
        if opened.is_zip and set(candidate.members) & set(headers):
            return candidate.name
        if not opened.is_zip and candidate.matches(headers):
            return candidate.name
    shown = ", ".join(headers[:8]) or "none"
    raise FileProblem(
        f"{opened.path.name} is not an export this importer knows (its columns: {shown}); "
        f"give --format, one of {', '.join(FORMAT_NAMES)}."
    )


@contextlib.contextmanager
def opened_target(spec):
    try:
        open_database(spec, TARGET, role="target")
        check_catalog_schema(TARGET, "target")
        yield
    finally:
        close_database(TARGET)


def default_rejected_path(path, now=None):
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "backups" / f"{Path(path).stem}-not-imported-{stamp}.csv"


def import_file(
    path,
    *,
    target=TARGET,
    only=None,
    format_name=None,
    options=None,
    dry_run=False,
    prefer_source=False,
    backup_path=None,
    rejected_path=None,
    progress=None,
):
    """Merge the file at `path` into the `target` database alias (by default the one
    opened_target() opens); return (report, reader). With `only` (a model), rows of the
    other catalog in a catalog export are left out.

    Nothing is written when the file as a whole cannot be read (FileProblem): its rows are
    all read and checked before the transaction begins.
    """
    opened = OpenedFile(path)
    format_name = format_name or recognise(opened)
    if format_name in CATALOG_FORMATS:
        rows = catalog.read_catalog_file(opened, format_name)
        if only is not None:
            rows = {model: found for model, found in rows.items() if model is only}
        reader = catalog.CatalogFileReader(rows)
        models = [model for model in catalog.CATALOGS.values() if model in rows]
    else:
        file_format = FORMATS[format_name]
        if only is not None and file_format.model is not only:
            raise FileProblem(
                f"A {format_name} export holds {file_format.model._meta.verbose_name_plural}, "
                f"not {only._meta.verbose_name_plural}."
            )
        entries = list(combined(file_format.entries(opened, options or {})))
        reader = FileReader(file_format.name, entries, target)
        models = [file_format.model]
    report = sync_runner.merge_into(
        reader,
        target,
        models,
        dry_run=dry_run,
        prefer_source=prefer_source,
        backup_path=backup_path,
        progress=progress,
        run_kind="import_file",
        run_description=f"{format_name} file {Path(path).name}",
    )
    report.file = {
        "path": str(path),
        "format": format_name,
        "entries": sum(len(found) for found in reader.entries.values()),
        "not_understood": [
            {"line": rejected.line, "reason": rejected.reason} for rejected in reader.rejected
        ],
        "not_understood_file": None,
    }
    if reader.rejected and rejected_path is not None:
        write_rejected(rejected_path, reader.rejected)
        report.file["not_understood_file"] = str(rejected_path)
    return report, reader


def write_rejected(path, rejected):
    """The rows not understood, with their original columns and the reason last, for the
    owner to fix and import again."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(dict.fromkeys(name for row in rejected for name in row.raw))
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow([*columns, "Not imported because"])
        for row in sorted(rejected, key=lambda row: row.line):
            writer.writerow([*(row.raw.get(name, "") for name in columns), row.reason])
