import uuid

from django.db import models
from django.utils import timezone


class Run(models.Model):
    """One sync, import, file import or enrich run, as the database it wrote to saw it.

    The row is written in the run's own transaction: a run that failed or was a dry run left
    nothing, so every Run here is one whose changes are in this database. Runs are per
    database and are not synced. Its id is printed in the run's report (and `"run"` in
    --json), so the owner can name it later.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=30)  # the command: sync_to_postgres, import_file, ...
    description = models.CharField(max_length=500, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)  # counts per model and outcome

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.kind} {self.id} ({self.started_at:%Y-%m-%d %H:%M})"

    @classmethod
    def begin(cls, using, kind, description=""):
        return cls.objects.using(using).create(kind=kind, description=description[:500])

    def finish(self, using, summary):
        self.finished_at = timezone.now()
        self.summary = summary
        self.save(using=using, update_fields=["finished_at", "summary"])


class Change(models.Model):
    """One change to a film or book: the whole row before and after, when, by whom, in which
    run. Written by the database's own triggers (db/history.py) in the writing transaction,
    whichever way the change came: admin, API, model save, bulk update, sync or raw SQL.
    History is per database and is not synced."""

    table_name = models.CharField(max_length=63)
    row_uuid = models.UUIDField(db_index=True)
    action = models.CharField(max_length=6)  # insert, update, delete
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    changed_at = models.DateTimeField(db_index=True)
    actor = models.CharField(max_length=200, blank=True)
    run = models.UUIDField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return f"{self.action} of {self.table_name} {self.row_uuid} at {self.changed_at}"

    def changed_fields(self):
        """{column: (old, new)} for the columns whose value differs."""
        old, new = self.old or {}, self.new or {}
        return {
            name: (old.get(name), new.get(name))
            for name in dict.fromkeys([*old, *new])
            if old.get(name) != new.get(name)
        }
