"""What every file format shares: the file opened once (OpenedFile), the interface of a
format (Format), what a row becomes (an Entry, a row not understood, a row skipped by a rule),
and how rows of one film or book are combined.

A file is opened once (opened.OpenedFile) and read as a stream of CSV tables (tables.Table),
never whole, so a large export costs the memory of what it holds for the catalog, not of its
text.
"""

import dataclasses
import datetime
import zipfile
import zlib

from django.conf import settings

# What reading a damaged ZIP (cut short, a wrong checksum) raises, or one that needs what
# zipfile cannot do (a password: RuntimeError; another compression: NotImplementedError), or
# whose directory points outside the file (OSError from the seek).
DAMAGED = (
    OSError,
    zipfile.BadZipFile,
    EOFError,
    zipfile.LargeZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
)


class FileProblem(Exception):
    """The file as a whole cannot be imported; the message is meant for the user."""


class Skip(Exception):  # noqa: N818  (not an error: a rule of the format)
    """Raised by a format for a row that one of its rules leaves out (another shelf, a TV
    episode); the message names the rule."""


@dataclasses.dataclass
class Entry:
    """One film or book as a file describes it (several rows of a rewatch become one).

    `key` is the file's own identity of it; `values` the model fields the file gives;
    `dates` every date it was seen or read; `when` the time the file's record was made (its
    updated_at); `ids` outside ids to match the catalog by (imdb_id, isbn); `notes` values
    the file gives that the catalog cannot hold, left out of an imported row.
    """

    model: type
    key: str
    values: dict
    line: int
    raw: dict
    dates: set = dataclasses.field(default_factory=set)
    when: datetime.datetime | None = None
    ids: dict = dataclasses.field(default_factory=dict)
    table: str = ""
    others: list = dataclasses.field(default_factory=list)  # (line, raw, table) combined
    notes: list = dataclasses.field(default_factory=list)
    other_titles: list = dataclasses.field(default_factory=list)  # to match the catalog by
    uuid: object = None  # the catalog row it was merged as, once matched

    @property
    def rows(self):
        """(line, raw, table) of every file row this entry stands for."""
        return [(self.line, self.raw, self.table), *self.others]


@dataclasses.dataclass
class Rejected:
    """A row that was not understood, and why; written back out for the owner to fix."""

    line: int
    raw: dict
    reason: str
    table: str = ""


@dataclasses.dataclass
class Skipped:
    """Rows a rule of the format leaves out: one row, or a whole table of a ZIP export."""

    rule: str
    rows: int = 1


@dataclasses.dataclass(frozen=True)
class Limits:
    """How much of a file an import reads before it stops with one sentence: what a ZIP
    expands to, a line's characters, a row's fields and the rows of the file (settings
    IMPORT_MAX_*). Reading streams within them, so no file however made (a ZIP of one
    gigabyte line, a million empty JSON objects) costs more memory or time than they allow.
    A preview in the admin has its own, lower, bound on rows: it must end within a request.
    """

    bytes: int
    line: int
    fields: int
    rows: int
    rows_setting: str = "IMPORT_MAX_ROWS"

    @classmethod
    def from_settings(cls, *, preview=False):
        rows, setting = settings.IMPORT_MAX_ROWS, "IMPORT_MAX_ROWS"
        if preview and rows > settings.IMPORT_ADMIN_MAX_ROWS:
            rows, setting = settings.IMPORT_ADMIN_MAX_ROWS, "IMPORT_ADMIN_MAX_ROWS"
        return cls(
            bytes=settings.IMPORT_MAX_BYTES,
            line=settings.IMPORT_MAX_LINE_LENGTH,
            fields=settings.IMPORT_MAX_FIELDS,
            rows=rows,
            rows_setting=setting,
        )

    def too_many_rows(self, name):
        if self.rows_setting == "IMPORT_ADMIN_MAX_ROWS":
            return FileProblem(
                f"{name} holds more than {self.rows:,} rows, more than a page can preview "
                f"(IMPORT_ADMIN_MAX_ROWS); import it with manage.py import_file {name}."
            )
        return FileProblem(
            f"{name} holds more than {self.rows:,} rows, the most an import reads "
            "(IMPORT_MAX_ROWS); split it, or raise the setting."
        )

    def too_long(self, name, line):
        return FileProblem(
            f"{name}, line {line}: longer than {self.line:,} characters, the most a line may "
            "be (IMPORT_MAX_LINE_LENGTH); is it a CSV export?"
        )

    def too_wide(self, name, line, fields):
        return FileProblem(
            f"{name}, line {line}: {fields:,} fields, more than the {self.fields:,} a row may "
            "have (IMPORT_MAX_FIELDS); is it a CSV export?"
        )

    def too_big(self, name, size):
        return FileProblem(
            f"{name} expands to {size_text(size)}; an import reads at most "
            f"{size_text(self.bytes)} (IMPORT_MAX_BYTES)."
        )


