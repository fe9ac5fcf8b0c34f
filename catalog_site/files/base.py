"""What every file format shares: the file opened once (OpenedFile), the interface of a
format (Format), the rows that were not understood, and the dates and years services write.

A file is read as a stream of CSV rows, never whole: a ZIP member or a CSV file is decoded
line by line (a byte-order mark is skipped, Windows line ends are read as any other), so a
large export costs the memory of what it holds for the catalog, not of its text.
"""

import csv
import dataclasses
import datetime
import functools
import io
import re
import zipfile
from pathlib import Path

from django.conf import settings


class FileProblem(Exception):
    """The file as a whole cannot be imported; the message is meant for the user."""


@dataclasses.dataclass
class Entry:
    """One film or book as a file describes it (several rows of a rewatch become one).

    `key` is the file's own identity of it; `values` the model fields the file gives;
    `dates` every date it was seen or read; `when` the time the file's record was made (its
    updated_at); `ids` outside ids to match the catalog by (imdb_id, isbn).
    """

    model: type
    key: str
    values: dict
    line: int
    raw: dict
    dates: set = dataclasses.field(default_factory=set)
    when: datetime.datetime | None = None
    ids: dict = dataclasses.field(default_factory=dict)
    others: list = dataclasses.field(default_factory=list)  # (line, raw) of the rows combined

    @property
    def rows(self):
        """(line, raw) of every file row this entry stands for."""
        return [(self.line, self.raw), *self.others]


@dataclasses.dataclass
class Rejected:
    """A row that was not understood, and why; written back out for the owner to fix."""

    line: int
    raw: dict
    reason: str


def max_bytes():
    return settings.IMPORT_MAX_BYTES


def csv_rows(text_stream):
    """(line number, {header: value}) for each data row, and the headers first."""
    reader = csv.reader(text_stream)
    try:
        headers = [name.strip() for name in next(reader)]
    except StopIteration:
        raise FileProblem("The file is empty.") from None
    except csv.Error as error:
        raise FileProblem(f"This is not a CSV file ({error}).") from None
    except UnicodeDecodeError:
        raise FileProblem("This is not a CSV file: it is not UTF-8 text.") from None

    def rows():
        try:
            for values in reader:
                if not any(value.strip() for value in values):
                    continue
                yield reader.line_num, dict(zip(headers, values, strict=False))
        except (csv.Error, UnicodeDecodeError) as error:
            raise FileProblem(f"Line {reader.line_num} cannot be read: {error}") from None

    return headers, rows()


def text(binary):
    """A binary stream read as UTF-8 text, with or without a byte-order mark."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")


class OpenedFile:
    """An export file, opened once for recognising its format and reading its rows: the file
    itself is a CSV or JSON document, or a ZIP whose members are the CSV tables."""

    def __init__(self, path):
        self.path = Path(path)
        if not self.path.is_file():
            raise FileProblem(f"No file at {self.path}.")
        size = self.path.stat().st_size
        if size == 0:
            raise FileProblem(f"{self.path.name} is empty.")
        if size > max_bytes():
            raise FileProblem(
                f"{self.path.name} is {size / 2**20:.0f} MB; files over "
                f"{max_bytes() / 2**20:.0f} MB are refused (IMPORT_MAX_BYTES)."
            )
        self.binary = open(self.path, "rb")  # noqa: SIM115  (closed by close())
        self.start = self.binary.read(64)
        # By its first bytes: a ZIP cut short has lost the directory at its end, which
        # zipfile.is_zipfile() looks for, but is still a ZIP (a damaged one).
        self.is_zip = self.start[:4] == b"PK\x03\x04"
        self.archive = None
        if self.is_zip:
            try:
                self.archive = zipfile.ZipFile(self.binary)
            except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as error:
                self.close()
                raise self.damaged(error) from None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        if self.archive is not None:
            self.archive.close()
        self.binary.close()

    def damaged(self, error):
        return FileProblem(f"{self.path.name} is a damaged ZIP file ({error}).")

    def text(self):
        """The whole file (not a ZIP) as a text stream, from its start."""
        self.binary.seek(0)
        return text(self.binary)

    @functools.cached_property
    def headers(self):
        """The CSV file's headers, or the names of the files in a ZIP: what formats are
        recognised by."""
        if self.is_zip:
            return [Path(name).name for name in self.archive.namelist()]
        stream = self.text()
        try:
            return csv_rows(stream)[0]
        finally:
            stream.detach()

    def tables(self, wanted):
        """Yield (name, headers, rows) for each CSV: the file, or each member in `wanted`."""
        if not self.is_zip:
            stream = self.text()
            headers, rows = csv_rows(stream)
            yield self.path.name, headers, rows
            stream.detach()
            return
        try:
            names = {Path(name).name: name for name in self.archive.namelist()}
            found = [name for name in wanted if name in names]
            if not found:
                raise FileProblem(
                    f"{self.path.name} holds none of {', '.join(wanted)}; "
                    "is it another service's export?"
                )
            for name in found:
                with self.archive.open(names[name]) as binary:
                    headers, rows = csv_rows(text(binary))
                    yield name, headers, rows
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as error:
            raise self.damaged(error) from None


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d")


def parse_date(value):
    """A date as the services write them (2024-03-01, 2024/03/01), or None if blank.
    Raises ValueError for anything else."""
    value = value.strip()
    if not value:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"date {value!r} is not YYYY-MM-DD")


def parse_year(value):
    value = value.strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{4}", value):
        raise ValueError(f"year {value!r} is not a year")
    return int(value)


def at_noon(date):
    """A file's date as the time of its record: noon UTC, the same on every import."""
    if date is None:
        return None
    return datetime.datetime.combine(date, datetime.time(12), tzinfo=datetime.UTC)


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
        if isinstance(entry, Rejected):
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
