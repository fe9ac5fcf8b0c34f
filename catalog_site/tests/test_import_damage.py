"""No export file, however damaged, gives anything but a report or a refusal: exports of each
service cut at any byte, with bytes changed, re-encoded, or re-separated, are imported as a
dry run; each either accounts for every row it read or is refused with a FileProblem, and the
catalog is never written (hypothesis, on SQLite; the cuts of every format on both engines)."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog_site.files.base import FileProblem
from catalog_site.files.runner import import_file
from catalog_site.sync.base import MergeOptions
from films.models import Film

from .test_import_file import DIARY, GOODREADS, IMDB, LETTERBOXD, goodreads_row, to_csv

IMDB_ROWS = [
    ["tt0068646", "10", "2020-02-02", "The Godfather", "", "", "Movie", "9.2", "175", "1972",
     "Crime, Drama", "2000000", "1972-03-24", "Francis Ford Coppola"],
    ["tt0903747", "9", "2020-02-03", "Breaking Bad", "", "", "TV Series", "9.5", "49", "2008",
     "Drama", "1", "2008-01-20", ""],
]  # fmt: skip


def letterboxd_zip():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("diary.csv", to_csv(LETTERBOXD, DIARY))
        archive.writestr("watched.csv", to_csv(LETTERBOXD[:4], [row[:4] for row in DIARY]))
        archive.writestr("watchlist.csv", to_csv(LETTERBOXD[:4], [row[:4] for row in DIARY]))
    return out.getvalue()


EXPORTS = {
    "diary.csv": to_csv(LETTERBOXD, DIARY).encode(),
    "goodreads_library_export.csv": to_csv(
        GOODREADS,
        [
            goodreads_row("1", "Dune", "Herbert, Frank"),
            goodreads_row("2", 'A "quoted", title', "Wolfe, Tom", shelf="to-read"),
        ],
    ).encode(),  # fmt: skip
    "ratings.csv": to_csv(IMDB, IMDB_ROWS).encode("cp1252"),
    "letterboxd.zip": letterboxd_zip(),
}


def dry_run(catalog, path):
    """The import's dry run: its file notes, or None when the file is refused."""
    try:
        result = import_file(path, catalog.alias, merge=MergeOptions(dry_run=True))
    except FileProblem as problem:
        message = str(problem)
        return None if message else pytest.fail("a refusal without a sentence")
    notes = result.file
    assert sum(notes["outcomes"].values()) == notes["rows"]
    return notes


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
@pytest.mark.parametrize("name", list(EXPORTS))
def test_an_export_cut_anywhere_is_read_or_refused(make_catalog, tmp_path, kind, name):
    catalog = make_catalog(kind)
    data = EXPORTS[name]
    path = tmp_path / name
    for cut in range(1, len(data), max(1, len(data) // 60)):
        path.write_bytes(data[:cut])
        dry_run(catalog, path)
    assert not catalog.objects(Film).exists()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    name=st.sampled_from(sorted(EXPORTS)),
    changes=st.lists(st.tuples(st.integers(min_value=0), st.binary(max_size=3)), max_size=4),
    encoding=st.sampled_from([None, "utf-16", "utf-8-sig"]),
    separator=st.sampled_from([None, ";", "\t"]),
)
def test_an_export_with_bytes_changed_is_read_or_refused(
    make_catalog, tmp_path_factory, name, changes, encoding, separator
):
    catalog = make_catalog("sqlite")
    data = EXPORTS[name]
    if not name.endswith(".zip") and (encoding or separator):
        text = data.decode("cp1252" if name == "ratings.csv" else "utf-8")
        data = text.replace(",", separator or ",").encode(encoding or "utf-8")
    data = bytearray(data)
    for position, replacement in changes:
        position %= len(data)
        data[position : position + len(replacement)] = replacement
    path = tmp_path_factory.mktemp("damaged") / name
    path.write_bytes(bytes(data))
    dry_run(catalog, path)
