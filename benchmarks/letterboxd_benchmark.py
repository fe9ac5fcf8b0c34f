"""Benchmark of import_file on a Letterboxd export ZIP of N films: the first import into an
empty catalog (time, peak memory, rows/s), then the same file again, which must change nothing.

    .venv/bin/python benchmarks/letterboxd_benchmark.py [--films 50000] [--postgres URL]
                                                        [--dry-run] [--keep]

The export is generated as Letterboxd writes it (CRLF line ends, ISO dates, half-star
ratings): watched, ratings, diary (about 1.3 rows a film, rewatches marked), reviews, the
watchlist, likes, two lists with their preamble, and deleted/ and orphaned/ diaries. Titles
have accents, commas and quotes, and a few pairs of different films share a name and year
(their diary rows are then not understood: the export cannot say which film they are).

It is imported into a fresh migrated SQLite file, and with --postgres into a fresh database
created on that server and dropped afterwards. Exits 1 if the second import adds or updates
anything, or if a result's rows are not all accounted for by its outcomes.
"""

import argparse
import contextlib
import csv
import datetime
import functools
import io
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

from harness import migrate, scratch_database  # noqa: E402  (sets Django up)

from catalog_site.files.runner import import_file  # noqa: E402
from catalog_site.sync.base import MergeOptions  # noqa: E402
from catalog_site.sync.runner import opened_target  # noqa: E402
from films.letterboxd import HEADERS, REVIEWS  # noqa: E402

WATCHED = HEADERS[:4]
RATINGS = HEADERS[:5]
LIST_HEADERS = ["Position", "Name", "Year", "URL", "Description"]
BASE62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
FIRST = [
    "Amélie", "Café", "Noël", "Señor", "Über", "Zoë", "Crème", "Déjà", "Fiancée", "Naïve",
    "Smörgås", "Çiğdem", "Blue", "Dark", "Silent", "Lost", "Broken", "Golden", "Midnight",
    "Wild", "Little", "Last", "Red", "Cold", "Paper", "Iron", "Glass", "Bitter", "Quiet",
    "Hollow", "Sweet", "Strange", "Eternal", "Hidden", "Burning", "Falling", "Velvet", "Pale",
    "Electric", "Summer",
]  # fmt: skip
SECOND = [
    "Night", "Dragon", "Étoile", "Mañana", "Straße", "Heart", "River", "Garden", "Station",
    "Mirror", "Harbour", "Kingdom", "Letter", "Island", "Season", "Shadow", "Witness", "Empire",
    "Dancer", "Road", "Winter", "Stranger", "Promise", "Storm", "Machine", "Orchard", "Canyon",
    "Hotel", "Frontier", "Affair", "Passage", "Château", "Fjörd", "Señorita", "Tiger", "Window",
    "Ballad", "Circus", "Voyage", "Desert",
]  # fmt: skip
TAGS = ["", "", "", "cinema", "rewatch-worthy, criterion", 'festival, "must see"', "netflix"]
DUPLICATE_PAIRS = 5
LOGGED_FROM = datetime.date(2012, 1, 1)


def base62(number):
    digits = ""
    while True:
        number, digit = divmod(number, 62)
        digits = BASE62[digit] + digits
        if not number:
            return digits


def film_uri(number):
    return f"https://boxd.it/{base62(62**3 + number * 7)}"


def entry_uri(number):
    """A diary entry's (or review's) own URI: other ids than the films'."""
    return f"https://boxd.it/{base62(62**5 + number)}"


