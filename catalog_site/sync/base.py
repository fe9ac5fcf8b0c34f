"""The merge engine behind sync_to_postgres, sync_from_postgres and the legacy import.

Rows are matched by uuid, never by id. For each source row:

    target has no such uuid          -> inserted (the target assigns its own id)
    same content                     -> unchanged
    source updated_at newer          -> updated, updated_at copied verbatim
    target updated_at newer or equal -> kept, reported as a conflict (unless prefer_source;
                                        a legacy source wins ties, see legacy.py)
    target rows the source lacks     -> preserved: nothing is ever deleted

Everything happens in one transaction on the target. The newer-wins rule is decided by the
target database at write time (`INSERT ... ON CONFLICT (uuid) DO UPDATE ... WHERE
target.updated_at < excluded.updated_at`, the same SQL on PostgreSQL and SQLite), so a row
edited by someone else while the merge runs is not overwritten. Reading and writing go in
batches: the number of queries grows with N / batch size.
"""

import dataclasses
import json
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from queue import Full, Queue

from django.db import connections, transaction
from django.db.backends.utils import CursorWrapper

from catalog_site.catalog.fingerprints import NOT_CONTENT, content_names, fingerprint
from catalog_site.db.lookups import array_type  # also registers the __in_array lookup
from catalog_site.history.context import acting
from catalog_site.history.models import Run

from .backup import BackupExists, backup_file, write_fixture
from .databases import DatabaseProblem, refresh_statistics
from .report import ModelReport, Report

DEFAULT_BATCH_SIZE = 1000
# Columns that are not compared (catalog.fingerprints): the local id differs between
# databases by design; created_at, like the uuid, is fixed when the row is first made;
# legacy_data records what the Flask-era table of *this* database said (the laptop's and
# production's tables had different columns), which is history, not content; the
# fingerprint is a digest of the rest.
NOT_COMPARED = NOT_CONTENT
NOT_UPDATED = {"id", "uuid", "created_at"}
# A target row whose fingerprint is the source row's: the same content, not read back.
SAME = object()
# How many inserted and how many updated rows a merge that records outcomes keeps, with the
# target's row they replace, for a preview to name (ModelMerge.planned).
PLANNED_KEPT = 50


@dataclasses.dataclass(frozen=True)
class MergeOptions:
    """How a merge runs, as the commands' options say.

    `backup_path`: where the target's old version of each updated row is saved, as a
    fixture `manage.py loaddata` restores (no file when nothing is updated; none without a
    path). `progress(label, done, total)` is called after each batch. The run is recorded in
    the target as `run_kind` (history.models.Run) unless it is a dry run.
    """

    dry_run: bool = False
    prefer_source: bool = False
    backup_path: str | Path | None = None
    progress: Callable | None = None
    run_kind: str = "merge"
    run_description: str = ""
    batch: int = DEFAULT_BATCH_SIZE


class Reader:
    """Where a merge reads its rows from; one subclass per kind of source (see catalog.py
    and legacy.py)."""

    # Whether a source row wins over a different target row with the same updated_at.
    source_wins_ties = False
    # Whether batches may be read in a thread of their own, ahead of the writes (see
    # prefetched). A reader that queries the target itself must see the run's own writes.
    read_ahead = True
    # Whether the merge keeps each row's outcome ({uuid: "inserted", ...}, Merge.outcomes),
    # for a reader that accounts for its source's rows one by one (files.reader).
    records_outcomes = False

    def count(self, model):
        """How many rows of `model` the source holds (for the progress display)."""
        raise NotImplementedError

    def batches(self, model, size):
        """Yield lists of at most `size` row dicts (attname -> value, every concrete column
        but the id, derived fields computed), each source row exactly once."""
        raise NotImplementedError

    def target_rows(self, model, rows):
        """{uuid: target row (id and every column)} for a batch, when the reader has just
        read them from the target itself (see files.reader); None: the merge reads them."""
        return None

    def marks(self, model, size):
        """For a source whose rows carry a fingerprint: lists of at most `size` (uuid,
        fingerprint) pairs, each source row exactly once, so that the merge reads whole
        (with rows()) only the rows the target lacks or holds otherwise. None: the merge
        reads every row with batches()."""
        return None

    def rows(self, model, uuids):
        """The rows (as batches() gives them) of `uuids`, for a reader that has marks()."""
        raise NotImplementedError


