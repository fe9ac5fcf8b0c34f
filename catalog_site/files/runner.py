"""The work behind import_file, callable from tests and the admin: recognise the file, read
its rows, merge them into the target, write the rows not understood beside the report."""

import csv
import dataclasses
import json
import uuid
from pathlib import Path

from catalog_site.sync.backup import stamped_path
from catalog_site.sync.base import NOT_COMPARED, Merge, MergeOptions
from catalog_site.sync.report import ImportReport

from . import formats
from .base import FileProblem, Rejected
from .opened import OpenedFile

# The outcomes of a file's rows, as the report names them (a merge's, then the file's own).
ROW_OUTCOMES = {
    "inserted": "added",
    "updated": "updated",
    "unchanged": "unchanged",
    "kept": "kept",
    "skipped": "skipped",
    "not_understood": "not_understood",
}
# How many rows not understood the run's record keeps, for the admin to offer as a download.
REJECTED_KEPT = 10_000


@dataclasses.dataclass
class FileImport(ImportReport):
    """What a file import did: the merge's Report, and what the file held (`file`: its path
    and format, how many films or books it holds, the rows not understood and where they
    were written). `planned` names the first rows added and updated (see planned_changes;
    `changes` is the merge's count); it is not part of as_dict()."""

    planned: list = dataclasses.field(default_factory=list)

    key = "file"

    @property
    def file(self):
        return self.read


def default_rejected_path(path, now=None):
    return stamped_path(f"{Path(path).stem}-not-imported", ".csv", now=now)


def read_file(opened, *, target, only=None, format_name=None, options=None):
    """The opened file's format and a merge Reader of its rows (all checked; a catalog
    export's are read again from the file as the merge asks for them, so it stays open).
    With `only` (a model), rows of other catalogs are left out."""
    file_format = formats.get(format_name) if format_name else formats.recognise(opened)
    if only is not None and only not in file_format.models():
        holds = " or ".join(str(m._meta.verbose_name_plural) for m in file_format.models())
        raise FileProblem(
            f"A {file_format.name} export holds {holds}, not {only._meta.verbose_name_plural}."
        )
    reader = file_format.reader(opened, options or {}, target)
    if only is not None:
        if len(file_format.models()) > 1 and not reader.entries.get(only):
            # A catalog export of other catalogs only: nothing here to preview or import.
            raise FileProblem(f"{opened.name} holds no {only._meta.verbose_name_plural}.")
        for model in [model for model in reader.entries if model is not only]:
            plural = model._meta.verbose_name_plural
            reader.leave_out(model, f"{plural}: imported in the {plural} admin")
    return file_format, reader


def import_file(path, target, *, only=None, format_name=None, options=None, rejected_path=None,
                merge=None, name=None, limits=None):  # fmt: skip
    """Merge the file at `path` into the `target` database alias, as `merge` says; return a
    FileImport. With `only` (a model), rows of other catalogs in a catalog export are left
    out; `options` are the format's own (Goodreads' shelf, IMDb's title types); `limits`
    bound what is read (base.Limits; the settings' by default).

    Nothing is written when the file as a whole cannot be read (FileProblem): every row is
    read and checked before the transaction begins (and a row read again during the merge
    that no longer reads the same rolls the whole merge back).
    """
    name = name or Path(path).name
    with OpenedFile(path, name, limits) as opened:
        file_format, reader = read_file(
            opened, target=target, only=only, format_name=format_name, options=options
        )
        models = [model for model in file_format.models() if model in reader.entries]
        options = dataclasses.replace(
            merge or MergeOptions(),
            run_kind="import_file",
            run_description=f"{file_format.name} file {name}",
        )
        reader.prefer_source = options.prefer_source
        merge = FileMerge(reader, target, models, options)
        report = merge.run()
    notes = file_notes(name, file_format, reader, merge.outcomes)
    if reader.rejected and rejected_path is not None:
        write_rejected(rejected_path, reader.rejected)
        notes["not_understood_file"] = str(rejected_path)
    return FileImport(report, notes, planned_changes(merge))


class FileMerge(Merge):
    """A file's merge: its report also has the values the reader kept or replaced field by
    field (see completed), and its run's record keeps the rows not understood (see
    stored_rejected), in the run's own transaction."""

    def completed(self, report):
        """The catalog's values the file's reader kept against the file (or replaced, as
        asked) are conflicts of their model; a row left as it was because of them was kept,
        not unchanged."""
        by_label = {model.model: model for model in report.models}
        for model, conflicts in self.reader.field_conflicts.items():
            model_report = by_label[model._meta.label_lower]
            model_report.conflicts.extend(conflicts)
            for uuid_text in dict.fromkeys(conflict["uuid"] for conflict in conflicts):
                row_uuid = uuid.UUID(uuid_text)
                if self.outcomes.get(row_uuid) == "unchanged":
                    self.outcomes[row_uuid] = "kept"
                    model_report.unchanged -= 1
                    model_report.kept += 1
        return report

    def run_summary(self, report):
        summary = super().run_summary(report)
        if self.reader.rejected:
            summary["not_understood"] = stored_rejected(
                self.reader.rejected, [m.model for m in report.models]
            )
        return summary


