"""Benchmark of import_file: a Goodreads export of N books into an empty PostgreSQL catalog,
then the same file again (everything matched, nothing changed), then a newer export in which
one row in ten has a new rating.

    .venv/bin/python benchmarks/import_benchmark.py [--books 10000]
"""

import argparse
import csv
import tempfile
import time
from pathlib import Path

from harness import scratch_database  # noqa: E402  (sets Django up)

from books.goodreads import HEADERS  # noqa: E402
from catalog_site.files.runner import import_file  # noqa: E402
from catalog_site.sync.runner import opened_target  # noqa: E402


def goodreads_file(path, count, *, bump=0):
    """A Goodreads export of `count` read books; with `bump`, every tenth has a new rating
    dated later."""
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        for number in range(count):
            changed = bump and number % 10 == 0
            rating = str(1 + (number + changed) % 5)
            read = f"20{10 + number % 15}/{1 + number % 12:02d}/{1 + number % 28:02d}"
            isbn13 = f"978{number:010d}"
            writer.writerow([
                number + 1, f"Book number {number}", f"First{number % 700} Last{number % 500}",
                f"Last{number % 500}, First{number % 700}", "", f'="{isbn13[3:]}"',
                f'="{isbn13}"', rating, "3.9", "Publisher", "Paperback", 100 + number % 600,
                "2001", "1999", "2024/06/01" if changed else read, read, "", "", "read",
                "", "", "", "1", "0",
            ])  # fmt: skip


def timed(path, target):
    started = time.perf_counter()
    result = import_file(path, target)
    return time.perf_counter() - started, result.report["books.book"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=10_000)
    count = parser.parse_args().books
    with tempfile.TemporaryDirectory() as folder:
        first, newer = Path(folder) / "first.csv", Path(folder) / "newer.csv"
        goodreads_file(first, count)
        goodreads_file(newer, count, bump=1)
        columns = ("seconds", 8), ("inserted", 9), ("updated", 8), ("unchanged", 10)
        print(
            f"{'books':>7} {'run':<34} " + " ".join(f"{name:>{width}}" for name, width in columns)
        )
        with scratch_database("catalog_import_bench") as url, opened_target(url) as databases:
            for label, path in [
                ("first import, empty catalog", first),
                ("the same file again", first),
                ("a newer export (1 in 10 changed)", newer),
            ]:
                seconds, books = timed(path, databases.target)
                print(
                    f"{count:>7,} {label:<34} {seconds:>8.2f} {books.inserted:>9,} "
                    f"{books.updated:>8,} {books.unchanged:>10,}"
                )


if __name__ == "__main__":
    main()