def batch_size(connection, columns, wanted=DEFAULT_BATCH_SIZE):
    """Rows per INSERT that stay within the engine's limit on bound variables."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return max(1, min(wanted, limit // columns))
    return wanted


class ModelMerge:
    """Merges one model's rows into the target; one instance per model and run."""

    def __init__(self, model, target, options, *, source_wins_ties=False, outcomes=None):
        self.model = model
        self.target = target
        self.connection = connections[target]
        self.dry_run = options.dry_run
        self.prefer_source = options.prefer_source
        self.source_wins_ties = source_wins_ties
        self.fields = [f for f in model._meta.concrete_fields if f.attname != "id"]
        self.compared = content_names(model)
        self.report = ModelReport(model._meta.label_lower)
        self.backup = []
        self.matched = 0
        self.seen_keys = None
        self.outcomes = outcomes  # {uuid: outcome}, when the reader asks for it
        # The first PLANNED_KEPT rows of each outcome, (row, target row or None), likewise.
        self.planned = None if outcomes is None else {"inserted": [], "updated": []}

    def merge_batch(self, rows, existing=None):
        plan = self.plan(rows, existing)
        if not self.dry_run and (plan["insert"] or plan["update"]):
            written = self.write_batch(plan["insert"] + plan["update"])
        else:
            written = {row["uuid"] for row in plan["insert"] + plan["update"]}
        self.account(plan, written)

    def plan(self, rows, existing=None):
        """Sort a batch of source rows by outcome, against the target as it is now
        (`existing`: its rows of the batch's uuids, when the reader has them)."""
        for row in rows:
            if not row.get("fingerprint"):
                row["fingerprint"] = fingerprint(row, self.compared)
        if existing is None:
            existing = self.differing(rows)
        self.matched += len(existing)
        plan = {"insert": [], "update": [], "unchanged": [], "kept": [], "existing": existing}
        for row in rows:
            current = existing.get(row["uuid"])
            if current is None:
                plan["insert"].append(row)
            elif current is SAME or all(row[name] == current[name] for name in self.compared):
                plan["unchanged"].append(row)
            elif row["updated_at"] > current["updated_at"] or (
                self.source_wins_ties and row["updated_at"] == current["updated_at"]
            ):
                plan["update"].append(row)
            elif self.prefer_source:
                plan["update"].append(row)
                self.conflict(row, current, "target is newer; source preferred")
            else:
                plan["kept"].append(row)
        self.find_duplicates(plan["insert"])
        return plan

    def merge_marks(self, marks, read_rows):
        """Merge a batch the source first names by (uuid as 32 hex digits, fingerprint)
        only: the rows the target holds with the same known fingerprint are unchanged and
        never read, on either side; `read_rows(uuids)` reads the source's others whole."""
        uuids = [uuid for uuid, _ in marks]
        present, different = self.compare(uuids, [mark for _, mark in marks])
        unknown = {uuid for uuid, mark in marks if not mark}
        different = {*different, *(unknown & present)}
        wanted = [uuid for uuid in uuids if uuid not in present or uuid in different]
        same = len(present) - len(different)
        self.matched += same
        self.report.unchanged += same
        if wanted:
            existing = self.target_rows(list(different))
            self.merge_batch(read_rows(wanted), existing)

    def differing(self, rows):
        """{uuid: the target's row} for the batch's rows the target holds: SAME where the
        fingerprints agree, the whole row (id and every column) where they do not or the
        target's is not known. Only those are read back whole."""
        by_hex = {row["uuid"].hex: row["uuid"] for row in rows}
        present, different = self.compare(list(by_hex), [row["fingerprint"] for row in rows])
        existing = {by_hex[uuid]: SAME for uuid in present}
        existing.update(self.target_rows(different))
        return existing

    def compare(self, uuids, prints):
        """(the uuids the target holds, those of them whose fingerprint differs from
        `prints` or is not known); uuids as 32 hex digits, in and out."""
        if self.connection.vendor == "postgresql":
            missing, different = self.compare_in_postgresql(uuids, prints)
            return set(uuids) - missing, different
        stored = {
            uuid.hex: mark
            for uuid, mark in self.model.objects.using(self.target)
            .filter(uuid__in_array=uuids)
            .values_list("uuid", "fingerprint")
        }
        different = [
            uuid
            for uuid, mark in zip(uuids, prints, strict=True)
            if uuid in stored and (not stored[uuid] or stored[uuid] != mark)
        ]
        return set(stored), different

    def compare_in_postgresql(self, uuids, prints):
        """(uuids the target lacks, uuids whose fingerprint differs), worked out by the
        server, which sends back only those: nothing for the rows it has as they are.

        Each uuid is looked up by the unique index (a subquery per row: a join would have
        the planner hash the whole table for every batch); the arrays go as text, which
        psycopg need not take apart value by value."""
        table = self.connection.ops.quote_name(self.model._meta.db_table)
        with plain_cursor(self.connection) as cursor:
            cursor.execute(
                "SELECT coalesce(array_agg(uuid) FILTER (WHERE stored IS NULL), '{}'),"
                " coalesce(array_agg(uuid) FILTER (WHERE stored = '' OR stored <> fingerprint),"
                " '{}') FROM (SELECT source.uuid, source.fingerprint,"
                f" (SELECT target.fingerprint FROM {table} AS target"
                " WHERE target.uuid = source.uuid) AS stored"
                " FROM unnest(%s::uuid[], %s::text[]) AS source(uuid, fingerprint)"
                " OFFSET 0) AS compared",
                [text_array(uuids), text_array(prints)],
            )
            missing, different = cursor.fetchone()
        return {uuid.hex for uuid in missing}, [uuid.hex for uuid in different]

    def target_rows(self, uuids):
        """{uuid: the target's whole row (id and every column)} of `uuids`."""
        if not uuids:
            return {}
        names = ["id", *(f.attname for f in self.fields)]
        return {
            row["uuid"]: row
            for row in self.model.objects.using(self.target)
            .filter(uuid__in_array=uuids)
            .values(*names)
        }

    def find_duplicates(self, new_rows):
        """Warn of new rows that may be a row already there under another uuid (see
        CatalogQuerySet.possible_duplicates_of); they are inserted all the same."""
        if not new_rows:
            return
        if self.seen_keys is None:
            # One query for the whole run, at its first new row (a run with none, as a
            # sync that changed nothing, never reads the table's keys); new rows are added
            # as they are planned, so two new rows of one film are found too.
            self.seen_keys = self.model.objects.using(self.target).uuids_by_duplicate_key()
        for row in new_rows:
            key = row["duplicate_key"]
            if not key:
                continue
            others = self.seen_keys[key] - {row["uuid"]}
            if others:
                self.report.duplicates.append(
                    {
                        "title": row["title"],
                        "description": str(self.model(**row)),
                        "uuid": str(row["uuid"]),
                        "other_uuids": sorted(str(other) for other in others),
                    }
                )
            self.seen_keys[key].add(row["uuid"])

    def account(self, plan, written):
        report = self.report
        existing = plan["existing"]
        for row in plan["insert"]:
            report.inserted += row["uuid"] in written
            report.kept += row["uuid"] not in written
        for row in plan["update"]:
            if row["uuid"] in written:
                report.updated += 1
                self.backup.append(existing[row["uuid"]])
            else:
                report.kept += 1
                self.conflict(row, existing[row["uuid"]], "changed in the target during the merge")
        report.unchanged += len(plan["unchanged"])
        report.kept += len(plan["kept"])
        for row in plan["kept"]:
            self.conflict(row, existing[row["uuid"]], "target is newer")
        if self.outcomes is not None:
            for outcome, rows in (("inserted", plan["insert"]), ("updated", plan["update"])):
                for row in rows:
                    self.outcomes[row["uuid"]] = outcome if row["uuid"] in written else "kept"
                    if row["uuid"] in written and len(self.planned[outcome]) < PLANNED_KEPT:
                        self.planned[outcome].append((row, existing.get(row["uuid"])))
            self.outcomes.update((row["uuid"], "unchanged") for row in plan["unchanged"])
            self.outcomes.update((row["uuid"], "kept") for row in plan["kept"])

    def conflict(self, row, current, reason):
        self.report.conflicts.append(
            {
                "title": row["title"],
                "uuid": str(row["uuid"]),
                "source_updated_at": row["updated_at"].isoformat(),
                "target_updated_at": current["updated_at"].isoformat(),
                "reason": reason,
            }
        )

    def write_batch(self, rows):
        """Upsert rows into the target; return the uuids the database actually wrote.

        Rows the target holds with a newer (or equal) updated_at are left alone by the
        database itself, even when they changed after the batch was planned.
        """
        connection = self.connection
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        updates = ", ".join(
            f"{quote(f.column)} = excluded.{quote(f.column)}"
            for f in self.fields
            if f.attname not in NOT_UPDATED
        )
        newer = "<=" if self.source_wins_ties else "<"
        guard = (
            "" if self.prefer_source else f" WHERE {table}.updated_at {newer} excluded.updated_at"
        )
        conflict = f"ON CONFLICT (uuid) DO UPDATE SET {updates}{guard} RETURNING uuid"
        insert = f"INSERT INTO {table} ({', '.join(quote(f.column) for f in self.fields)})"
        uuid_field = self.model._meta.get_field("uuid")
        statements = (
            unnest_statements(self.fields, rows, connection)
            if connection.vendor == "postgresql"
            else values_statements(self.fields, rows, connection)
        )
        written = set()
        with plain_cursor(connection) as cursor:
            for rows_sql, params in statements:
                cursor.execute(f"{insert} {rows_sql} {conflict}", params)
                written.update(uuid_field.to_python(value) for (value,) in cursor.fetchall())
        return written


