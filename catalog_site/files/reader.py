"""File entries as rows of the catalog, for the merge engine.

Before a row from a file is added, it is looked for in the catalog: by the uuid an earlier
import of the same file gave it, by an outside id an earlier import or an edit stored (IMDb
id, ISBN, Goodreads id, Letterboxd URI), else by what makes two
rows the same film or book (CatalogQuerySet.possible_duplicates_of: folded title and release
year, or title and authors). A match is updated in place and keeps its own title; a row that
matches two rows of the catalog is not imported but reported.

What an import changes in a row it matched:
- the grade, when the file has one: the owner's own rating on that service;
- the date seen or read, when the file's latest date is later than the catalog's;
- `all_dates` gains every date of the file (a rewatch or a re-read is the same row);
- any other field the file gives only where the catalog has nothing.

Whether the file's grade or date replaces the catalog's is decided field by field (see
FileReader.updated), three ways where an earlier import of the same service set the value (the
history says what it set), else by the file's own time against the row's last change; what the
file only fills is filled even where its grade is not taken. Rows are dated just after their
own time, so the merge's newer-wins rule writes them unless someone changed them meanwhile.
"""

import datetime
import uuid
from collections import Counter, defaultdict

from django.db.models import Q
from django.utils import timezone

from catalog_site.catalog.dates import Precision, parse_fuzzy_date
from catalog_site.history.models import Change, Run
from catalog_site.sync.base import NOT_COMPARED, Reader

from .base import Rejected, Skipped

# The fields a file owns: the owner's rating on that service and the date seen or read. Any
# other field the file gives only fills a blank.
OWNED = ("grade", "date_text")
FIELD_NAMES = {"grade": "grade", "date_text": "date"}
# Ends the reason of a conflict where the file replaced the catalog's value, as asked.
SOURCE_PREFERRED = "source preferred"
FILE_NAMESPACE = uuid.UUID("5a0f6f4c-1b77-4a43-9d55-7f2b1c8e3d21")
BLANK = ("", None)


def file_uuid(format_name, key):
    """The deterministic identity of a file's row: the same row of any later export of the
    same account gets the same uuid."""
    return uuid.uuid5(FILE_NAMESPACE, f"{format_name}:{key}")


def dates_text(dates):
    """Every date, newest first, as ISO dates: "2021-07-01, 2016-03-04"."""
    return ", ".join(date.isoformat() for date in sorted(dates, reverse=True))


def parsed_dates(text):
    dates = set()
    for part in (text or "").split(","):
        try:
            dates.add(datetime.date.fromisoformat(part.strip()))
        except ValueError:
            continue
    return dates


