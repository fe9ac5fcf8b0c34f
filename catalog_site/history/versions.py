"""Reading recorded rows back: a Change's row as model values, restoring a version, and
undoing a run.

Restoring is an edit like any other: the restored row gets a new updated_at (so a later sync
carries the restored version, as it would any edit) and the restore is itself recorded.
"""

import dataclasses
import datetime

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone

from .context import acting
from .models import Change, Run


class UnknownRun(Exception):
    """No run with that id in this database."""


class AlreadyUndone(Exception):
    """The run was undone already (and that undo was not undone since)."""


def undone_by(run, using=DEFAULT_DB_ALIAS):
    """The undo run that undid `run` and was not itself undone since, or None. An undo that
    changed nothing does not count."""
    undos = Run.objects.using(using).filter(
        kind="undo_run", description=f"undo of {run.kind} {run.id}"
    )
    for undo in undos.order_by("-started_at"):
        if Change.objects.using(using).filter(run=undo.id).exists() and not undone_by(undo, using):
            return undo
    return None


def model_of(table_name):
    for model in apps.get_models():
        if model._meta.db_table == table_name:
            return model
    raise LookupError(table_name)


def as_values(model, recorded):
    """{attname: Python value} of a recorded row (JSON as the database wrote it)."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.column not in recorded:
            continue
        value = recorded[field.column]
        if value is not None and field.get_internal_type() != "JSONField":
            value = field.to_python(value)
            if isinstance(value, datetime.datetime) and timezone.is_naive(value):
                value = timezone.make_aware(value, datetime.UTC)  # SQLite stores UTC, naive
        values[field.attname] = value
    return values


def content_values(model, recorded):
    """The values a person edits, from a recorded row: what a restore puts back."""
    editable = {field.attname for field in model.content_fields()}
    return {name: value for name, value in as_values(model, recorded).items() if name in editable}


def restore_version(change, *, using=DEFAULT_DB_ALIAS):
    """Make the row as it was after `change` (its content; derived fields follow), as a new
    change; re-create it with its uuid if it was deleted. Returns the row."""
    model = model_of(change.table_name)
    recorded = change.new if change.new is not None else change.old
    values = content_values(model, recorded)
    row = model.objects.using(using).filter(uuid=change.row_uuid).first()
    if row is None:
        # Back with its identity and its legacy record, which are not edited but are its own.
        kept = as_values(model, recorded)
        record = ("uuid", "created_at", "legacy_id", "legacy_data")
        row = model(**{name: kept[name] for name in record if name in kept}, **values)
    else:
        for name, value in values.items():
            setattr(row, name, value)
    row.updated_at = timezone.now()
    row.save(using=using)
    return row


def recently_deleted(model, *, using=DEFAULT_DB_ALIAS, limit=200):
    """The last delete of each row that is not in the table now, newest first."""
    present = model.objects.using(using).values("uuid")
    deletes = (
        Change.objects.using(using)
        .filter(table_name=model._meta.db_table, action="delete")
        .exclude(row_uuid__in=present)
        .order_by("-id")
    )
    seen, found = set(), []
    for change in deletes[: limit * 4]:
        if change.row_uuid not in seen:
            seen.add(change.row_uuid)
            found.append(change)
    return found[:limit]


@dataclasses.dataclass
class UndoReport:
    run: str
    kind: str
    dry_run: bool = False
    undo_run: str | None = None  # the undo's own run
    restored: list = dataclasses.field(default_factory=list)
    removed: list = dataclasses.field(default_factory=list)
    conflicts: list = dataclasses.field(default_factory=list)

    def as_dict(self):
        return dataclasses.asdict(self)


def undo_run(run_id, *, using=DEFAULT_DB_ALIAS, dry_run=False):
    """Put every row the run changed back as it was before the run, remove the rows it
    added; leave a row changed since by anything else as it is, and list it as a conflict.

    One transaction; nothing else is touched. The undo is itself a run (kind "undo_run"),
    recorded and undoable, and the rows it puts back get a new updated_at, so that a later
    sync carries the undo rather than bringing the run's version back.
    """
    run = Run.objects.using(using).filter(id=run_id).first() if run_id else None
    if run is None:
        raise UnknownRun(f"No run {run_id} in this database.")
    previous = undone_by(run, using)
    if previous is not None:
        raise AlreadyUndone(
            f"Run {run.id} was undone already, by run {previous.id} "
            f"({previous.started_at:%Y-%m-%d %H:%M}); undo that run to bring it back."
        )
    report = UndoReport(str(run.id), run.kind, dry_run=dry_run)
    first_change = {}
    for change in Change.objects.using(using).filter(run=run.id).order_by("id"):
        first_change.setdefault(change.row_uuid, change)
    with transaction.atomic(using=using):
        undo = Run.begin(using, "undo_run", f"undo of {run.kind} {run.id}")
        report.undo_run = str(undo.id)
        with acting("undo_run", run=undo.id, using=using):
            for change in first_change.values():
                undo_row(change, run, report, using)
            undo.finish(using, {"restored": len(report.restored), "removed": len(report.removed)})
        if dry_run:
            transaction.set_rollback(True, using=using)
            report.undo_run = None
    return report


def undo_row(change, run, report, using):
    """Undo what `run` did to one row, `change` being the run's first change of it."""
    model = model_of(change.table_name)
    recorded = change.old or change.new
    entry = {"uuid": str(change.row_uuid), "title": recorded.get("title", "")}
    since = Change.objects.using(using).filter(row_uuid=change.row_uuid, id__gt=change.id)
    if since.exclude(run=run.id).exists():
        report.conflicts.append({**entry, "reason": "changed after the run; left as it is"})
        return
    rows = model.objects.using(using).filter(uuid=change.row_uuid)
    if change.action == "insert":
        rows.delete()
        report.removed.append(entry)
        return
    values = as_values(model, change.old)
    values.pop("id", None)
    values["updated_at"] = timezone.now()
    values["fingerprint"] = ""  # not known: the recorded one may be older than its content
    if change.action == "update":
        rows.update(**values)
    else:  # the run deleted the row: put it back, with its uuid
        model.objects.using(using).create(**values)
    report.restored.append(entry)
