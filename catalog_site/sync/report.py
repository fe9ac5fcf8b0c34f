"""What a merge did, or would do, per model; and the report as lines for a person.

Each line says what it is (a count, a conflict, a warning...) and from which verbosity it is
shown (see catalog_site.management.output); the command picks its style from its kind.
"""

import dataclasses

from catalog_site.management.output import Line, plural

OUTCOMES = ("inserted", "updated", "unchanged", "kept", "preserved")


@dataclasses.dataclass
class ModelReport:
    """What a merge did, or would do, to one model's table."""

    model: str
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    preserved: int = 0
    conflicts: list = dataclasses.field(default_factory=list)
    duplicates: list = dataclasses.field(default_factory=list)
    seconds: float = 0.0  # how long the merge of this table took; not part of as_dict()

    @property
    def changes(self):
        return self.inserted + self.updated

    def as_dict(self):
        return {
            "model": self.model,
            "counts": {outcome: getattr(self, outcome) for outcome in OUTCOMES},
            "conflicts": self.conflicts,
            "duplicates": self.duplicates,
        }


@dataclasses.dataclass
class Report:
    models: list
    dry_run: bool = False
    backup: str | None = None
    legacy: list | None = None  # what the legacy import had to interpret, per table
    file: dict | None = None  # what a file import read and could not understand
    run: str | None = None  # the id of the run's record (history.models.Run); none if dry

    @property
    def changes(self):
        return sum(model.changes for model in self.models)

    def __getitem__(self, label):
        for model in self.models:
            if model.model == label:
                return model
        raise KeyError(label)  # so that templates go on to look for an attribute

    def as_dict(self):
        return {
            "run": self.run,
            "dry_run": self.dry_run,
            "backup": self.backup,
            "changes": self.changes,
            "models": [model.as_dict() for model in self.models],
            **({"legacy": self.legacy} if self.legacy is not None else {}),
            **({"file": self.file} if self.file is not None else {}),
        }


def report_lines(report):
    """The report as Lines for a person."""
    if report.dry_run:
        yield Line("notice", "Dry run: nothing was written.")
    for model in report.models:
        counts = ", ".join(f"{getattr(model, outcome)} {outcome}" for outcome in OUTCOMES)
        yield Line("count", f"{model.model}: {counts}")
        yield Line("detail", f"  {model.model} merged in {model.seconds:.2f} s", 2)
        if model.conflicts:
            yield Line(
                "conflict",
                f"  {plural(len(model.conflicts), 'conflict')}: rows changed on both sides "
                "(-v 2 lists them)",
                summary=True,
            )
        for conflict in model.conflicts:
            yield Line(
                "conflict",
                f"  conflict: {conflict['title']!r}: source {conflict['source_updated_at']}, "
                f"target {conflict['target_updated_at']} ({conflict['reason']})",
                2,
            )
        if model.duplicates:
            yield Line(
                "warning",
                f"  {plural(len(model.duplicates), 'possible duplicate')} of rows already "
                "in the target, not merged (-v 2 lists them)",
                summary=True,
            )
        for duplicate in model.duplicates:
            yield Line(
                "warning",
                f"  possible duplicate: {duplicate['description']} is also in the target "
                f"under another uuid ({', '.join(duplicate['other_uuids'])}); not merged",
                2,
            )
    for notes in report.legacy or []:
        yield from legacy_lines(notes)
    if report.file is not None:
        yield from file_lines(report.file)
    if report.backup:
        yield Line("notice", f"Backup of the updated rows: {report.backup}")
    if report.run:
        yield Line("detail", f"Run {report.run}")
    if not report.changes:
        yield Line("success", "Nothing to do: the target is up to date.")


def file_lines(notes):
    """What a file import read, and the rows it did not understand."""
    yield Line("count", f"{notes['format']} file: {notes['entries']} films or books in it")
    problems = notes["not_understood"]
    if problems:
        yield Line(
            "warning",
            f"  {plural(len(problems), 'row')} not understood, not imported (-v 2 lists them)",
            summary=True,
        )
    for problem in problems:
        yield Line("warning", f"  line {problem['line']}: {problem['reason']}", 2)
    if notes["not_understood_file"]:
        yield Line("notice", f"Rows not imported, with the reason: {notes['not_understood_file']}")


def legacy_lines(notes):
    """What the legacy import interpreted in one table (see legacy.LegacyNotes)."""
    table = notes["table"]
    yield Line("count", f"legacy {table}: {notes['rows']} rows read")
    if notes["unknown_columns"]:
        yield Line("warning", f"  ignored unknown columns: {', '.join(notes['unknown_columns'])}")
    if notes["missing_columns"]:
        yield Line("detail", f"  columns not in this table: {', '.join(notes['missing_columns'])}")
    for field, unreadable in notes["unreadable"].items():
        examples = ", ".join(
            f"{example['value']!r} (id {example['id']})" for example in unreadable["examples"]
        )
        yield Line(
            "warning",
            f"  {field}: {unreadable['count']} values not understood (see legacy_data), "
            f"e.g. {examples}",
        )
    stale = notes["stale_scores"]
    if stale:
        yield Line(
            "warning",
            f"  {plural(len(stale), 'stale score')}: the score now follows the grade "
            "(-v 2 lists them)",
            summary=True,
        )
    for row in stale:
        yield Line(
            "warning",
            f"  stale score: {row['title']!r} (id {row['id']}) graded {row['grade']} "
            f"had score {row['legacy_score']}; now {row['score']}",
            2,
        )
    pairs = notes["same_id_different_title"]
    if pairs:
        yield Line(
            "warning",
            f"  {plural(len(pairs), 'legacy id')} shared by rows with different titles, "
            "kept as separate rows (-v 2 lists them)",
            summary=True,
        )
    for pair in pairs:
        yield Line(
            "warning",
            f"  same legacy id {pair['legacy_id']}, different titles: {pair['title']!r} and "
            f"{pair['other_title']!r} (kept as two rows; check for a duplicate)",
            2,
        )
