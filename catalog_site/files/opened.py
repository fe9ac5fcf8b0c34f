"""An export file opened once: a CSV or JSON document, or a ZIP whose members are CSV tables.
A format recognises the file by what `headers` says (a CSV's header line, a ZIP's member
paths) and reads its tables (`table()`).
"""

import functools
import zipfile
from pathlib import Path, PurePosixPath

from .base import DAMAGED, FileProblem, Limits, RowCount, size_text
from .tables import Table


def member_paths(names):
    """{path inside the export: name in the ZIP} for the files of a ZIP: folders and macOS'
    resource forks left out, and a single top folder (a re-zipped export) taken away."""
    files = [
        name
        for name in names
        if not name.endswith("/") and not name.startswith("__MACOSX/")
        and not PurePosixPath(name).name.startswith("._")
    ]  # fmt: skip
    tops = {PurePosixPath(name).parts[0] for name in files}
    strip = len(tops) == 1 and all(len(PurePosixPath(name).parts) > 1 for name in files)
    return {
        (str(PurePosixPath(*PurePosixPath(name).parts[1:])) if strip else name): name
        for name in files
    }


# More files than any service's export holds (Letterboxd's: a dozen, and one per list).
MAX_MEMBERS = 10_000


class OpenedFile:
    """An export file, opened once for recognising its format and reading its tables: the
    file itself is a CSV or JSON document, or a ZIP whose members are the CSV tables."""

    def __init__(self, path, name=None, limits=None):
        self.path = Path(path)
        self.name = name or self.path.name  # as the owner named it (an upload's own name)
        self.limits = limits or Limits.from_settings()
        self.rows = RowCount(self.limits, self.name)  # read so far, of all tables
        if not self.path.is_file():
            raise FileProblem(f"No file at {self.path}.")
        size = self.path.stat().st_size
        if size == 0:
            raise FileProblem(f"{self.name} is empty.")
        if size > self.limits.bytes:
            raise FileProblem(
                f"{self.name} is {size_text(size)}; files over {size_text(self.limits.bytes)} "
                "are refused (IMPORT_MAX_BYTES)."
            )
        self.binary = open(self.path, "rb")  # noqa: SIM115  (closed by close())
        self.start = self.binary.read(64)
        # By its first bytes: a ZIP cut short has lost the directory at its end, which
        # zipfile.is_zipfile() looks for, but is still a ZIP (a damaged one).
        self.is_zip = self.start[:4] == b"PK\x03\x04"
        self.archive = None
        self.members = {}
        if self.is_zip:
            self.refuse_too_many_members()
            try:
                self.archive = zipfile.ZipFile(self.binary)
                self.members = member_paths(self.archive.namelist())
            except DAMAGED as error:
                self.close()
                raise self.damaged(error) from None
            # What the members say they expand to, which is all zipfile gives of each: a
            # member that holds more is cut there, and is then damaged (its checksum).
            expanded = sum(info.file_size for info in self.archive.infolist())
            if expanded > self.limits.bytes:
                self.close()
                raise self.limits.too_big(self.name, expanded)

    def refuse_too_many_members(self):
        """zipfile reads the whole directory of a ZIP when it opens one: half a million empty
        members are half a gigabyte. The count is in the directory's last record, read
        first (zipfile's own reader of it; a ZIP without one is refused as damaged later)."""
        try:
            end = zipfile._EndRecData(self.binary)
        except OSError:
            end = None
        if end and end[zipfile._ECD_ENTRIES_TOTAL] > MAX_MEMBERS:
            self.close()
            raise FileProblem(
                f"{self.name} holds {end[zipfile._ECD_ENTRIES_TOTAL]:,} files; an export holds "
                f"fewer than {MAX_MEMBERS:,}."
            )
        self.binary.seek(0)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        if self.archive is not None:
            self.archive.close()
        self.binary.close()

    def damaged(self, error):
        return FileProblem(f"{self.name} is a damaged ZIP file ({error}).")

    @functools.cached_property
    def headers(self):
        """The CSV file's headers, or the paths of the files in a ZIP: what formats are
        recognised by."""
        if self.is_zip:
            return list(self.members)
        try:
            return self.table(headers_only=True).headers
        except FileProblem:
            return []

    def table(self, member=None, *, date_columns=(), strip=True, headers_only=False):
        """The file (member None) or a member of the ZIP as a tables.Table, within the
        file's limits (its rows counted with the other tables')."""
        options = {
            "date_columns": date_columns,
            "strip": strip,
            "limits": self.limits,
            "counter": self.rows,
            "headers_only": headers_only,
        }
        if member is None:
            return Table(self.name, lambda: open(self.path, "rb"), **options)
        try:
            return Table(member, lambda: self.archive.open(self.members[member]), **options)
        except DAMAGED as error:
            raise self.damaged(error) from None