def text_array(values):
    """A PostgreSQL array literal of uuids or fingerprints (hex digits and hyphens, or
    empty: quoted, nothing to escape)."""
    return '{"' + '","'.join(map(str, values)) + '"}'


def plain_cursor(connection):
    """A cursor that keeps no query log, even with DEBUG on: Django's debug cursor would
    render every value of these large statements into the log, taking time and memory."""
    connection.ensure_connection()
    return CursorWrapper(connection.create_cursor(), connection)


def values_statements(fields, rows, connection):
    """Portable form: one VALUES tuple per row, within the engine's limit on variables."""
    size = batch_size(connection, len(fields))
    row_placeholder = f"({', '.join(['%s'] * len(fields))})"
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        params = [
            field.get_db_prep_save(row[field.attname], connection)
            for row in chunk
            for field in fields
        ]
        yield f"VALUES {', '.join([row_placeholder] * len(chunk))}", params


def unnest_statements(fields, rows, connection):
    """PostgreSQL fast path: one array per column, so a batch has one parameter per column
    instead of one per value. With server-side binding (which databases.py turns on
    for the connections it opens) the arrays go in binary (%b), with nothing to quote."""
    binary = connection.settings_dict["OPTIONS"].get("server_side_binding") is True
    placeholder = "%b" if binary else "%s"
    columns = []
    casts = []
    for field in fields:
        values = [row[field.attname] for row in rows]
        if field.get_internal_type() == "JSONField":
            values = [None if value is None else json.dumps(value) for value in values]
        columns.append(values)
        casts.append(f"{placeholder}::{array_type(field, connection)}")
    yield f"SELECT * FROM unnest({', '.join(casts)})", columns


