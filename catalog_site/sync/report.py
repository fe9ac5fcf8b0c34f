"""What a merge did, or would do, per model; and the report as lines for a person."""

import dataclasses

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

    @property
    def changes(self):
        return sum(model.changes for model in self.models)

    def __getitem__(self, label):
        return next(model for model in self.models if model.model == label)

    def as_dict(self):
        return {
            "dry_run": self.dry_run,
            "backup": self.backup,
            "changes": self.changes,
            "models": [model.as_dict() for model in self.models],
            **({"legacy": self.legacy} if self.legacy is not None else {}),
        }


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
            lines.append(
                f"  possible duplicate: {duplicate['description']} is also in the target "
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
