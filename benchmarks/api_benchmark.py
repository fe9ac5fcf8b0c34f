"""Benchmark of the REST API under gunicorn (2 workers) on PostgreSQL, with a load generator
on this machine: requests/s, p50 and p99 per scenario.

Scenarios: the full list of 2,000 films (repeated, so mostly from the cache, and right after
a write, when it is not), a filtered list, a detail; then the full list of 100,000 films (a
70 MB answer: a few requests only) and a page deep into it.

    .venv/bin/python benchmarks/api_benchmark.py [--seconds 10] [--clients 4]
"""

import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg  # noqa: E402
from data import make_film  # noqa: E402
from harness import ROOT, admin, migrate, url_for  # noqa: E402  (sets Django up)

from catalog_site.sync.databases import close_database, open_database  # noqa: E402
from films.models import Film  # noqa: E402


def add_films(url, start, stop):
    open_database(url, "bench")
    try:
        Film.objects.using("bench").bulk_create(
            (make_film(number) for number in range(start, stop)), batch_size=2000
        )
        return Film.objects.using("bench").order_by("pk").values_list("pk", flat=True).first()
    finally:
        close_database("bench")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(url, port):
    env = {
        **os.environ,
        "DEBUG": "0",
        "DATABASE_URL": url,
        "SECRET_KEY": "benchmark-only-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    server = subprocess.Popen(
        ["gunicorn", "catalog_site.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
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
                return server
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def load(port, path, *, seconds, clients, max_requests=None):
    """Keep-alive clients request `path` for `seconds`; return (requests/s, p50 ms, p99 ms)."""
    latencies = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while time.monotonic() < stop:
            with lock:
                if max_requests is not None and len(latencies) >= max_requests:
                    return
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            assert response.status == 200, (path, response.status)
            with lock:
                latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, p99 * 1000


def cold(port, url, times=10):
    """p50 of the full list right after a write, when no worker has it cached."""
    latencies = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    with psycopg.connect(url, autocommit=True) as database:
        for _ in range(times):
            database.execute(
                "UPDATE films_film SET location = location "
                "WHERE id = (SELECT min(id) FROM films_film)"
            )
            started = time.perf_counter()
            connection.request("GET", "/api/films")
            connection.getresponse().read()
            latencies.append(time.perf_counter() - started)
    return statistics.median(latencies) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    options = parser.parse_args()
    name = f"catalog_api_bench_{os.getpid()}"
    url = url_for(name)
    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f'CREATE DATABASE "{name}"')
    server = None
    try:
        migrate(DATABASE_URL=url)
        first = add_films(url, 0, 2_000)
        port = free_port()
        server = start_server(url, port)
        print(f"{'scenario':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
        scenarios = [
            ("full list, 2,000 films", "/api/films"),
            ("filtered list", "/api/films?genre=drama&grade=A,A-&ordering=rating"),
            ("detail", f"/api/films/{first}"),
        ]
        for label, path in scenarios:
            rate, p50, p99 = load(port, path, seconds=options.seconds, clients=options.clients)
            print(f"{label:<34} {rate:>8.1f} {p50:>8.1f} {p99:>8.1f}")
        print(f"{'full list, 2,000, after a write':<34} {'':>8} {cold(port, url):>8.1f}")
        add_films(url, 2_000, 100_000)
        rate, p50, p99 = load(port, "/api/films", seconds=60, clients=1, max_requests=3)
        print(f"{'full list, 100,000 films':<34} {rate:>8.2f} {p50:>8.1f} {p99:>8.1f}")
        rate, p50, p99 = load(
            port, "/api/films?limit=100&offset=50000&ordering=rating", seconds=options.seconds,
            clients=options.clients,
        )  # fmt: skip
        print(f"{'a page of 100 of 100,000 films':<34} {rate:>8.1f} {p50:>8.1f} {p99:>8.1f}")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
