"""A CSV table as real files write it: the file, or one member of a ZIP export.

What services and spreadsheets do to a CSV, and how each is read:
- the encoding: UTF-8 with or without a byte-order mark, UTF-16 with one (a spreadsheet's
  "Unicode text"), else Windows-1252 (older IMDb exports, a European spreadsheet); the
  fall-back is said in the report, since a wrong guess would show as odd letters;
- the separator: `,`, `;` (a European spreadsheet) or a tab, whichever the header line uses;
- padding: headers and (unless asked not to) values are stripped of surrounding spaces;
- damage: a row with fewer fields than the header, or the last row of a file cut off in the
  middle (inside a quoted field, or between fields), is not understood, with the reason, and
  never read with the values it lacks.

A table is read twice, as a stream both times: once to settle the encoding and survey the
dates (see dates.DateSurvey), once for its rows. Memory holds one row, not the file, and a
line, a row and the rows are bounded (base.Limits): the csv module bounds a field, not a
line, so a line is read at most Limits.line characters at a time.
"""

import codecs
import csv
import io

from .base import DAMAGED, FileProblem, Limits, Rejected, RowCount
from .dates import AmbiguousDates, DateSurvey, parse_date

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
FALLBACK = ("utf-8", "Windows-1252")  # read with the error handler below


def windows_1252(error):
    """Bytes that are not UTF-8, read as Windows-1252: a whole file of an older IMDb export,
    or the odd line an old editor saved into a UTF-8 file (whose UTF-8 letters stay right)."""
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("catalog-windows-1252", windows_1252)
SEPARATORS = (",", ";", "\t")
NEWLINES = ("\n", "\r")


def encoding_of(start):
    """(codec, name) of a text by its first bytes: a byte-order mark, or UTF-16 without one
    (every other byte zero), else UTF-8 (which the first pass may find it is not)."""
    for bom, codec, name in BOMS:
        if start.startswith(bom):
            return codec, name
    if len(start) >= 4 and not any(start[1::2]) and all(start[0::2]):
        return "utf-16-le", "UTF-16"
    return "utf-8", "UTF-8"


def separator_of(line):
    """The separator a header line uses: the most frequent of `,` `;` and tab."""
    counts = {separator: line.count(separator) for separator in SEPARATORS}
    best = max(SEPARATORS, key=lambda separator: counts[separator])
    return best if counts[best] else ","


class Lines:
    """The lines of a text stream, as csv.reader takes them, keeping the text of the record
    being read (for telling a cut-off last row) and counting lines."""

    def __init__(self, stream, table, count=0):
        self.stream = stream
        self.table = table
        self.count = count
        self.pending = []

    def __iter__(self):
        return self

    def __next__(self):
        line = self.table.readline(self.stream, self.count + 1)
        if not line:
            raise StopIteration
        self.count += 1
        self.pending.append(line)
        return line

    def take(self):
        text, self.pending = "".join(self.pending), []
        return text


