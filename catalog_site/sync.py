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
def opened(source_spec, target_spec):
    """Open and check both databases; yield (source settings, target settings)."""
    try:
        source = open_database(source_spec, SOURCE, read_only=True, role="source")
        target = open_database(target_spec, TARGET, role="target")
        if same_database(source, target):
            raise DatabaseProblem(
                f"The source and the target are the same database ({location(target)})."
            )
        check_catalog_schema(SOURCE, "source")
        check_catalog_schema(TARGET, "target")
        yield source, target
    finally:
        close_database(SOURCE)
        close_database(TARGET)


def run(models, *, dry_run=False, prefer_source=False, backup_path=None, progress=None):
    """Merge the opened source into the opened target; return the Report.

    With `backup_path`, the target's old version of each updated row is saved there as a
    loaddata fixture before the transaction commits (no file when nothing is updated).
    """
    if dry_run or backup_path is None:
        return merge(
            DatabaseReader(SOURCE),
            TARGET,
            models,
            dry_run=dry_run,
            prefer_source=prefer_source,
            progress=progress,
        )
    backup_path = Path(backup_path)
    backup_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with backup_path.open("x", encoding="utf-8") as backup:
            report = merge(
                DatabaseReader(SOURCE),
                TARGET,
                models,
                prefer_source=prefer_source,
                backup=backup,
                progress=progress,
            )
    except FileExistsError:
        raise DatabaseProblem(f"The backup file {backup_path} already exists.") from None
    except BaseException:
        backup_path.unlink(missing_ok=True)
        raise
    if any(model.updated for model in report.models):
        report.backup = str(backup_path)
    else:
        backup_path.unlink()
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
    if report.backup:
        lines.append(f"Backup of the updated rows: {report.backup}")
    if not report.changes:
        lines.append("Nothing to do: the target is up to date.")
    return lines
