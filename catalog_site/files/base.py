"""What every file format shares: opening the file, recognising its format, and the rows
that were not understood.

A file is read as a stream of CSV rows, never whole: a ZIP member or a CSV file is decoded
line by line (a byte-order mark is skipped, Windows line ends are read as any other), so a
large export costs the memory of what it holds for the catalog, not of its text.
"""

import csv
import dataclasses
import datetime
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
    """The CSV tables in a file: the file itself, or the members of a ZIP named `wanted`."""

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
        with open(self.path, "rb") as start:
            # By its first bytes: a ZIP cut short has lost the directory at its end, which
            # zipfile.is_zipfile() looks for, but is still a ZIP (a damaged one).
            self.is_zip = start.read(4) == b"PK\x03\x04"

    def tables(self, wanted):
        """Yield (name, headers, rows) for each CSV: the file, or each member in `wanted`."""
        if not self.is_zip:
            with open(self.path, "rb") as binary:
                headers, rows = csv_rows(text(binary))
                yield self.path.name, headers, rows
            return
        try:
            with zipfile.ZipFile(self.path) as archive:
                names = {Path(name).name: name for name in archive.namelist()}
                found = [name for name in wanted if name in names]
                if not found:
                    raise FileProblem(
                        f"{self.path.name} holds none of {', '.join(wanted)}; "
                        "is it another service's export?"
                    )
                for name in found:
                    with archive.open(names[name]) as binary:
                        headers, rows = csv_rows(text(binary))
                        yield name, headers, rows
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as error:
            raise FileProblem(f"{self.path.name} is a damaged ZIP file ({error}).") from None

    def first_headers(self):
        """The headers of the file, or of the first CSV in a ZIP, to recognise the format."""
        if not self.is_zip:
            with open(self.path, "rb") as binary:
                return csv_rows(text(binary))[0]
        try:
            with zipfile.ZipFile(self.path) as archive:
                return [Path(name).name for name in archive.namelist()]
        except (zipfile.BadZipFile, EOFError) as error:
            raise FileProblem(f"{self.path.name} is a damaged ZIP file ({error}).") from None


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%m/%d/%Y")


def parse_date(value):
    """A date as the services write them (2024-03-01, 2024/03/01), or None if blank.
    Raises ValueError for anything else."""
    value = value.strip()
    if not value:
        return None
    for pattern in DATE_FORMATS[:2]:
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
    """One kind of file. Subclasses say which model it fills, which headers mark it, which
    ZIP members hold it, and how one row reads (`entry`)."""

    name = ""
    model = None
    headers = set()  # every one of these in the first row marks the format
    members = ()  # the CSVs of a ZIP export to read, in order

    def matches(self, headers):
        return self.headers <= set(headers)

    def entries(self, opened, options):
        for name, headers, rows in opened.tables(self.members):
            if not self.matches(headers):
                raise FileProblem(
                    f"{name} is not a {self.name} export: it lacks the columns "
                    f"{', '.join(sorted(self.headers - set(headers)))}."
                )
            for line, raw in rows:
                try:
                    entry = self.entry(raw, line, name, options)
                except ValueError as problem:
                    yield Rejected(line, raw, str(problem))
                    continue
                if entry is not None:
                    yield entry

    def entry(self, raw, line, table, options):
        """The Entry of one row, None to skip it (another shelf), ValueError if not understood."""
        raise NotImplementedError
