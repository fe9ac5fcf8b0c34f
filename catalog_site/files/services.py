"""What the exports of other services share: a format read as CSV tables (a file, or the
members of a ZIP), one Entry per row, matched to the catalog by FileReader.

A service's format is one small class in the app of the catalog it fills (films/letterboxd.py,
books/goodreads.py), declared in its CatalogConfig.file_formats.
"""

from .base import FileProblem, Format, Rejected, combined
from .reader import FileReader


class ServiceFormat(Format):
    """Another service's export. Subclasses say which model it fills, which headers mark
    it, which ZIP members hold it, and how one row reads (`entry`)."""

    model = None
    headers = set()  # every one of these in the first row marks the format
    members = ()  # the CSVs of a ZIP export to read, in order

    def models(self):
        return [self.model]

    def matches(self, headers):
        return self.headers <= set(headers)

    def recognises(self, opened):
        if opened.is_zip:
            return bool(set(self.members) & set(opened.headers))
        return self.matches(opened.headers)

    def reader(self, opened, options, target):
        reader = FileReader(self.name, list(combined(self.entries(opened, options))), target)
        reader.entries.setdefault(self.model, [])  # its catalog, even when no row is read
        return reader

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
