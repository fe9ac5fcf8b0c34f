"""Time per cached API answer inside one process: the WSGI application called directly, with
no server and no network, so the figure is what Django and the site spend on a request
whose answer is already rendered.

The catalog has the owner's size (1,717 films, 741 books), on SQLite or on PostgreSQL; each
request is asked once to fill the cache, then --repeat times. Production settings (DEBUG
off, the whole middleware stack, the rate limits counted), readers from many addresses
through one proxy. The goal is under 150 µs per answer. /healthz, answered by the first
middleware after one `SELECT 1`, is what Django itself costs per request here.

    .venv/bin/python benchmarks/cached_read_benchmark.py [--repeat 3000]
                                                        [--engines sqlite postgresql]
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILMS, BOOKS = 1_717, 741
GOAL_US = 150


def environ(path, query, reader):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "application/json",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "HTTP_X_FORWARDED_FOR": f"10.0.{reader // 250}.{reader % 250}",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def finish(body):
    """As a WSGI server does once it has sent the answer."""
    if hasattr(body, "close"):
        body.close()


def measure(application, scenarios, repeat):
    statuses = {}

    def start_response(status, headers, exc_info=None):
        statuses["last"] = status

    results = []
    for label, path, query in scenarios:
        for reader in range(2):  # fill the cache, then answer once from it
            body = application(environ(path, query, reader), start_response)
            b"".join(body)
            finish(body)
        assert statuses["last"].startswith("200"), (path, statuses["last"])
        batches = []
        for batch in range(10):  # the median batch: this machine's neighbours come and go
            started = time.perf_counter()
            for number in range(batch * repeat // 10, (batch + 1) * repeat // 10):
                body = application(environ(path, query, number % 2000), start_response)
                b"".join(body)
                finish(body)
            batches.append((time.perf_counter() - started) / (repeat // 10))
            assert statuses["last"].startswith("200"), (path, statuses["last"])
        results.append((label, statistics.median(batches) * 1e6))
    return results


def run(engine, repeat):
    """In a child process, as settings are read once per process."""
    from harness import scratch_database  # noqa: PLC0415  (sets Django up)

    with tempfile.TemporaryDirectory() as folder:
        if engine == "sqlite":
            env = {"SQLITE_PATH": str(Path(folder) / "bench.sqlite3")}
            child(env, engine, repeat)
        else:
            with scratch_database("catalog_cached_read_bench") as url:
                child({"DATABASE_URL": url}, engine, repeat)


def child(env, engine, repeat):
    subprocess.run(
        [sys.executable, __file__, "--child", engine, "--repeat", str(repeat)],
        cwd=ROOT,
        env={
            **os.environ,
            **env,
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "TRUSTED_PROXY_HOPS": "1",
            "PYTHONPATH": str(ROOT / "benchmarks"),
        },
        check=True,
    )


def in_child(engine, repeat):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "catalog_site.settings"
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    from data import make_book, make_film  # noqa: PLC0415

    from books.models import Book  # noqa: PLC0415
    from films.models import Film  # noqa: PLC0415

    Film.objects.bulk_create((make_film(n) for n in range(FILMS)), batch_size=500)
    Book.objects.bulk_create((make_book(n) for n in range(BOOKS)), batch_size=500)
    pk = Film.objects.order_by("pk").values_list("pk", flat=True)[10]

    from catalog_site.wsgi import application  # noqa: PLC0415

    scenarios = [
        ("/healthz", "/healthz", ""),
        ("one film", f"/api/films/{pk}", ""),
        ("search", "/api/films", "search=number+1"),
        ("by genre", "/api/analytics/by-genre", ""),
        ("all films", "/api/films", ""),
        ("legacy _t", "/api/books", "_t=1733240000000"),
    ]
    print(f"\n{engine}: {FILMS:,} films, {BOOKS:,} books; µs per cached answer, in process")
    for label, micros in measure(application, scenarios, repeat):
        mark = "ok" if micros < GOAL_US else f"over {GOAL_US}"
        print(f"  {label:<11} {micros:>8.0f} µs  {mark}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3000)
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        in_child(options.child, options.repeat)
        return
    for engine in options.engines:
        run(engine, options.repeat)


if __name__ == "__main__":
    main()