def title(number):
    """A title of its own (after folding accents) for every number: 'Amélie, Night 3'."""
    first, second = FIRST[number % len(FIRST)], SECOND[number // len(FIRST) % len(SECOND)]
    sequel = number // (len(FIRST) * len(SECOND))
    forms = [f"{first} {second}", f"{first}, {second}", f'"{first}" {second}']
    forms.append(f"The {first} {second}")
    name = forms[number % len(forms)]
    return f"{name} {sequel + 1}" if sequel else name


class Films:
    """The N watched films (numbered 0..N-1) and the films on the watchlist only (N and up).
    The last DUPLICATE_PAIRS films take the name and year of the first ones."""

    def __init__(self, count):
        self.count = count

    def name_year(self, number):
        if self.count - DUPLICATE_PAIRS <= number < self.count:
            number -= self.count - DUPLICATE_PAIRS
        return title(number), str(1920 + number * 37 % 106)

    def row(self, number):
        return [*self.name_year(number), film_uri(number)]


def day(offset):
    return (LOGGED_FROM + datetime.timedelta(days=offset)).isoformat()


def stars(number):
    """Half stars, as Letterboxd writes them: 0.5 ... 4.5, 5."""
    return f"{(number % 10 + 1) / 2:g}"


def viewings(films):
    """Diary rows: one per film, a second (a rewatch) for three films in ten; some without a
    rating, some with tags."""
    entry = 0
    for number in range(films.count):
        name, year = films.name_year(number)
        logged = number * 3 % 4000
        for rewatch in range(1 + (number % 10 < 3)):
            date = logged + rewatch * 200
            rating = "" if number % 7 == 0 else stars(number + rewatch)
            yield number, entry, [
                day(date), name, year, entry_uri(entry), rating, "Yes" if rewatch else "",
                TAGS[number % len(TAGS)], day(date - number % 3),
            ]  # fmt: skip
            entry += 1


def table(headers, rows, preamble=()):
    """CSV text with CRLF line ends, as Letterboxd writes."""
    out = io.StringIO()
    writer = csv.writer(out)  # lineterminator is \r\n
    writer.writerows(preamble)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def letterboxd_list(films, name, numbers):
    preamble = [
        ["Letterboxd list export v7"],
        ["Date", "Name", "Tags", "URL", "Description"],
        ["2023-05-01", name, "", f"https://letterboxd.com/owner/list/{name.lower()}/",
         "Films, ranked; \"by feel\""],
        [],
    ]  # fmt: skip
    rows = [
        [position, *films.name_year(number), film_uri(number), ""]
        for position, number in enumerate(numbers, 1)
    ]
    return table(LIST_HEADERS, rows, preamble)


def export_zip(path, count):
    """A Letterboxd export of `count` films at `path`; the number of CSV data rows it holds
    (what the import must account for)."""
    films = Films(count)
    diary = list(viewings(films))
    latest = {number: row for number, _, row in diary}  # each film's last viewing
    members = {
        "watched.csv": table(
            WATCHED, [[day(number * 3 % 4000), *films.row(number)] for number in range(count)]
        ),
        "ratings.csv": table(
            RATINGS,
            [
                [latest[number][0], *films.row(number), latest[number][4]]
                for number in range(count)
                if latest[number][4] and number % 20 < 17
            ],
        ),
        "diary.csv": table(HEADERS, [row for _, _, row in diary]),
        "reviews.csv": table(
            REVIEWS,
            [
                [
                    *row[:6],
                    f'Review {entry}: "{row[1]}", seen again.\nSecond paragraph, é.',
                    *row[6:],
                ]
                for number, entry, row in diary
                if number % 33 == 0
            ],
        ),  # fmt: skip
        "watchlist.csv": table(
            WATCHED,
            [
                ["2024-02-02", title(number), str(1920 + number % 106), film_uri(number)]
                for number in range(count, count + count // 5)
            ],
        ),
        "likes/films.csv": table(
            WATCHED, [["2024-03-03", *films.row(number)] for number in range(0, count, 10)]
        ),
        "lists/top-100.csv": letterboxd_list(films, "Top-100", range(0, min(count, 100))),
        "lists/sunday-nights.csv": letterboxd_list(films, "Sunday-nights", range(1, count, 50)),
        "deleted/diary.csv": table(
            HEADERS,
            [[*row[:3], entry_uri(10**8 + entry), *row[4:]] for _, entry, row in diary[:20]],
        ),
        "orphaned/diary.csv": table(
            HEADERS,
            [
                [
                    "2019-09-09",
                    f"Gone {n}",
                    "1999",
                    entry_uri(2 * 10**8 + n),
                    "3",
                    "",
                    "",
                    "2019-09-08",
                ]
                for n in range(10)
            ],
        ),  # fmt: skip
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    rows = 0
    for name, text in members.items():  # records, less the header (and a list's preamble)
        records = sum(1 for _ in csv.reader(io.StringIO(text, newline="")))
        rows += records - 1 - (4 if name.startswith("lists/") else 0)
    return rows


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def timed(path, alias, *, dry_run=False, trace=False):
    """(seconds, result, tracemalloc peak MB or None, max RSS MB before, after)."""
    rss_before = max_rss_mb()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    result = import_file(path, alias, merge=MergeOptions(dry_run=dry_run))
    elapsed = time.perf_counter() - started
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return elapsed, result, peak, rss_before, max_rss_mb()


def accounted(result):
    file = result.file
    return file["rows"] == sum(file["outcomes"].values())


def run(label, fresh_catalog, path, rows, options):
    """Import the export into a fresh catalog (`fresh_catalog()` yields one's spec): the
    dry run if asked, the first import, the same file again. Prints a line for each; returns
    the problems found."""
    problems = []
    steps = [("dry run", True)] if options.dry_run else []
    steps += [("first import", False), ("same file again", False)]
    with fresh_catalog() as spec, opened_target(spec, prefix="bench") as databases:
        for step, dry_run in steps:
            problems += measured(label, step, path, rows, databases.target, dry_run=dry_run)
    return problems


def run_traced(label, fresh_catalog, path, rows):
    """The first import again, into another fresh catalog, under tracemalloc (which slows it
    several times over, so it is timed apart and after the others)."""
    with fresh_catalog() as spec, opened_target(spec, prefix="bench") as databases:
        return measured(label, "first, traced", path, rows, databases.target, trace=True)


def measured(label, step, path, rows, alias, *, dry_run=False, trace=False):
    seconds, result, peak, rss_before, rss_after = timed(path, alias, dry_run=dry_run, trace=trace)
    films = result.report["films.film"]
    outcomes = result.file["outcomes"]
    print(
        f"{label:<10} {step:<16} {seconds:>8.2f} {rows / seconds:>8,.0f} "
        f"{'-' if peak is None else f'{peak:.0f}':>8} "
        f"{rss_before:>6.0f} -> {rss_after:<6.0f} {films.inserted:>7,} "
        f"{films.updated:>7,} {films.unchanged:>9,} {outcomes['not_understood']:>6,} "
        f"{outcomes['skipped']:>7,}"
    )
    problems = []
    if result.file["rows"] != rows:
        problems.append(
            f"{label} {step}: the file has {rows:,} rows, the import read {result.file['rows']:,}"
        )
    if not accounted(result):
        problems.append(
            f"{label} {step}: {result.file['rows']:,} rows but the outcomes add up to "
            f"{sum(outcomes.values()):,} ({outcomes})"
        )
    if step == "same file again" and (films.inserted or films.updated):
        problems.append(
            f"{label} {step}: {films.inserted:,} added and {films.updated:,} updated; "
            "a second import must change nothing"
        )
    return problems


def sqlite_catalogs(folder):
    """A function whose calls yield a new copy of one migrated SQLite file."""
    template = Path(folder) / "migrated.db"
    migrate(SQLITE_PATH=str(template))
    copies = iter(range(1, 100))

    @contextlib.contextmanager
    def fresh():
        path = Path(folder) / f"catalog-{next(copies)}.db"
        shutil.copyfile(template, path)
        yield str(path)

    return fresh


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=50_000)
    parser.add_argument("--postgres", metavar="URL", help="also import into a new database there")
    parser.add_argument("--dry-run", action="store_true", help="time a dry run first")
    parser.add_argument("--keep", action="store_true", help="keep the ZIP; print its path")
    options = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="letterboxd-bench-")
    path = Path(folder) / "letterboxd-owner-2026-12-03-00-00-utc.zip"
    rows = export_zip(path, options.films)
    print(
        f"{options.films:,} films, {rows:,} rows in the file "
        f"({path.stat().st_size / 2**20:.1f} MB zipped)"
    )
    print(
        f"{'database':<10} {'run':<16} {'seconds':>8} {'rows/s':>8} {'peak MB':>8} "
        f"{'max RSS MB':>16} {'added':>7} {'updated':>7} {'unchanged':>9} {'not u.':>6} "
        f"{'skipped':>7}"
    )
    problems = []
    try:
        with tempfile.TemporaryDirectory() as scratch:
            catalogs = [("SQLite", sqlite_catalogs(scratch))]
            if options.postgres:
                server = options.postgres
                catalogs.append(
                    ("PostgreSQL", functools.partial(scratch_database, "catalog_lb_bench", server))
                )
            for label, fresh in catalogs:
                problems += run(label, fresh, path, rows, options)
            for label, fresh in catalogs:
                problems += run_traced(label, fresh, path, rows)
    finally:
        if options.keep:
            print(f"export kept at {path}")
        else:
            path.unlink()
            Path(folder).rmdir()
    print(
        "peak MB: tracemalloc's peak of the Python heap during the traced first import; "
        "max RSS: the process's high-water mark before -> after each run (a later run shows a "
        "rise only above the earlier runs' peak)"
    )
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print("second import changed nothing; every row accounted for")


if __name__ == "__main__":
    main()
