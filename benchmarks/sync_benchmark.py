"""Benchmark of the merge engine: SQLite laptop file -> PostgreSQL.

For each N: N rows (half films, half books) in a SQLite file; half of them already in the
PostgreSQL target, a tenth of those edited on the laptop since. Prints the wall time of the
sync, rows per second and the queries sent to the target, beside a raw COPY of the same N
rows into empty tables in the same run, and the ratio of the two.

    .venv/bin/python benchmarks/sync_benchmark.py [--sizes 1000 10000 100000]
"""

import argparse
import datetime
import os
import tempfile
import time
from pathlib import Path

import psycopg  # noqa: E402
from data import T0, make_book, make_film  # noqa: E402
from django.db import connections  # noqa: E402
from harness import admin, migrate, url_for  # noqa: E402  (sets Django up)

from books.models import Book  # noqa: E402
from catalog_site.catalog import registry  # noqa: E402
from catalog_site.sync import runner  # noqa: E402
from catalog_site.sync.databases import close_database, open_database  # noqa: E402
from films.models import Film  # noqa: E402


def prepare(size, folder, template):
    """Fill the laptop file and the production database; return their specs and the rows."""
    laptop = folder / f"laptop-{size}.db"
    laptop.write_bytes((folder / "template.db").read_bytes())
    name = f"catalog_bench_{size}_{os.getpid()}"
    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    open_database(str(laptop), "bench_laptop")
    open_database(url_for(name), "bench_production")
    rows = {}
    for model, make in ((Film, make_film), (Book, make_book)):
        objects = [make(number) for number in range(size // 2)]
        model.objects.using("bench_laptop").bulk_create(objects, batch_size=500)
        present = objects[: len(objects) // 2]
        for obj in present:
            obj.pk = None  # the production database assigns its own ids
        model.objects.using("bench_production").bulk_create(present, batch_size=1000)
        edited = [obj.uuid for obj in present[: len(present) // 10]]
        model.objects.using("bench_laptop").filter(uuid__in=edited).update(
            title="Edited on the laptop", updated_at=T0 + datetime.timedelta(days=1)
        )
        rows[model] = objects
    close_database("bench_laptop")
    close_database("bench_production")
    return laptop, name, rows


def time_sync(laptop, name):
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with runner.opened(str(laptop), url_for(name)) as databases:
        started = time.perf_counter()
        with connections[databases.target].execute_wrapper(count):
            report = databases.sync(registry.models())
        elapsed = time.perf_counter() - started
    return elapsed, len(queries), report


def time_copy(name, rows):
    """COPY the same rows into empty tables shaped like the real ones."""
    with psycopg.connect(url_for(name)) as connection:
        elapsed = 0.0
        for model, objects in rows.items():
            table = model._meta.db_table
            fields = [f for f in model._meta.concrete_fields if f.attname != "id"]
            connection.execute(f"CREATE TABLE copy_{table} (LIKE {table} INCLUDING ALL)")
            data = [tuple(getattr(obj, f.attname) for f in fields) for obj in objects]
            started = time.perf_counter()
            columns = ", ".join(f.column for f in fields)
            with connection.cursor().copy(f"COPY copy_{table} ({columns}) FROM STDIN") as copy:
                for record in data:
                    copy.write_row(record)
            connection.commit()
            elapsed += time.perf_counter() - started
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    sizes = parser.parse_args().sizes
    template = f"catalog_bench_template_{os.getpid()}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        migrate(SQLITE_PATH=str(folder / "template.db"))
        admin(f'DROP DATABASE IF EXISTS "{template}"')
        admin(f'CREATE DATABASE "{template}"')
        migrate(DATABASE_URL=url_for(template))
        header = (
            f"{'rows':>8} {'sync s':>8} {'rows/s':>9} {'target queries':>15} "
            f"{'COPY s':>8} {'ratio':>6}"
        )
        print(header)
        try:
            for size in sizes:
                laptop, name, rows = prepare(size, folder, template)
                try:
                    elapsed, queries, report = time_sync(laptop, name)
                    copy_elapsed = time_copy(name, rows)
                finally:
                    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                expected = size // 2 + size // 4 // 10 * 2
                assert report.changes in range(expected - 4, expected + 5), report.as_dict()
                print(
                    f"{size:>8,} {elapsed:>8.2f} {size / elapsed:>9,.0f} {queries:>15} "
                    f"{copy_elapsed:>8.2f} {elapsed / copy_elapsed:>6.1f}"
                )
        finally:
            admin(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')


if __name__ == "__main__":
    main()