def stored_rejected(rejected, models):
    """The rows not understood as a run's record keeps them: the first REJECTED_KEPT, each
    with its columns as [name, value] pairs (a JSON object's keys lose their order in
    PostgreSQL), `count` all of them, `models` the catalogs the import was of."""
    rows = sorted(rejected, key=lambda row: (row.table, row.line))[:REJECTED_KEPT]
    kept = {
        "models": models,
        "count": len(rejected),
        "rows": [
            {"table": row.table, "line": row.line, "reason": row.reason,
             "raw": [[name, value] for name, value in row.raw.items()]}
            for row in rows
        ],
    }  # fmt: skip
    # PostgreSQL's jsonb holds no NUL character, which a row may be refused for holding.
    return json.loads(json.dumps(kept, default=str).replace("\\u0000", "\\ufffd"))


def rejected_from_run(summary):
    """The Rejected rows a run's record kept (see stored_rejected); [] if none."""
    kept = summary.get("not_understood") or {}
    return [
        Rejected(row["line"], dict(row["raw"]), row["reason"], row["table"])
        for row in kept.get("rows", [])
    ]


def planned_changes(merge):
    """The first rows each model's merge added and updated (at most PLANNED_KEPT of each;
    the report has the counts), as a preview names them: `outcome` ("added", "updated"),
    `title`, `description` (the title and year, or author), and for an update `fields`,
    {name: [old, new]} of the fields it changes, and `replaces_edit`: the catalog's row was
    edited after the file's record, and the file wins only because it was asked to."""
    changes = []
    for model_merge in merge.merges:
        model = model_merge.model
        for outcome, planned in (model_merge.planned or {}).items():
            for row, current in planned:
                change = {
                    "model": model._meta.label_lower,
                    "outcome": ROW_OUTCOMES[outcome],
                    "title": row["title"],
                    "description": str(model(**row)),
                    "fields": {},
                    "replaces_edit": False,
                }
                if current is not None:
                    derived = set(model.derived_values(row)) | NOT_COMPARED
                    change["fields"] = {
                        name: [current[name], value]
                        for name, value in row.items()
                        if name not in derived and current.get(name) != value
                    }
                    newer = row["updated_at"] > current["updated_at"] or (
                        merge.reader.source_wins_ties and row["updated_at"] == current["updated_at"]
                    )
                    replaced = getattr(merge.reader, "replaced", ())
                    change["replaces_edit"] = not newer or row["uuid"] in replaced
                changes.append(change)
    return changes


def file_notes(name, file_format, reader, outcomes):
    """What the file held, every row accounted for: `rows` is how many data rows its tables
    have, and `outcomes` puts each in exactly one of added, updated, unchanged, kept (the
    catalog's newer edit wins), skipped (by a rule, in `skipped`) and not understood (with
    the reason, in `not_understood`)."""
    by_outcome = reader.rows_by_outcome(outcomes)
    counted = {label: by_outcome.get(outcome, 0) for outcome, label in ROW_OUTCOMES.items()}
    tables = reader.tables
    return {
        "path": name,
        "format": file_format.name,
        "tables": tables,
        "rows": sum(table["rows"] for table in tables) if tables else sum(counted.values()),
        "outcomes": counted,
        "entries": sum(len(found) for found in reader.entries.values()),
        "skipped": [{"rule": rule, "rows": rows} for rule, rows in sorted(reader.skipped.items())],
        "not_understood": [
            {"table": rejected.table, "line": rejected.line, "reason": rejected.reason}
            for rejected in sorted(reader.rejected, key=lambda r: (r.table, r.line))
        ],
        "values_not_kept": reader.notes(),
        "not_understood_file": None,
    }


def write_rejected(path, rejected):
    """The rows not understood, with their original columns and the reason last, for the
    owner to fix and import again."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as out:
        write_rejected_rows(out, rejected)


def write_rejected_rows(out, rejected):
    """The rows not understood as CSV to the text stream `out`: their own columns, then the
    table (of a ZIP), the line and the reason."""
    columns = list(dict.fromkeys(name for row in rejected for name in row.raw))
    writer = csv.writer(out)
    writer.writerow([*columns, "Table", "Line", "Not imported because"])
    for row in sorted(rejected, key=lambda row: (row.table, row.line)):
        writer.writerow(
            [*(row.raw.get(name, "") for name in columns), row.table, row.line, row.reason]
        )
