"""Benchmark of the API against the floor and against the old server's figures.

Each engine (SQLite, then PostgreSQL) gets a catalog of the owner's size (1,717 films, 741
books); gunicorn with 2 sync workers serves it, and 4 keep-alive clients (one process each)
ask the same question for --seconds. The "floor" is benchmarks/floor_app.py under the same
gunicorn: a bare WSGI function answering from the same rows with the driver and json.dumps,
the most any Python server can do here. The old Flask server reached about 40-70 % of the
floor; the goal here is the floor itself for every read. Clients send what a browser sends
(Accept: JSON, Accept-Encoding: gzip); the bytes column is what one answer weighs on the wire.

Then, with --large, PostgreSQL at 100,000 films: searches on the API and on the public list,
each for words not asked before, and /films/stats/ right after a write (so nothing comes from
a cache).

    .venv/bin/python benchmarks/api_benchmark.py [--seconds 5] [--engines sqlite postgresql]
                                                 [--large]
"""

import argparse
import http.client
import multiprocessing
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from data import make_book, make_film  # noqa: E402
from harness import ROOT, migrate, scratch_database  # noqa: E402  (sets Django up)

from books.models import Book  # noqa: E402
from catalog_site.sync.databases import close_database, open_database  # noqa: E402
from films.models import Film  # noqa: E402

FILMS, BOOKS = 1_717, 741
GODFATHERS = ["Godfather, The", "Godfather Part II, The", "Godfather Part III, The"]
OLD_SERVER = {"one film": 1_740, "search": 950, "by genre": 200, "all films": 29}
HEADERS = {"Accept": "application/json", "Accept-Encoding": "gzip"}


def populate(spec, films, books=BOOKS, start=0):
    """Add films numbered start..films (the first three are The Godfather films) and books."""
    open_database(spec, "bench")
    try:
        rows = []
        for number in range(start, films):
            film = make_film(number)
            if number < len(GODFATHERS):
                film.title = GODFATHERS[number]
                film.derive()
            rows.append(film)
        Film.objects.using("bench").bulk_create(rows, batch_size=500)
        if start == 0:
            Book.objects.using("bench").bulk_create(
                (make_book(number) for number in range(books)), batch_size=500
            )
        with open_cursor() as cursor:
            cursor.execute("ANALYZE")
        return Film.objects.using("bench").order_by("pk").values_list("pk", flat=True)[10]
    finally:
        close_database("bench")


def open_cursor():
    from django.db import connections

    return connections["bench"].cursor()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


STATIC_ROOT = Path(tempfile.mkdtemp(prefix="catalog-bench-static-"))


def collect_static():
    """The pages need the manifest of static files, as in production."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env={**os.environ, "STATIC_ROOT": str(STATIC_ROOT)},
        check=True,
    )


def serve(app, env):
    """gunicorn with 2 sync workers on a free port; returns (process, port)."""
    port = free_port()
    env = {
        **os.environ,
        **env,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        # Readers come through one proxy, each from its own address (client() below), so the
        # rate limits are counted as in production without any reader reaching them.
        "TRUSTED_PROXY_HOPS": "1",
        "STATIC_ROOT": str(STATIC_ROOT),
        "PYTHONPATH": str(ROOT / "benchmarks"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    server = subprocess.Popen(
        ["gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server, port
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn {app} did not start")


def stop(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait()


READERS = 2000


def client(port, path, seconds, number=0):
    """One keep-alive client asking for `path` until the time is up: (latencies, bytes).
    Its requests come from READERS addresses in turn, as if forwarded by a proxy."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies, size = [], 0
    stop_at = time.monotonic() + seconds
    while time.monotonic() < stop_at:
        reader = len(latencies) % READERS
        headers = {**HEADERS, "X-Forwarded-For": f"10.{number}.{reader // 250}.{reader % 250}"}
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        size = len(response.read())
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")
        latencies.append(time.perf_counter() - started)
    return latencies, size