class Merge:
    """One merge of `models` from the `reader` into the `target` database alias, as
    MergeOptions say: the backup file, one transaction, the run's record and fresh planner
    statistics for the tables written. `run()` returns the Report."""

    def __init__(self, reader, target, models, options=None):
        self.reader = reader
        self.target = target
        self.models = list(models)
        self.options = options = options or MergeOptions()
        self.outcomes = {} if reader.records_outcomes else None
        self.merges = [
            ModelMerge(
                model,
                target,
                options,
                source_wins_ties=reader.source_wins_ties,
                outcomes=self.outcomes,
            )
            for model in self.models
        ]

    def run(self):
        options = self.options
        if options.dry_run or options.backup_path is None:
            report = self.merge()
        else:
            path = Path(options.backup_path)
            try:
                with backup_file(path) as backup:
                    report = self.merge(backup)
            except BackupExists as problem:
                raise DatabaseProblem(str(problem)) from None
            if any(model.updated for model in report.models):
                report.backup = str(path)
            else:
                path.unlink()
        written = [m.model for m in self.merges if m.report.changes]
        if written and not options.dry_run:
            refresh_statistics(self.target, written)
        return report

    def merge(self, backup=None):
        """Every model in one transaction; `backup`, a writable text file, receives the old
        versions of updated rows before the transaction commits, so a failure to write it
        leaves the target untouched."""
        options, target = self.options, self.target
        with transaction.atomic(using=target):
            run = (
                None
                if options.dry_run
                else Run.begin(target, options.run_kind, options.run_description)
            )
            with acting(options.run_kind, run=run and run.id, using=target):
                for model_merge in self.merges:
                    self.merge_model(model_merge)
            if backup is not None and not options.dry_run:
                self.write_backup(backup)
            report = self.completed(
                Report([m.report for m in self.merges], dry_run=options.dry_run)
            )
            if run is not None:
                run.finish(target, self.run_summary(report))
                report.run = str(run.id)
            if options.dry_run:
                transaction.set_rollback(True, using=target)
        return report

    def completed(self, report):
        """The Report of the merge, before the run's record is written; a reader's own
        findings may complete it (see files.runner.FileMerge)."""
        return report

    def run_summary(self, report):
        """What the run's record keeps (Run.summary): the counts per model and outcome. A
        subclass may add what its source read (files.runner keeps the rows not understood)."""
        return {m.model: m.as_dict()["counts"] for m in report.models}

    def merge_model(self, model_merge):
        model, source, progress = model_merge.model, self.reader, self.options.progress
        started = time.monotonic()
        before = model.objects.using(self.target).count()
        total, done = source.count(model), 0
        pairs = source.marks(model, self.options.batch)
        if pairs is not None:
            for marks in pairs:
                model_merge.merge_marks(marks, lambda uuids: source.rows(model, uuids))
                done += len(marks)
                if progress:
                    progress(str(model._meta.verbose_name_plural), done, total)
        else:
            batches = source.batches(model, self.options.batch)
            for rows in prefetched(batches) if source.read_ahead else batches:
                model_merge.merge_batch(rows, source.target_rows(model, rows))
                done += len(rows)
                if progress:
                    progress(str(model._meta.verbose_name_plural), done, total)
        model_merge.report.preserved = before - model_merge.matched
        model_merge.report.seconds = time.monotonic() - started

    def write_backup(self, file):
        """The old versions of updated rows, as a Django fixture."""
        rows = [
            model_merge.model(**row) for model_merge in self.merges for row in model_merge.backup
        ]
        write_fixture(file, rows)


def prefetched(batches, depth=2):
    """Iterate `batches` in a background thread, up to `depth` batches ahead.

    Reading and converting the next batch (Python work on the source) then overlaps with the
    target database's work on this one. The thread reads through connections of its own
    (Django's are per thread) and closes them when it is done.
    """
    queue = Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def put(item):
        while not stop.is_set():
            try:
                queue.put(item, timeout=0.1)
                return True
            except Full:
                continue
        return False

    def produce():
        try:
            for rows in batches:
                if not put(rows):
                    return
            put(done)
        except BaseException as error:  # handed to the consuming thread
            put(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=produce, name="merge-reader", daemon=True)
    thread.start()
    try:
        while (item := queue.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()
