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


def max_bytes():
    return settings.IMPORT_MAX_BYTES


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
