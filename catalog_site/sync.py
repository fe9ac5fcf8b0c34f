"""Syncing one catalog database into another: the work behind sync_to_postgres and
sync_from_postgres, callable from tests and other commands.

Both databases are opened under aliases of their own and checked before anything is
written (see catalog_site.database); the merge itself is catalog_site.merge.
"""

import contextlib
import datetime
from pathlib import Path

from django.conf import settings

from books.models import Book
from films.models import Film

from .database import (
    DatabaseProblem,
    check_catalog_schema,
    close_database,
    location,
    open_database,
    same_database,
)
from .legacy import LegacyReader
from .merge import DatabaseReader, merge

SOURCE = "sync_source"
TARGET = "sync_target"
MODELS = {"films": Film, "books": Book}


def default_sqlite():
    return str(settings.SQLITE_PATH)


def default_backup_path(now=None):
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "backups" / f"sync-{stamp}.json"


def models_for(only):
    """The models to sync: all of them, or the one named by --only."""
    return [MODELS[only]] if only else list(MODELS.values())


@contextlib.contextmanager
def opened(source_spec, target_spec, *, legacy_models=None):
    """Open and check both databases; yield (source settings, target settings).

    With `legacy_models`, the source is a Flask-era database that must hold those models'
    legacy tables; it may then be the target itself (production holds both kinds of table).
    """
    try:
        role = "legacy source" if legacy_models else "source"
        source = open_database(source_spec, SOURCE, read_only=True, role=role)
        target = open_database(target_spec, TARGET, role="target")
        if legacy_models:
            LegacyReader(SOURCE).check_tables(legacy_models)
        elif same_database(source, target):
            raise DatabaseProblem(
                f"The source and the target are the same database ({location(target)})."
            )
        else:
            check_catalog_schema(SOURCE, "source")
        check_catalog_schema(TARGET, "target")
        yield source, target
    finally:
        close_database(SOURCE)
        close_database(TARGET)


def run(
    models, *, legacy=False, dry_run=False, prefer_source=False, backup_path=None, progress=None
):
    """Merge the opened source into the opened target; return the Report.

    With `legacy`, the source is read as Flask-era tables and the report says what the
    import interpreted. With `backup_path`, the target's old version of each updated row is
    saved there as a loaddata fixture before the transaction commits (no file when nothing
    is updated).
    """
    reader = LegacyReader(SOURCE) if legacy else DatabaseReader(SOURCE)
    options = {"prefer_source": prefer_source, "progress": progress}
    if dry_run or backup_path is None:
        report = merge(reader, TARGET, models, dry_run=dry_run, **options)
        return describe_legacy(report, reader, models) if legacy else report
    backup_path = Path(backup_path)
    backup_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with backup_path.open("x", encoding="utf-8") as backup:
            report = merge(reader, TARGET, models, backup=backup, **options)
    except FileExistsError:
        raise DatabaseProblem(f"The backup file {backup_path} already exists.") from None
    except BaseException:
        backup_path.unlink(missing_ok=True)
        raise
    if any(model.updated for model in report.models):
        report.backup = str(backup_path)
    else:
        backup_path.unlink()
    return describe_legacy(report, reader, models) if legacy else report


def describe_legacy(report, reader, models):
    """Add to the report what the legacy import interpreted, and legacy id collisions."""
    report.legacy = []
    for model in models:
        notes = reader.notes[model].as_dict()
        notes["same_id_different_title"] = reader.id_collisions(model, TARGET)
        report.legacy.append(notes)
    return report


def format_report(report):
    """The report as lines of text for a person."""
    lines = []
    if report.dry_run:
        lines.append("Dry run: nothing was written.")
    for model in report.models:
        counts = ", ".join(
            f"{getattr(model, outcome)} {outcome}"
            for outcome in ("inserted", "updated", "unchanged", "kept", "preserved")
        )
        lines.append(f"{model.model}: {counts}")
        for conflict in model.conflicts:
            lines.append(
                f"  conflict: {conflict['title']!r}: source {conflict['source_updated_at']}, "
                f"target {conflict['target_updated_at']} ({conflict['reason']})"
            )
        for duplicate in model.duplicates:
            year = f" ({duplicate['year']})" if duplicate["year"] else ""
            lines.append(
                f"  possible duplicate: {duplicate['title']!r}{year} is also in the target "
                f"under another uuid ({', '.join(duplicate['other_uuids'])}); not merged"
            )
    for notes in report.legacy or []:
        lines.extend(format_legacy_notes(notes))
    if report.backup:
        lines.append(f"Backup of the updated rows: {report.backup}")
    if not report.changes:
        lines.append("Nothing to do: the target is up to date.")
    return lines


def format_legacy_notes(notes):
    table = notes["table"]
    lines = [f"legacy {table}: {notes['rows']} rows read"]
    if notes["unknown_columns"]:
        lines.append(f"  ignored unknown columns: {', '.join(notes['unknown_columns'])}")
    if notes["missing_columns"]:
        lines.append(f"  columns not in this table: {', '.join(notes['missing_columns'])}")
    for field, unreadable in notes["unreadable"].items():
        examples = ", ".join(
            f"{example['value']!r} (id {example['id']})" for example in unreadable["examples"]
        )
        lines.append(
            f"  {field}: {unreadable['count']} values not understood (see legacy_data), "
            f"e.g. {examples}"
        )
    for stale in notes["stale_scores"]:
        lines.append(
            f"  stale score: {stale['title']!r} (id {stale['id']}) graded {stale['grade']} "
            f"had score {stale['legacy_score']}; now {stale['score']}"
        )
    for pair in notes["same_id_different_title"]:
        lines.append(
            f"  same legacy id {pair['legacy_id']}, different titles: {pair['title']!r} and "
            f"{pair['other_title']!r} (kept as two rows; check for a duplicate)"
        )
    return lines
