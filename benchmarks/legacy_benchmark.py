"""Benchmark of import_legacy: a generated Flask-era SQLite file of N films into PostgreSQL.

.venv/bin/python benchmarks/legacy_benchmark.py [--films 100000]
"""

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from harness import scratch_database  # noqa: E402  (sets Django up)

from catalog_site.catalog import registry  # noqa: E402
from catalog_site.sync import runner  # noqa: E402
from catalog_site.tests import legacy_tables  # noqa: E402

GRADES = [grade for grade, _ in legacy_tables.GRADES]
DATES = ["February {day}, 20{yy:02d}", "20{yy:02d}-03-{day:02d}", "April-{yy:02d}", "1990s", ""]


def legacy_film(number):
    grade = GRADES[number % len(GRADES)]
    return (
        number, DATES[number % 5].format(day=1 + number % 28, yy=number % 25),
        f"Film {number}, The", grade, 20 - GRADES.index(grade) - (number % 7 == 0),
        "Pre-2006" if number % 3 else str(2006 + number % 19), "Portola Valley", "Netflix",
        1950 + number % 75, "no RT score" if number % 11 == 0 else f"{number % 101}%",
        80 + number % 90, "75%", "Drama, Crime", f"https://image.tmdb.org/t/p/w500/{number}.jpg",
        f"https://www.rottentomatoes.com/m/film_{number}", None,
        "2025-11-20 00:24:26.008713", None,
    )  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=100_000)
    count = parser.parse_args().films
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "films.db"
        with sqlite3.connect(path) as connection:
            cursor = connection.cursor()
            legacy_tables.create_legacy_tables(cursor, vendor="sqlite")
            rows = [legacy_film(number) for number in range(1, count + 1)]
            marks = ", ".join("?" * len(legacy_tables.FILM_COLUMNS))
            cursor.executemany(
                f"INSERT INTO films ({', '.join(legacy_tables.FILM_COLUMNS)}) VALUES ({marks})",
                rows,
            )
        films = registry.catalog("films").model
        with (
            scratch_database("catalog_legacy_bench") as url,
            runner.opened(str(path), url, legacy_models=[films]) as databases,
        ):
            started = time.perf_counter()
            result = databases.import_legacy([films])
            elapsed = time.perf_counter() - started
    films = result.report["films.film"]
    print(f"{'films':>8} {'seconds':>8} {'rows/s':>8} {'inserted':>9} {'stale scores':>13}")
    print(
        f"{count:>8,} {elapsed:>8.2f} {count / elapsed:>8,.0f} {films.inserted:>9,} "
        f"{len(result.tables[0]['stale_scores']):>13,}"
    )


if __name__ == "__main__":
    main()
