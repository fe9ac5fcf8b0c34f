"""What a merge did, or would do, per model. The commands turn it into text
(catalog_site.management.reports); `as_dict()` is what --json prints."""

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
class ImportReport:
    """A merge's Report and what an import read from its source (`read`), which as_dict()
    adds under `key`. Subclasses: sync.legacy.LegacyImport, files.runner.FileImport."""

    report: "Report"
    read: object
    key = ""

    @property
    def changes(self):
        return self.report.changes

    def as_dict(self):
        return {**self.report.as_dict(), self.key: self.read}


@dataclasses.dataclass
class Report:
    models: list
    dry_run: bool = False
    backup: str | None = None
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
        }