class RowCount:
    """The rows of a file read so far, all its tables together, within Limits.rows. A table
    read again (its rows, after the first pass) is not counted twice."""

    def __init__(self, limits, name):
        self.limits = limits
        self.name = name
        self.by_table = {}
        self.total = 0

    def start(self, table):
        self.total -= self.by_table.pop(table, 0)

    def add(self, table, rows=1):
        self.by_table[table] = self.by_table.get(table, 0) + rows
        self.total += rows
        if self.total > self.limits.rows:
            raise self.limits.too_many_rows(self.name)


def shown(text, limit=40):
    """A text from a file, as a message may quote it: cut to `limit` characters, and its
    control characters (NUL, a line break) shown as "?"."""
    text = "".join(
        "?" if ord(char) < 32 or ord(char) == 127 else char for char in text[: limit + 1]
    )
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def size_text(size):
    """ "50 MB", "4 KB": a size as a person reads it."""
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{max(1, size // 1024)} KB"


def is_newer(entry, other):
    """Whether `entry` was recorded after `other`: by the time of the record (a rating made
    later), else by the latest date seen or read."""
    if entry.when and other.when and entry.when != other.when:
        return entry.when > other.when
    newest, latest = max(entry.dates, default=None), max(other.dates, default=None)
    return newest is not None and (latest is None or newest >= latest)


def combined(entries):
    """One Entry per key: a rewatch or re-read is the same film or book. Its dates are all
    kept; each value is the latest row's that has one (see is_newer)."""
    by_key = {}
    for entry in entries:
        if not isinstance(entry, Entry):  # a row not understood or skipped
            yield entry
            continue
        first = by_key.get(entry.key)
        if first is None:
            by_key[entry.key] = entry
            continue
        newer = is_newer(entry, first)
        for name, value in entry.values.items():
            if value not in ("", None) and (newer or first.values.get(name) in ("", None)):
                first.values[name] = value
        first.ids.update({k: v for k, v in entry.ids.items() if v})
        first.others.extend(entry.rows)
        first.notes.extend(entry.notes)
        first.dates |= entry.dates
        if entry.when and (first.when is None or entry.when > first.when):
            first.when = entry.when
    yield from by_key.values()


class Format:
    """One kind of file, as django.core.serializers has one module per format: whether a
    file is of this kind (`recognises`), and a merge Reader of its rows (`reader`), whose
    `entries` say which catalog each belongs to. Every format has the same small interface;
    the catalogs declare theirs (CatalogConfig.file_formats, see formats.py).

    services.ServiceFormat is the base of another service's export; catalog.py has the
    catalog's own.
    """

    name = ""
    label = ""  # what a person calls it, in the admin's choice of format
    options = ()  # the names of the options it reads (Goodreads' "shelf": import_file --shelf)

    def models(self):
        """The catalogs' models that this format's files may hold."""
        raise NotImplementedError

    def recognises(self, opened):
        raise NotImplementedError

    def reader(self, opened, options, target):
        """A merge Reader of the file's rows for the `target` alias, every row read and
        checked (a file that cannot be read raises FileProblem before anything is written).
        The reader's `entries` are {model: rows} and `rejected` the rows not understood."""
        raise NotImplementedError
