"""Benchmark of the merge engine: SQLite laptop file -> PostgreSQL.

For each N: N rows (half films, half books) in a SQLite file; half of them already in the
PostgreSQL target, a tenth of those edited on the laptop since. Prints the wall time of the
sync, rows per second and the queries sent to the target, beside a raw COPY of the same N
rows into empty tables in the same run, and the ratio of the two.

Then the second sync, which finds nothing (or one row in a hundred) to change: its time and
the bytes PostgreSQL sent back, counted by a proxy between the two. The goal for 100,000
rows that did not change: under 10 MB and under 3 s.

    .venv/bin/python benchmarks/sync_benchmark.py [--sizes 1000 10000 100000]
"""

import argparse
import contextlib
import datetime
import multiprocessing
import os
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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
        edit(model, edited, "Edited on the laptop", T0 + datetime.timedelta(days=1))
        rows[model] = objects
    close_database("bench_laptop")
    close_database("bench_production")
    return laptop, name, rows


def edit(model, uuids, title, when):
    """Retitle rows on the laptop as a save would (derived fields and fingerprint too)."""
    rows = list(model.objects.using("bench_laptop").filter(uuid__in=uuids))
    for row in rows:
        row.title, row.updated_at = title, when
        row.derive()
    fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    model.objects.using("bench_laptop").bulk_update(rows, fields, batch_size=200)


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


class CountingProxy:
    """A TCP relay in front of PostgreSQL that counts the bytes the server sends; in a
    process of its own, so that relaying does not take the measured process's time."""

    def __init__(self, host="127.0.0.1", port=5432):
        self.count = multiprocessing.Value("q", 0)
        listener = socket.create_server(("127.0.0.1", 0))
        self.port = listener.getsockname()[1]
        self.process = multiprocessing.Process(
            target=relay, args=(listener, (host, port), self.count), daemon=True
        )
        self.process.start()
        listener.close()

    @property
    def received(self):
        return self.count.value

    def url(self, url):
        parts = urlsplit(url)
        netloc = parts.netloc.rsplit("@", 1)
        user = f"{netloc[0]}@" if len(netloc) == 2 else ""
        return urlunsplit(parts._replace(netloc=f"{user}127.0.0.1:{self.port}"))


def relay(listener, server, count):
    def pipe(source, sink, counted):
        try:
            while data := source.recv(65536):
                if counted:
                    with count.get_lock():
                        count.value += len(data)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    while True:
        client, _ = listener.accept()
        upstream = socket.create_connection(server)
        for end in (client, upstream):  # relay each message at once, as a direct link would
            end.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=pipe, args=(client, upstream, False), daemon=True).start()
        threading.Thread(target=pipe, args=(upstream, client, True), daemon=True).start()


def time_second_sync(laptop, name, proxy, changed=0):
    """The same sync again through the proxy, `changed` rows edited on the laptop first."""
    if changed:
        open_database(str(laptop), "bench_laptop")
        for model in (Film, Book):
            uuids = model.objects.using("bench_laptop").values_list("uuid", flat=True)
            edited = list(uuids.order_by("pk")[: changed // 2])
            edit(model, edited, "Edited again", T0 + datetime.timedelta(days=2))
        close_database("bench_laptop")
    before = proxy.received
    with runner.opened(str(laptop), proxy.url(url_for(name))) as databases:
        started = time.perf_counter()
        report = databases.sync(registry.models())
        elapsed = time.perf_counter() - started
    return elapsed, proxy.received - before, report


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
        proxy = CountingProxy()
        again = []
        try:
            for size in sizes:
                laptop, name, rows = prepare(size, folder, template)
                try:
                    elapsed, queries, report = time_sync(laptop, name)
                    copy_elapsed = time_copy(name, rows)
                    for changed in (0, size // 100):
                        seconds, received, second = time_second_sync(laptop, name, proxy, changed)
                        assert second.changes == changed, second.as_dict()
                        again.append((size, changed, seconds, received))
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
        print("\nThe next sync (goal at 100,000 rows unchanged: under 10 MB and 3 s)")
        print(f"{'rows':>8} {'changed':>8} {'sync s':>8} {'MB from the server':>19}")
        for size, changed, seconds, received in again:
            print(f"{size:>8,} {changed:>8,} {seconds:>8.2f} {received / 1e6:>19.2f}")


if __name__ == "__main__":
    main()
