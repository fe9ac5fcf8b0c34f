"""Benchmark of the public pages on PostgreSQL: server time (the whole Django request, in
process, DEBUG off) and queries per request, with 2,000 and then 100,000 films.

"cold" is the first request after a write (filter choices or charts not cached yet); the other
rows are repeated requests (p50 and p95 of --repeat runs).

    .venv/bin/python benchmarks/pages_benchmark.py [--repeat 30] [--sizes 2000 100000]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def populate(url, start, stop):
    import psycopg
    from data import make_book, make_film

    from books.models import Book
    from catalog_site.sync.databases import close_database, open_database
    from films.models import Film

    open_database(url, "bench")
    try:
        Film.objects.using("bench").bulk_create(
            (make_film(number) for number in range(start, stop)), batch_size=2000
        )
        if start == 0:
            Book.objects.using("bench").bulk_create(
                (make_book(number) for number in range(2_000)), batch_size=2000
            )
    finally:
        close_database("bench")
    # As autovacuum would soon after a bulk load: without statistics the planner sorts the
    # whole table for a middle page instead of walking the rating index.
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 100_000])
    options = parser.parse_args()

    from harness import scratch_database

    with scratch_database("catalog_pages_bench") as url:
        print(f"{'films':>7}  {'page':<52} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7} {'KB':>6}")
        done = 0
        for size in sorted(options.sizes):
            populate(url, done, size)
            done = size
            # A fresh process per size: Django configured on this database, DEBUG off.
            result = subprocess.run(
                [sys.executable, __file__, "--measure", url, str(options.repeat)],
                capture_output=True,
                text=True,
            )
            if result.returncode:
                sys.exit(f"Measuring failed:\n{result.stderr}")
            for row in json.loads(result.stdout):
                print(
                    f"{size:>7,}  {row['label']:<52} {row['p50']:>7.1f} {row['p95']:>7.1f} "
                    f"{row['queries']:>7} {row['kb']:>6.0f}"
                )


def measure(url, repeat):
    """Time each page in this process with Django's test client; print JSON rows."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, root)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="catalog_site.settings",
        DATABASE_URL=url,
        DEBUG="0",
        SECRET_KEY="benchmark-only-" + "k" * 50,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
        # One client asks for hundreds of pages a minute here: the per-address limit is off.
        PAGES_RATE="",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from films.models import Film

    # Static names resolve without a collectstatic run, as in the tests.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    film = Film.objects.order_by("pk").values_list("pk", flat=True).first()
    last_page = -(-Film.objects.count() // 48)

    def one(path):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (path, response.status_code)
        return elapsed, len(queries), len(response.content) / 1024

    rows = []
    # The process's first request loads templates and URL patterns; leave that out.
    one("/films/?view=list&q=warm-up")
    one("/films/stats/?q=warm-up")
    one("/books/stats/?q=warm-up")

    def timed(label, path, *, cold=False):
        if cold:
            cache.clear()
            elapsed, queries, kb = one(path)
            rows.append(dict(label=label, p50=elapsed, p95=elapsed, queries=queries, kb=kb))
            return
        one(path)
        runs = [one(path) for _ in range(repeat)]
        times = sorted(run[0] for run in runs)
        rows.append(
            dict(
                label=label,
                p50=statistics.median(times),
                p95=times[min(len(times) - 1, round(len(times) * 0.95))],
                queries=runs[-1][1],
                kb=runs[-1][2],
            )
        )

    timed("/films/ (cold: first after a write)", "/films/", cold=True)
    timed("/films/", "/films/")
    timed("/films/?view=list", "/films/?view=list")
    timed("/films/?q=number+12", "/films/?q=number+12")
    timed("/films/?genre=Drama&grade=A,A-&ordering=-release_year",
          "/films/?genre=Drama&grade=A,A-&ordering=-release_year")  # fmt: skip
    timed("/films/?ordering=-rotten_tomatoes", "/films/?ordering=-rotten_tomatoes")
    timed("/films/?ordering=-date_seen", "/films/?ordering=-date_seen")
    timed(f"/films/?page={last_page // 2} (middle page)", f"/films/?page={last_page // 2}")
    timed(f"/films/?page={last_page} (last page)", f"/films/?page={last_page}")
    timed("/films/<id>/", f"/films/{film}/")
    timed("/films/stats/ (cold)", "/films/stats/", cold=True)
    timed("/films/stats/", "/films/stats/")
    timed("/films/year/2016/ (cold)", "/films/year/2016/", cold=True)
    timed("/films/year/2016/", "/films/year/2016/")
    timed("/films/year/ (cold)", "/films/year/", cold=True)
    timed("/api/films/year/2016 (cold)", "/api/films/year/2016", cold=True)
    timed("/films/?streaming=Netflix,Max (cold)", "/films/?streaming=Netflix,Max", cold=True)
    timed("/films/?streaming=Netflix,Max", "/films/?streaming=Netflix,Max")
    timed("/books/ (2,000 books)", "/books/")
    timed("/books/stats/ (2,000 books, cold)", "/books/stats/", cold=True)
    timed("/books/year/2016/ (2,000 books, cold)", "/books/year/2016/", cold=True)
    print(json.dumps(rows))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure(sys.argv[2], int(sys.argv[3]))
    else:
        main()