def load(port, path, seconds, clients=4):
    """(requests/s, p50 ms, bytes of one answer) with `clients` processes."""
    client(port, path, 0.5)  # warm up: each worker's cache, the connections
    with multiprocessing.Pool(clients) as pool:
        results = pool.starmap(client, [(port, path, seconds, n) for n in range(clients)])
    latencies = sorted(latency for result in results for latency in result[0])
    return len(latencies) / seconds, statistics.median(latencies) * 1000, results[0][1]


def compare(engine, spec, env, seconds):
    pk = populate(spec, FILMS)
    scenarios = [
        ("one film", f"/api/films/{pk}"),
        ("search", "/api/films?search=godfather"),
        ("by genre", "/api/analytics/by-genre"),
        ("all films", "/api/films"),
    ]
    figures = {}
    for name, app, app_env in [
        ("floor", "floor_app:application", {"FLOOR_DATABASE": str(spec)}),
        ("site", "catalog_site.wsgi", env),
    ]:
        server, port = serve(app, app_env)
        try:
            for label, path in scenarios:
                figures[name, label] = load(port, path, seconds)
        finally:
            stop(server)
    print(f"\n{engine}: {FILMS:,} films, {BOOKS:,} books")
    print(
        f"{'request':<11} {'floor':>7} {'old (40%)':>10} {'here':>7} {'% floor':>8} "
        f"{'p50 ms':>7} {'bytes floor':>12} {'bytes here':>11}"
    )
    for label, _ in scenarios:
        floor, _, floor_bytes = figures["floor", label]
        here, p50, here_bytes = figures["site", label]
        print(
            f"{label:<11} {floor:>7.0f} {floor * 0.4:>10.0f} {here:>7.0f} "
            f"{here / floor:>8.0%} {p50:>7.1f} {floor_bytes:>12,} {here_bytes:>11,}"
        )
    print(f"(the old server, measured once on the owner's machine: {OLD_SERVER})")


def large(url, repeat=15):
    """At 100,000 films on PostgreSQL: p50 of searches, each for words not asked before (so
    not from a cache), and of /films/stats/ right after a write."""
    import psycopg

    populate(url, 100_000, start=FILMS)
    server, port = serve("catalog_site.wsgi", {"DATABASE_URL": url})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    terms = [f"{number}" for number in range(31_337, 100_000, 4_111)][:repeat]
    scenarios = [
        ("API ?search=<new term>", "/api/films?search={}", False),
        ("API ?search=godfather part, after a write", "/api/films?search=godfather+part", True),
        ("public list ?q=<new term>", "/films/?q={}", False),
        ("/films/stats/, after a write", "/films/stats/", True),
    ]
    print("\nPostgreSQL, 100,000 films, one client")
    print(f"{'request':<44} {'p50 ms':>7} {'max ms':>7}")
    try:
        with psycopg.connect(url, autocommit=True) as database:
            for label, path, write_first in scenarios:
                times = []
                for term in terms:
                    if write_first:
                        database.execute(
                            "UPDATE films_film SET location = location "
                            "WHERE id = (SELECT min(id) FROM films_film)"
                        )
                    started = time.perf_counter()
                    connection.request("GET", path.format(term), headers=HEADERS)
                    response = connection.getresponse()
                    response.read()
                    times.append(time.perf_counter() - started)
                    assert response.status == 200, (path, response.status)
                median, worst = statistics.median(times) * 1000, max(times) * 1000
                print(f"{label:<44} {median:>7.1f} {worst:>7.1f}")
    finally:
        stop(server)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--large", action="store_true", help="also 100,000 films")
    options = parser.parse_args()
    collect_static()
    if "sqlite" in options.engines:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.sqlite3"
            migrate(SQLITE_PATH=str(path))
            compare("SQLite", path, {"SQLITE_PATH": str(path)}, options.seconds)
    if "postgresql" in options.engines or options.large:
        with scratch_database("catalog_api_bench") as url:
            if "postgresql" in options.engines:
                compare("PostgreSQL", url, {"DATABASE_URL": url}, options.seconds)
            else:
                populate(url, FILMS)
            if options.large:
                large(url)
    shutil.rmtree(STATIC_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()
