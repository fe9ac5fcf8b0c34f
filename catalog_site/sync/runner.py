"""Running a merge as the commands do: open and check both databases, then merge.

The work behind sync_to_postgres, sync_from_postgres, import_legacy and import_file,
callable from tests and other commands. The databases are opened under aliases of their own
and checked before anything is written (see databases.py); `opened()` and `opened_target()`
yield the Databases that name them, whose methods run the merge (base.Merge).
"""

import contextlib
import dataclasses

from django.conf import settings
from django.db import connections

from .base import Merge, MergeOptions
from .catalog import DatabaseReader
from .databases import (
    DatabaseProblem,
    check_catalog_schema,
    close_database,
    engine_label,
    location,
    open_database,
    same_database,
)
from .legacy import LegacyImport, LegacyReader


def default_sqlite():
    return str(settings.SQLITE_PATH)


@dataclasses.dataclass(frozen=True)
class Databases:
    """The connection aliases of an opened source (None when only a target is open) and
    target, for the length of a `with opened(...)` block."""

    target: str
    source: str | None = None

    def settings(self, alias):
        return connections[alias].settings_dict

    def describe(self, alias):
        """'PostgreSQL db.example:5432/railway', without credentials."""
        config = self.settings(alias)
        return f"{engine_label(config)} {location(config)}"

    def merge(self, reader, models, options):
        return Merge(reader, self.target, models, options).run()

    def sync(self, models, options=None):
        """Merge the source catalog into the target; return the Report."""
        options = dataclasses.replace(
            options or MergeOptions(), run_description=f"from {self.describe(self.source)}"
        )
        return self.merge(DatabaseReader(self.source), models, options)

    def import_legacy(self, models, options=None):
        """Merge the source's Flask-era tables into the target; return a LegacyImport."""
        options = dataclasses.replace(
            options or MergeOptions(), run_description=f"from {self.describe(self.source)}"
        )
        reader = LegacyReader(self.source)
        report = self.merge(reader, models, options)
        return LegacyImport(report, [reader.table_notes(model, self.target) for model in models])


@contextlib.contextmanager
def opened(source_spec, target_spec, *, legacy_models=None, prefix="sync"):
    """Open and check both databases; yield their Databases.

    With `legacy_models`, the source is a Flask-era database that must hold those models'
    legacy tables; it may then be the target itself (production holds both kinds of table).
    """
    databases = Databases(target=f"{prefix}_target", source=f"{prefix}_source")
    try:
        role = "legacy source" if legacy_models else "source"
        source = open_database(source_spec, databases.source, read_only=True, role=role)
        target = open_database(target_spec, databases.target, role="target")
        if legacy_models:
            LegacyReader(databases.source).check_tables(legacy_models)
        elif same_database(source, target):
            raise DatabaseProblem(
                f"The source and the target are the same database ({location(target)})."
            )
        else:
            check_catalog_schema(databases.source, "source")
        check_catalog_schema(databases.target, "target")
        yield databases
    finally:
        close_database(databases.source)
        close_database(databases.target)


@contextlib.contextmanager
def opened_target(target_spec, *, prefix="sync"):
    """Open and check a target catalog alone (a file import); yield its Databases."""
    databases = Databases(target=f"{prefix}_target")
    try:
        open_database(target_spec, databases.target, role="target")
        check_catalog_schema(databases.target, "target")
        yield databases
    finally:
        close_database(databases.target)