class FileReader(Reader):
    """Reads the entries of one file (see base.Entry) against the target's rows."""

    source_wins_ties = False
    # Matching reads the target inside the merge's transaction: rows this run has just
    # added are found too (two spellings of one film in one file are one row).
    read_ahead = False

    # The merge records each row's outcome (see outcome_rows).
    records_outcomes = True

    def __init__(self, format_name, entries, target, *, tables=(), distinct_ids=()):
        self.format_name = format_name
        self.distinct_ids = distinct_ids
        self.prefer_source = False  # the file wins over the catalog's edits (--prefer-source)
        self.replaced = set()  # uuids of rows whose edit the file replaced, as asked
        # {model: [conflict]}: owned fields edited in the catalog since the last import
        self.field_conflicts = defaultdict(list)
        self.target = target
        self.tables = list(tables)  # how each table was read (tables.Table.describe)
        self.now = timezone.now()
        self.rejected = []
        self.skipped = Counter()  # rule -> rows
        self.entries = {}
        for entry in entries:
            if isinstance(entry, Rejected):
                self.rejected.append(entry)
            elif isinstance(entry, Skipped):
                self.skipped[entry.rule] += entry.rows
            else:
                self.entries.setdefault(entry.model, []).append(entry)
        self.default_rows = {}  # model -> {column: default}
        self.emitted = {}  # uuid -> line, so two entries never update one row
        self.fetched = {}  # uuid -> the target rows the last batch was matched against

    def count(self, model):
        return len(self.entries.get(model, []))

    def batches(self, model, size):
        entries = self.entries.get(model, [])
        for start in range(0, len(entries), size):
            rows = self.rows(model, entries[start : start + size])
            if rows:
                yield rows

    def rows(self, model, entries):
        probes = {id(entry): self.probe(model, entry) for entry in entries}
        found_by = self.candidates(model, entries, probes)
        self.fetched = {row["uuid"]: row for found in found_by.values() for row in found}
        matched = {id(entry): self.matches(entry, probes[id(entry)], found_by) for entry in entries}
        bases = self.bases(model, {f[0]["uuid"] for f in matched.values() if len(f) == 1})
        rows = []
        for entry in entries:
            found = matched[id(entry)]
            if len(found) > 1:
                titles = "; ".join(f"{row['title']} (id {row['id']})" for row in found)
                self.reject(entry, f"matches {len(found)} rows of the catalog: {titles}")
                continue
            if found:
                row = self.updated(model, entry, found[0], bases.get(found[0]["uuid"]))
            else:
                row = self.new(model, entry)
            earlier = self.emitted.get(row["uuid"])
            if earlier is not None:
                self.reject(entry, f"the same catalog row as line {earlier}")
                continue
            self.emitted[row["uuid"]] = entry.line
            entry.uuid = row["uuid"]
            rows.append(row)
        return rows

    def target_rows(self, model, rows):
        """The target rows of the batch's uuids, as matching just read them: a row the batch
        updates was found, and a new row's uuid was looked for (see candidates)."""
        return {
            row["uuid"]: self.fetched[row["uuid"]] for row in rows if row["uuid"] in self.fetched
        }

    def reject(self, entry, reason):
        self.rejected.extend(Rejected(line, raw, reason, table) for line, raw, table in entry.rows)

    def leave_out(self, model, rule):
        """Leave out the entries of `model` (another catalog's rows), counted under `rule`."""
        for entry in self.entries.pop(model, []):
            self.skipped[rule] += len(entry.rows)

    def rows_by_outcome(self, outcomes):
        """{outcome: file rows}: each entry's rows counted under what the merge did to its
        row (`outcomes`, {uuid: outcome}), with the rows skipped and not understood, so
        that every row of the file is counted once."""
        counts = Counter()
        for entries in self.entries.values():
            for entry in entries:
                if entry.uuid in outcomes:
                    counts[outcomes[entry.uuid]] += len(entry.rows)
        counts["skipped"] = sum(self.skipped.values())
        counts["not_understood"] = len(self.rejected)
        return counts

    def notes(self):
        """Values of imported rows that the catalog could not hold, left out."""
        return [
            {"table": table, "line": line, "note": note}
            for entries in self.entries.values()
            for entry in entries
            if entry.uuid is not None
            for note in entry.notes
            for line, _raw, table in entry.rows[:1]
        ]

    def probe(self, model, entry):
        """The uuid and duplicate key the entry would have as a new row, and the keys of its
        other titles (an export in another language gives the original title too)."""
        values = {**self.defaults(model), **entry.values, "date_text": ""}
        others = [
            model.derived_values({**values, "title": title})["duplicate_key"]
            for title in entry.other_titles
        ]
        return {
            "uuid": file_uuid(self.format_name, entry.key),
            "duplicate_key": model.derived_values(values)["duplicate_key"],
            "other_keys": [key for key in others if key],
        }

    def defaults(self, model):
        """Every column's default, worked out once per model (a row's values are its own
        copy; none of them is changed in place)."""
        if model not in self.default_rows:
            self.default_rows[model] = {
                field.attname: field.get_default()
                for field in model._meta.concrete_fields
                if field.attname != "id"
            }
        return dict(self.default_rows[model])

    def candidates(self, model, entries, probes):
        """The target rows any entry of the batch may match, read in one query and indexed
        {(column, value): [rows]} by uuid, outside ids and duplicate key."""
        match = Q(uuid__in=[probe["uuid"] for probe in probes.values()])
        keys = [probe["duplicate_key"] for probe in probes.values() if probe["duplicate_key"]]
        keys += [key for probe in probes.values() for key in probe["other_keys"]]
        match |= Q(duplicate_key__in=keys)
        names = ["uuid", "duplicate_key"]
        for name in sorted({name for entry in entries for name in entry.ids}):
            values = {value for entry in entries for value in as_list(entry.ids.get(name))}
            if values:
                match |= Q(**{f"{name}__in": values})
                names.append(name)
        fields = ["id", *(f.attname for f in model._meta.concrete_fields if f.attname != "id")]
        found_by = defaultdict(list)
        for row in model.objects.using(self.target).filter(match).values(*fields):
            for name in names:
                if row[name] not in BLANK:
                    found_by[name, row[name]].append(row)
        return found_by

    def matches(self, entry, probe, found_by):
        """The target rows the entry is: by uuid, else by an outside id, else by key."""
        found = found_by.get(("uuid", probe["uuid"]))
        if found:
            return found
        by_id = {}
        for name, values in entry.ids.items():
            for value in as_list(values):
                by_id.update((row["id"], row) for row in found_by.get((name, value), []))
        if by_id:
            return list(by_id.values())
        for key in [probe["duplicate_key"], *probe["other_keys"]]:
            found = [
                row for row in found_by.get(("duplicate_key", key), [])
                if not self.another(entry, row)
            ]  # fmt: skip
            if key and found:
                return found
        return []

    def another(self, entry, row):
        """Whether a row of the same title and year is another film all the same: it has
        another of the ids that name one work only (an IMDb id, a Letterboxd film URI)."""
        return any(
            row.get(name) not in BLANK and row[name] not in as_list(entry.ids.get(name))
            for name in self.distinct_ids
            if entry.ids.get(name) not in BLANK
        )

    def new(self, model, entry):
        row = {**self.defaults(model), **entry.values}
        if entry.dates:
            row["date_text"] = max(entry.dates).isoformat()
            row["all_dates"] = dates_text(entry.dates)
        when = entry.when or self.now
        row.update(uuid=file_uuid(self.format_name, entry.key), created_at=when, updated_at=when)
        row.update(model.derived_values(row))
        return row

    def updated(self, model, entry, current, base=None):
        """The row as the file updates it, decided field by field (so that what the file
        adds is never lost with what it may not replace):

        - a field the file only fills (anything but the grade and the date) is set where
          the catalog has nothing; `all_dates` gains every date of the file;
        - a field the file owns (the grade, the date seen or read; see owned_values) takes
          the file's value where the catalog has none, or where an earlier import of this
          service set it (`base`: {field: the value it set}, from the history) and it is
          still that value: a newer export applies what changed in it;
        - one such field changed since that import set it is kept, and reported;
        - one no import of this service set is the catalog's own: the file's value replaces
          it only if the file's record is newer than the row's last change, else it is kept
          and reported (as the merge decides for rows).

        `--prefer-source` lets the file replace what would be kept; that is reported too.
        The row is dated just after its own time, or at the file's time if later, so the
        merge writes it unless someone changes it meanwhile.
        """
        row = {name: value for name, value in current.items() if name != "id"}
        for name, value in entry.values.items():
            if name not in OWNED and value not in BLANK and row.get(name) in BLANK:
                row[name] = value  # blanks are filled; the title stays the catalog's
        base = base or {}
        replaced = False
        for name, value in self.owned_values(entry, current, base).items():
            kept = self.kept_because(name, entry, current, base)
            if kept and not self.prefer_source:
                self.conflict(model, entry, current, name, value, kept)
                continue
            if kept:
                self.conflict(model, entry, current, name, value, f"{kept}; {SOURCE_PREFERRED}")
                replaced = True
            row[name] = value
        if replaced:
            self.replaced.add(current["uuid"])
        if entry.dates:
            known = parsed_dates(row["all_dates"]) or self.day_of(current["date_text"])
            row["all_dates"] = dates_text(known | entry.dates)
        row.update(model.derived_values(row))
        changed = any(row[name] != current[name] for name in row if name not in NOT_COMPARED)
        if changed:
            row["updated_at"] = self.changed_at(entry, current)
        return row

    def kept_because(self, name, entry, current, base):
        """Why the catalog's value of an owned field is kept against the file's, or ""."""
        if current[name] in BLANK or current[name] == base.get(name, BLANK):
            return ""
        if name in base:
            return f"{FIELD_NAMES[name]} changed since the last {self.format_name} import set it"
        if entry.when is not None and entry.when > current["updated_at"]:
            return ""
        return f"{FIELD_NAMES[name]} changed here after the file's record"

    def conflict(self, model, entry, current, name, value, reason):
        self.field_conflicts[model].append(
            {
                "title": current["title"],
                "uuid": str(current["uuid"]),
                "field": name,
                "catalog": current[name],
                "file": value,
                "source_updated_at": entry.when and entry.when.isoformat(),
                "target_updated_at": current["updated_at"].isoformat(),
                "reason": reason,
            }
        )

    @staticmethod
    def day_of(date_text):
        """{the date} of a date text that names one day, else an empty set."""
        date, precision = parse_fuzzy_date(date_text)
        return {date} if date is not None and precision == Precision.DAY else set()

    def owned_values(self, entry, current, base):
        """{field: value} of the fields the file owns and gives, where its value differs:
        its grade, and its latest date when that is later than the catalog's (or the
        catalog has none, or has the date an earlier import of this service set)."""
        values = {}
        grade = entry.values.get("grade")
        if grade not in BLANK and grade != current["grade"]:
            values["grade"] = grade
        if entry.dates:
            latest = max(entry.dates).isoformat()
            date, precision = parse_fuzzy_date(current["date_text"])
            if latest != current["date_text"] and (
                date is None
                or current["date_text"] == base.get("date_text")
                or (precision == Precision.DAY and date.isoformat() < latest)
                or (precision != Precision.DAY and date.year < max(entry.dates).year)
            ):
                values["date_text"] = latest
        return values

    def bases(self, model, uuids):
        """{uuid: {field: the value the last import of this service that set it set}} for the
        fields the file owns, from the history of the rows' changes in this service's runs."""
        if not uuids:
            return {}
        runs = Run.objects.using(self.target).filter(
            kind="import_file", description__startswith=f"{self.format_name} file "
        )
        changes = (
            Change.objects.using(self.target)
            .filter(
                table_name=model._meta.db_table,
                row_uuid__in=list(uuids),
                run__in=runs.values("id"),
                new__isnull=False,
            )
            .order_by("row_uuid", "-id")
            .values_list("row_uuid", "old", "new")
        )
        found = defaultdict(dict)
        for row_uuid, old, new in changes:
            for name in OWNED:
                if name not in found[row_uuid] and (old is None or old.get(name) != new[name]):
                    found[row_uuid][name] = new[name]
        return found

    def changed_at(self, entry, current):
        """The updated_at of a row the file changes: just after the row's own time, or the
        file's time if that is later, so the merge writes it over the row as matching read
        it but not over a change made meanwhile, and a later record of the file still wins
        next time."""
        just_after = current["updated_at"] + datetime.timedelta(microseconds=1)
        return max(just_after, entry.when) if entry.when else just_after


def as_list(value):
    if value in BLANK:
        return []
    return value if isinstance(value, list) else [value]
