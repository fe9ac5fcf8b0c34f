"""Filling in the whole catalog from the providers: the work behind `manage.py enrich`.

Two phases. First every row is looked up, several at a time (each provider keeps to its own
rate limit, shared by all threads); each answer is kept in the database as it arrives, so a
run that is interrupted and started again sends no request it already made. Then everything
found is written in one transaction, against each row as it is *then* (an edit made in the
admin meanwhile is kept: only blanks are filled, unless --overwrite names the fields).
"""

import dataclasses
import datetime
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Q
from django.utils import timezone

from catalog_site.catalog.registry import catalog_of
from catalog_site.history.context import acting
from catalog_site.history.models import Run

from .lookup import changes

# Look-ups in flight at once. Each waits on its provider's answers and rate limit; with 50 ms
# answers, 16 are needed to keep TMDB at its 40 requests a second (enrich_benchmark.py).
WORKERS = 16
CACHE_AGE = datetime.timedelta(days=30)  # a kept answer younger than this is used again


class UnknownField(ValueError):
    """A --fields name that is not one of fields_of(); the message lists the valid ones."""


def fields_of(model):
    """What enrich can fill in a catalog, by the names --fields takes (and the field names):
    its CatalogConfig.enrich_fields."""
    return catalog_of(model).enrich_fields


def field_names(model, names):
    """The model fields for names given to --fields (either spelling); all when none."""
    known = fields_of(model)
    if not names:
        return sorted(set(known.values()))
    chosen = set()
    for name in names:
        if name in known:
            chosen.add(known[name])
        elif name in known.values():
            chosen.add(name)
        else:
            valid = ", ".join(sorted(known))
            raise UnknownField(f"No field {name!r} for {model._meta.verbose_name_plural}: {valid}.")
    return sorted(chosen)


@dataclasses.dataclass
class ModelEnrichment:
    """What an enrich run found and filled in one catalog."""

    model: str
    looked_up: int = 0
    filled: Counter = dataclasses.field(default_factory=Counter)  # field -> rows
    rows_filled: int = 0
    unchanged: int = 0
    no_match: list = dataclasses.field(default_factory=list)
    ambiguous: list = dataclasses.field(default_factory=list)
    problems: list = dataclasses.field(default_factory=list)  # what could not be fetched

    def as_dict(self):
        return {**dataclasses.asdict(self), "filled": dict(sorted(self.filled.items()))}


@dataclasses.dataclass
class EnrichReport:
    models: list
    dry_run: bool = False
    omdb_quota_reached: bool = False
    seconds: float = 0.0
    run: str | None = None  # the id of the run's record (history.models.Run); none if dry

    def __getitem__(self, label):
        return next(model for model in self.models if model.model == label)

    def as_dict(self):
        return {
            "run": self.run,
            "dry_run": self.dry_run,
            "omdb_quota_reached": self.omdb_quota_reached,
            "models": [model.as_dict() for model in self.models],
        }


def rows_to_look_up(model, fields, *, overwrite=False, refresh_older_than=None, limit=None):
    """The rows that lack one of `fields` (all rows with `overwrite`); with
    `refresh_older_than`, the films whose where-to-watch was checked longer ago or never."""
    queryset = model.objects.order_by("pk")
    if refresh_older_than is not None:
        since = timezone.now() - refresh_older_than
        queryset = queryset.filter(
            Q(watch_providers_updated_at__isnull=True) | Q(watch_providers_updated_at__lt=since)
        )
    elif not overwrite:
        missing = Q()
        for name in fields:
            field = model._meta.get_field(name)
            missing |= Q(**{f"{name}__isnull": True}) if field.null else Q(**{name: ""})
        queryset = queryset.filter(missing)
    return list(queryset[:limit] if limit else queryset)


def enrich(
    models,
    *,
    fields=None,
    overwrite=False,
    dry_run=False,
    limit=None,
    refresh_older_than=None,
    cache_age=CACHE_AGE,
    workers=WORKERS,
    progress=None,
):
    """Look the rows of `models` up and fill them in; return an EnrichReport.

    `fields` are --fields names; `refresh_older_than` (a timedelta) renews where to watch;
    `progress(label, done, total)` is called after each look-up.
    """
    started = time.monotonic()
    report = EnrichReport([], dry_run=dry_run)
    quota = threading.Event()
    plans = []
    for model in models:
        names = (
            ["watch_providers", "watch_providers_updated_at"]
            if refresh_older_than
            else (field_names(model, fields))
        )
        if refresh_older_than is not None:
            # Fresh offers, not the answers kept from the last run.
            cache_age = min(cache_age, refresh_older_than)
        rows = rows_to_look_up(
            model, names, overwrite=overwrite, refresh_older_than=refresh_older_than, limit=limit
        )
        found = look_up_all(model, rows, cache_age, workers, quota, progress)
        plans.append((model, names, found))
    report.omdb_quota_reached = quota.is_set()
    write(plans, report, overwrite=overwrite or refresh_older_than is not None, dry_run=dry_run)
    report.seconds = time.monotonic() - started
    return report


def look_up_all(model, rows, cache_age, workers, quota, progress):
    """{pk: Lookup} for `rows`, `workers` at a time."""
    look_up = catalog_of(model).declared("look_up")
    label = str(model._meta.verbose_name_plural)

    def one(row):
        try:
            lookup = look_up(row, cache_age=cache_age, ask_omdb=not quota.is_set())
            if lookup.quota_reached:
                quota.set()
            return row.pk, lookup
        finally:
            connections.close_all()  # this thread's own connections

    found = {}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for done, future in enumerate(as_completed([pool.submit(one, r) for r in rows]), 1):
            pk, lookup = future.result()
            found[pk] = lookup
            if progress:
                progress(label, done, len(rows))
    return found


def write(plans, report, *, overwrite, dry_run):
    """Fill every row from what was found, in one transaction, against the rows as they
    are now (locked on PostgreSQL while the transaction lasts)."""
    with transaction.atomic():
        run = None if dry_run else Run.begin(DEFAULT_DB_ALIAS, "enrich")
        with acting("enrich", run=run and run.id):
            for model, names, found in plans:
                result = ModelEnrichment(model._meta.label_lower, looked_up=len(found))
                report.models.append(result)
                current = model.objects.select_for_update().in_bulk(list(found))
                for pk, lookup in found.items():
                    row = current.get(pk)
                    if row is None:  # deleted meanwhile
                        continue
                    account(row, lookup, names, overwrite, dry_run, result)
        if run is not None:
            counts = {
                m.model: {"looked_up": m.looked_up, "rows_filled": m.rows_filled}
                for m in report.models
            }
            run.finish(DEFAULT_DB_ALIAS, counts)
            report.run = str(run.id)
        if dry_run:
            transaction.set_rollback(True)


def account(row, lookup, names, overwrite, dry_run, result):
    values = {name: value for name, value in lookup.values.items() if name in names}
    if "watch_providers" in values:
        # Where to watch goes with the time it was checked.
        values["watch_providers_updated_at"] = lookup.values["watch_providers_updated_at"]
    result.problems.extend(f"{row}: {problem}" for problem in lookup.problems)
    if lookup.ambiguous:
        result.ambiguous.append({"id": row.pk, "entry": str(row)})
        return
    if not lookup.values:
        result.no_match.append({"id": row.pk, "entry": str(row)})
        return
    found = changes(row, values, overwrite=set(values) if overwrite else ())
    if not found:
        result.unchanged += 1
        return
    result.rows_filled += 1
    result.filled.update(list(found))
    if not dry_run:
        for name, value in found.items():
            setattr(row, name, value)
        row.save()
