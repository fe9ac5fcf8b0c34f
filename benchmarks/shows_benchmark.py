"""Benchmark of the TV shows' ways in: a Flask-era `shows` table of N rows imported into
PostgreSQL (then again: nothing changes), and a Trakt export of N watched and rated shows and
N films imported (its shows match the legacy rows by IMDb id), then again. With --trace, the
peak of Python's heap of each run too (tracemalloc makes a run about 3 times slower).

    .venv/bin/python benchmarks/shows_benchmark.py [--shows 20000] [--trace]
"""

import argparse
import json
import sqlite3
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

from harness import scratch_database  # noqa: E402  (sets Django up)

from catalog_site.catalog import registry  # noqa: E402
from catalog_site.files.runner import import_file  # noqa: E402
from catalog_site.sync import runner  # noqa: E402
from shows.tests.test_legacy import COLUMNS, SHOWS_DDL  # noqa: E402

GRADES = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "D"]


def legacy_show(number):
    return (
        number, f"Show {number}, The", 1950 + number % 75, 1960 + number % 65, number % 4 == 0,
        1 + number % 12, 6 + number % 200, GRADES[number % len(GRADES)], 20 - number % 18,
        f"{5 + number % 50 / 10:.1f}/10", f"tt{number:07d}", number, "Drama, Crime",
        f"https://image.tmdb.org/t/p/w500/{number}.jpg", "Notes " * (number % 5),
        f"20{number % 25:02d}-03-{1 + number % 28:02d}", None, "2025-11-20 00:24:26.008713",
        None, '{"region": "US", "flatrate": ["Netflix"]}', None, None,
    )  # fmt: skip


def trakt_zip(path, count):
    def ids(number, kind):
        return {"trakt": number, "slug": f"{kind}-{number}", "imdb": f"tt{number:07d}",
                "tmdb": number}  # fmt: skip

    def show(number):
        return {"title": f"Show {number}", "year": 1950 + number % 75, "ids": ids(number, "s")}

    def movie(number):
        return {"title": f"Film {number}", "year": 1950 + number % 75, "ids": ids(number, "m")}

    stamp = "2024-05-01T20:00:00.000Z"
    files = {
        "watched-shows.json": [
            {"plays": 10, "last_watched_at": stamp, "last_updated_at": stamp, "show": show(n),
             "seasons": [{"number": 1, "episodes": [{"number": e, "plays": 1,
                                                     "last_watched_at": stamp}
                                                    for e in range(1, 11)]}]}
            for n in range(1, count + 1)
        ],
        "ratings-shows.json": [
            {"rated_at": stamp, "rating": 1 + n % 10, "type": "show", "show": show(n)}
            for n in range(1, count + 1)
        ],
        "watched-movies.json": [
            {"plays": 1, "last_watched_at": stamp, "last_updated_at": stamp, "movie": movie(n)}
            for n in range(1, count + 1)
        ],
    }  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in files.items():
            archive.writestr(name, json.dumps(rows))


def measured(run, trace):
    """The run's result, its seconds, and its peak of the Python heap in MB (0 untraced)."""
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else 0
    tracemalloc.stop()
    return result, seconds, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shows", type=int, default=20_000)
    parser.add_argument("--trace", action="store_true", help="Measure the heap's peak too.")
    arguments = parser.parse_args()
    count, trace = arguments.shows, arguments.trace
    shows = registry.catalog("shows").model
    print(
        f"{'rows':>7} {'run':<44} {'seconds':>8} {'inserted':>9} {'updated':>8} "
        f"{'unchanged':>10} {'kept':>7} {'MB':>6}"
    )
    with tempfile.TemporaryDirectory() as folder:
        legacy = Path(folder) / "films.db"
        with sqlite3.connect(legacy) as connection:
            connection.execute(SHOWS_DDL.format(serial="INTEGER"))
            marks = ", ".join("?" * len(COLUMNS))
            connection.executemany(
                f"INSERT INTO shows ({', '.join(COLUMNS)}) VALUES ({marks})",
                [legacy_show(number) for number in range(1, count + 1)],
            )
        export = Path(folder) / "trakt-export.zip"
        trakt_zip(export, count)
        with scratch_database("catalog_shows_bench") as url:
            for label in ("legacy shows table", "the same table again"):
                with runner.opened(str(legacy), url, legacy_models=[shows]) as databases:
                    result, seconds, peak = measured(
                        lambda databases=databases: databases.import_legacy([shows]), trace
                    )
                model = result.report["shows.show"]
                print(
                    f"{count:>7,} {label:<44} {seconds:>8.2f} {model.inserted:>9,} "
                    f"{model.updated:>8,} {model.unchanged:>10,} {model.kept:>7,} {peak:>6.1f}"
                )
            for label in ("Trakt export (shows and films)", "the same export again"):
                with runner.opened_target(url) as databases:
                    result, seconds, peak = measured(
                        lambda databases=databases: import_file(export, databases.target), trace
                    )
                for model in result.report.models:
                    print(
                        f"{count:>7,} {label + ': ' + model.model:<44} {seconds:>8.2f} "
                        f"{model.inserted:>9,} {model.updated:>8,} {model.unchanged:>10,} "
                        f"{model.kept:>7,} {peak:>6.1f}"
                    )


if __name__ == "__main__":
    main()