class Table:
    """One CSV table: `headers`, then its rows by iterating, each `(line, {header: value})`
    or a Rejected row. `date_columns` are surveyed to settle the table's date form
    (`date_form`); `encoding` and `separator` say how the file was read."""

    def __init__(self, name, opener, *, date_columns=(), strip=True, limits=None, counter=None,
                 headers_only=False):  # fmt: skip
        self.name = name
        self.opener = opener  # returns a new binary stream of the table, from its start
        self.strip = strip
        self.limits = limits or Limits.from_settings()
        self.counter = counter or RowCount(self.limits, name)  # the file's rows, all tables
        with opener() as binary:
            start = binary.read(4)
        self.codec, self.encoding = encoding_of(start)
        self.not_utf8 = False
        if headers_only:  # what a format is recognised by: the rest is not read
            errors = "catalog-windows-1252" if self.codec == "utf-8" else "replace"
            with opener() as binary:
                stream = io.TextIOWrapper(binary, encoding=self.codec, errors=errors, newline="")
                self.headers, _records = self.records(stream)
                stream.detach()
            return
        try:
            self.survey(date_columns)
        except UnicodeError as error:
            if self.codec != "utf-8" or self.not_utf8:
                raise FileProblem(f"{name} cannot be read as {self.encoding}: {error}") from None
            self.codec, self.encoding = FALLBACK
            self.not_utf8 = True
            self.survey(date_columns)
        except DAMAGED as error:
            raise self.damaged(error) from None

    def damaged(self, error):
        return FileProblem(f"{self.name} cannot be read to its end: the file is damaged ({error}).")

    def stream(self, binary):
        errors = "catalog-windows-1252" if self.not_utf8 else "strict"
        return io.TextIOWrapper(binary, encoding=self.codec, errors=errors, newline="")

    def survey(self, date_columns):
        """The first pass: headers, separator, how many rows, and the dates' form."""
        dates = DateSurvey()
        self.rows = 0
        self.counter.start(self.name)
        with self.opener() as binary:
            stream = self.stream(binary)
            self.headers, records = self.records(stream)
            columns = [i for i, name in enumerate(self.headers) if name in date_columns]
            for _line, values, _text, _last in records:
                self.rows += 1
                self.counter.add(self.name)
                for i in columns:
                    if i < len(values):
                        dates.add(values[i].strip())
            stream.detach()
        try:
            self.date_form = dates.form(self.name)
        except AmbiguousDates as problem:
            raise FileProblem(str(problem)) from None

    def readline(self, stream, number):
        """Line `number` of the stream, refused past Limits.line characters (read no further
        than that, however long the line is)."""
        line = stream.readline(self.limits.line + 1)
        if len(line) > self.limits.line:
            raise self.limits.too_long(self.name, number)
        return line

    def records(self, stream):
        """The headers, and (line, values, text, is_last) for each record that is not blank."""
        number = 1
        first = self.readline(stream, number)
        while first and not first.strip():  # blank lines before the header
            number += 1
            first = self.readline(stream, number)
        self.separator = separator_of(first)
        lines = Lines(stream, self, number)
        header_reader = csv.reader([first], delimiter=self.separator, skipinitialspace=True)
        try:
            headers = [name.strip().lstrip("\ufeff").strip() for name in next(header_reader, [])]
        except csv.Error as error:
            raise FileProblem(f"{self.name} is not a CSV file ({error}).") from None
        if len(headers) > self.limits.fields:
            raise self.limits.too_wide(self.name, number, len(headers))
        return headers, self.following(lines)

    def following(self, lines):
        # A padded cell (`, "Wolfe, Tom" ,`) is read as its quoted value.
        reader = csv.reader(lines, delimiter=self.separator, skipinitialspace=self.strip)
        previous = None
        start = lines.count + 1
        try:
            for values in reader:
                text = lines.take()
                if len(values) > self.limits.fields:
                    raise self.limits.too_wide(self.name, start, len(values))
                record = (start, values, text)
                start = lines.count + 1
                if not any(value.strip() for value in values):
                    continue
                if previous is not None:
                    yield (*previous, False)
                previous = record
        except csv.Error as error:
            raise FileProblem(f"{self.name}, line {lines.count}: {error}") from None
        if previous is not None:
            yield (*previous, True)

    def __iter__(self):
        try:
            with self.opener() as binary:
                stream = self.stream(binary)
                _headers, records = self.records(stream)
                for line, values, text, last in records:
                    yield self.row(line, values, text, last)
                stream.detach()
        except DAMAGED as error:
            raise self.damaged(error) from None

    def date(self, value):
        """A date of this table, read in its date form (see dates.py)."""
        return parse_date(value, self.date_form)

    def row(self, line, values, text, last):
        width = len(self.headers)
        if self.strip:
            values = [value.strip() for value in values]
        raw = dict(zip(self.headers, values, strict=False))
        if last and text.count('"') % 2:
            return Rejected(line, raw, "the file ends inside a row (in a quoted field)", self.name)
        if len(values) < width:
            where = (
                "the file ends inside a row: it"
                if last and not text.endswith(NEWLINES)
                else ("the row")
            )
            return Rejected(line, raw, f"{where} has {len(values)} of {width} columns", self.name)
        if any(value.strip() for value in values[width:]):
            return Rejected(
                line, raw, f"the row has {len(values)} columns, the header {width}", self.name
            )
        return line, raw

    def describe(self):
        """What the report says of how the table was read."""
        return {
            "name": self.name,
            "rows": self.rows,
            "encoding": self.encoding,
            "not_utf8": self.not_utf8,
            "separator": self.separator,
            "dates": self.date_form,
        }


def rows_text(count):
    return f"{count} row{'' if count == 1 else 's'}"


def table_is_odd(table):
    """Whether a table (as `Table.describe()` gives it) was read in a way the owner should
    hear of without asking: another encoding, separator or date form."""
    if table.get("skipped"):
        return False  # the rule's own line says it
    return (
        table["encoding"] != "UTF-8"
        or table["separator"] != ","
        or table["dates"] not in ("YYYY-MM-DD", "YYYY/MM/DD")
    )


def table_description(table):
    """ "diary.csv: 112 rows, UTF-8, separated by ',', dates read as YYYY-MM-DD" """
    if table.get("skipped"):
        return f"{table['name']}: {rows_text(table['rows'])}, skipped ({table['skipped']})"
    encoding = (
        "Windows-1252 where it is not UTF-8 (check accented letters)"
        if table["not_utf8"]
        else table["encoding"]
    )
    separator = {",": "commas", ";": "semicolons", "\t": "tabs"}[table["separator"]]
    return (
        f"{table['name']}: {rows_text(table['rows'])}, {encoding}, separated by "
        f"{separator}, dates read as {table['dates']}"
    )
