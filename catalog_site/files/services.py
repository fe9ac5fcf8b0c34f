"""What the exports of other services share: a format read as CSV tables (a file, or the
members of a ZIP), one Entry per row, matched to the catalog by FileReader.

A service's format is one small class in the app of the catalog it fills (films/letterboxd.py,
books/goodreads.py), declared in its CatalogConfig.file_formats. Every row of every table ends
as exactly one of: an Entry, a row not understood (with the reason), or a row skipped by a
rule of the format (with the rule), so the report can account for each.
"""

from .base import FileProblem, Format, Rejected, Skip, Skipped, combined
from .reader import FileReader
from .validation import field_problem


class ServiceFormat(Format):
    """Another service's export. Subclasses say which model it fills, which headers mark
    it, which ZIP members hold it, and how one row reads (`entry`)."""

    model = None
    headers = set()  # every one of these in the first row marks the format
    columns = ()  # every column the service writes, as it spells them (read in any case)
    aliases = {}  # {header as an older export spells it, exactly: the column it is}
    date_columns = ()  # the columns holding dates, surveyed for the file's date form
    members = ()  # the paths of the CSVs of a ZIP export to read, in order
    essential = ("title",)  # a row whose value of these the catalog cannot hold is refused
    distinct_ids = ()  # ids naming one work only: a row with another is another work

    def models(self):
        return [self.model]

    def matches(self, headers):
        return self.headers <= set(headers)

    def recognises(self, opened):
        if opened.is_zip:
            return bool(set(self.members) & set(opened.headers))
        return self.matches(self.canonical(opened.headers))

    def canonical(self, headers):
        """Headers as the service spells them: `Title type` is `Title Type`."""
        known = {name.casefold(): name for name in [*self.columns, *self.headers]}
        return [self.aliases.get(name) or known.get(name.casefold(), name) for name in headers]

    def reader(self, opened, options, target):
        tables = []
        entries = self.resolved(list(self.entries(opened, options, tables)))
        reader = FileReader(
            self.name,
            list(combined(entries)),
            target,
            tables=tables,
            distinct_ids=self.distinct_ids,
        )
        reader.entries.setdefault(self.model, [])  # its catalog, even when no row is read
        return reader

    def tables(self, opened):
        """(path, rule) of each table to read: the file itself, or the members of a ZIP;
        `rule` names why a table is skipped whole, None to read it."""
        if not opened.is_zip:
            return [(None, self.skipped_file(opened.name, opened.headers))]
        found = [(path, None) for path in self.members if path in opened.members]
        if not found:
            raise FileProblem(
                f"{opened.name} holds none of {', '.join(self.members)}; "
                "is it another service's export?"
            )
        others = [
            (path, self.skipped_member(path))
            for path in opened.members
            if path not in self.members and path.lower().endswith(".csv")
        ]
        return found + [(path, rule) for path, rule in others if rule]

    def skipped_file(self, name, headers):
        """The rule that leaves out a whole file given alone, by its name or its headers (as
        written); None to read it."""
        return None

    def skipped_member(self, path):
        """The rule that leaves out a member of a ZIP export that holds rows of films or
        books not to import (counted in the report); None for members that hold none."""
        return None

    def entries(self, opened, options, tables):
        """Every row of every table, as an Entry, a Rejected or a Skipped."""
        for path, rule in self.tables(opened):
            if rule:
                table = opened.table(path)
                rows = self.rows_of(table)
                tables.append({**table.describe(), "rows": rows, "skipped": rule})
                yield Skipped(rule, rows)
                continue
            table = opened.table(path, date_columns=self.date_columns)
            table.headers = self.canonical(table.headers)
            tables.append(table.describe())
            if not self.matches(table.headers):
                raise FileProblem(self.lacking(table))
            for row in table:
                if isinstance(row, Rejected):
                    yield row
                    continue
                line, raw = row
                try:
                    entry = self.entry(raw, line, table, options)
                    if entry is not None:
                        entry.table = table.name
                        self.check(entry)
                except Skip as rule:
                    yield Skipped(str(rule))
                    continue
                except ValueError as problem:
                    yield Rejected(line, raw, str(problem), table.name)
                    continue
                if entry is None:
                    yield Skipped(f"not a row of {self.name}")
                else:
                    yield entry

    def lacking(self, table):
        """Why a table without the columns that mark the format cannot be read."""
        return (
            f"{table.name} is not a {self.name} export: it lacks the columns "
            f"{', '.join(sorted(self.headers - set(table.headers)))}."
        )

    def rows_of(self, table):
        """How many film or book rows a skipped table holds."""
        return table.rows

    def resolved(self, entries):
        """The entries of the whole file, once every table is read (Letterboxd gives a
        film's identity in one table and its diary in another)."""
        return entries

    def check(self, entry):
        """Each value as the model's field validates it: a value the catalog cannot hold
        (a year before 0, a title over its length) is left out and noted; an essential one
        (the title) makes the row not understood."""
        model = entry.model
        for name, value in list(entry.values.items()):
            field = model._meta.get_field(name)
            problem = field_problem(field, value)
            if problem is None:
                continue
            if name in self.essential:
                raise ValueError(f"{field.verbose_name}: {problem}")
            del entry.values[name]
            entry.notes.append(f"{field.verbose_name} {value!r} not kept: {problem}")

    def entry(self, raw, line, table, options):
        """The Entry of one row; raise Skip(rule) to leave it out by a rule of the format,
        ValueError if it is not understood. `table` is the tables.Table it is read from
        (its `name`, and `date(value)` in the file's date form)."""
        raise NotImplementedError


def on_shelf(raw, column, label, options):
    """Leave out a row of a library export that is not on the shelf asked for (`shelf`, the
    read one by default): Goodreads' Exclusive Shelf, StoryGraph's Read Status."""
    shelf = raw[column]
    if not shelf:
        raise ValueError(f"no {column}")
    wanted = options.get("shelf", "read")
    if shelf != wanted:
        raise Skip(f"{label} {shelf}: only {wanted} is imported (name another shelf to import it)")
