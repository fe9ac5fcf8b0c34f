"""Running a merge as the commands do: open and check both databases, merge, report.

The work behind sync_to_postgres, sync_from_postgres and import_legacy, callable from tests
and other commands. Both databases are opened under aliases of their own and checked before
anything is written (see databases.py); the merge itself is base.merge().
"""

import contextlib
from pathlib import Path

from django.conf import settings
from django.db import connections

from books.models import Book
from films.models import Film

from .backup import BackupExists, backup_file
from .base import merge
from .catalog import DatabaseReader
from .databases import (
    DatabaseProblem,
    check_catalog_schema,
    close_database,
    engine_label,
    location,
    open_database,
    refresh_statistics,
    same_database,
)
from .legacy import LegacyReader

SOURCE = "sync_source"
TARGET = "sync_target"
MODELS = {"films": Film, "books": Book}


def default_sqlite():
    return str(settings.SQLITE_PATH)


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
    models,
    *,
    legacy=False,
    dry_run=False,
    prefer_source=False,
    backup_path=None,
    progress=None,
    kind=None,
):
    """Merge the opened source into the opened target; return the Report.

    With `legacy`, the source is read as Flask-era tables and the report says what the
    import interpreted. With `backup_path`, the target's old version of each updated row is
    saved there as a loaddata fixture before the transaction commits (no file when nothing
    is updated).
    """
    reader = LegacyReader(SOURCE) if legacy else DatabaseReader(SOURCE)
    source = connections[SOURCE].settings_dict
    report = merge_into(
        reader,
        TARGET,
        models,
        dry_run=dry_run,
        prefer_source=prefer_source,
        backup_path=backup_path,
        progress=progress,
        run_kind=kind or ("import_legacy" if legacy else "sync"),
        run_description=f"from {engine_label(source)} {location(source)}",
    )
    return describe_legacy(report, reader, models) if legacy else report


def merge_into(
    reader,
    target,
    models,
    *,
    dry_run,
    prefer_source,
    backup_path,
    progress,
    run_kind="merge",
    run_description="",
):
    """merge() with what every command adds: the backup file (none when nothing was
    updated) and fresh planner statistics for the tables written."""
    options = {
        "prefer_source": prefer_source,
        "progress": progress,
        "run_kind": run_kind,
        "run_description": run_description,
    }
    if dry_run or backup_path is None:
        report = merge(reader, target, models, dry_run=dry_run, **options)
    else:
        try:
            with backup_file(backup_path) as backup:
                report = merge(reader, target, models, backup=backup, **options)
        except BackupExists as problem:
            raise DatabaseProblem(str(problem)) from None
        if any(model.updated for model in report.models):
            report.backup = str(backup_path)
        else:
            Path(backup_path).unlink()
    changed = {outcome.model for outcome in report.models if outcome.changes}
    written = [model for model in models if model._meta.label_lower in changed]
    if written and not dry_run:
        refresh_statistics(target, written)
    return report


def describe_legacy(report, reader, models):
    """Add to the report what the legacy import interpreted, and legacy id collisions."""
    report.legacy = []
    for model in models:
        notes = reader.notes[model].as_dict()
        notes["same_id_different_title"] = reader.id_collisions(model, TARGET)
        report.legacy.append(notes)
    return report
