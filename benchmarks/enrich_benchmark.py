"""Benchmark of manage.py enrich: N films against a local fake of TMDB and OMDb that answers
every request after a fixed delay, one look-up at a time and then several at once.

.venv/bin/python benchmarks/enrich_benchmark.py [--films 500] [--latency 0.05]

The fake counts the requests each provider gets in every second, to check that no
provider is asked faster than its configured rate (TMDB 40/s, OMDb 20/s).
"""

import argparse
import json
import os
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "enrich.db")

from django.conf import settings  # noqa: E402
from harness import migrate  # noqa: E402  (sets Django up)

from catalog_site.providers.base import RateLimit  # noqa: E402
from catalog_site.providers.enrich import WORKERS, enrich  # noqa: E402
from catalog_site.providers.models import ProviderAnswer  # noqa: E402
from films.models import Film  # noqa: E402


class Fake(BaseHTTPRequestHandler):
    latency = 0.05
    seconds = Counter()  # (provider, whole second) -> requests
    lock = threading.Lock()

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        provider = "OMDb" if url.path.startswith("/omdb") else "TMDB"
        with self.lock:
            self.seconds[(provider, int(time.monotonic()))] += 1
        time.sleep(self.latency)
        if url.path == "/3/search/movie":
            number = int(query["query"].split()[-1])
            body = {
                "page": 1,
                "total_results": 1,
                "total_pages": 1,
                "results": [{"id": number, "title": query["query"], "release_date": "2001-01-01"}],
            }
        elif url.path.startswith("/3/movie/"):
            number = int(url.path.rsplit("/", 1)[-1])
            body = {
                "id": number,
                "title": f"Film {number}",
                "release_date": "2001-01-01",
                "runtime": 90 + number % 60,
                "genres": [{"name": "Drama"}],
                "imdb_id": f"tt{number:07d}",
                "poster_path": f"/{number}.jpg",
                "watch/providers": {
                    "results": {
                        "US": {
                            "link": "https://x.example",
                            "flatrate": [{"provider_name": "Netflix"}],
                        }
                    }
                },
            }
        else:
            body = {"Response": "True", "Ratings": [{"Source": "Rotten Tomatoes", "Value": "90%"}]}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def run(films, workers):
    Film.objects.all().delete()
    ProviderAnswer.objects.all().delete()
    Film.objects.bulk_create(Film(title=f"Film {number}") for number in range(1, films + 1))
    Fake.seconds.clear()
    RateLimit.shared.clear()
    tracemalloc.start()
    started = time.monotonic()
    report = enrich([Film], workers=workers)  # the answer cache is emptied before each run
    elapsed = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    assert report["films.film"].rows_filled == films, report
    busiest = {
        provider: max(count for (name, _), count in Fake.seconds.items() if name == provider)
        for provider in ("TMDB", "OMDb")
    }
    return elapsed, peak, busiest


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.05)
    options = parser.parse_args()
    migrate(SQLITE_PATH=os.environ["SQLITE_PATH"])
    Fake.latency = options.latency
    server = ThreadingHTTPServer(("127.0.0.1", 0), Fake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings.TMDB_API_URL, settings.TMDB_API_KEY = f"{base}/3", "bench"
    settings.OMDB_API_URL, settings.OMDB_API_KEY = f"{base}/omdb", "bench"
    requests = options.films * 3
    print(f"{options.films} films, {requests} requests, {options.latency * 1000:.0f} ms each")
    columns = ["workers", "seconds", "films/s", "peak MB", "max TMDB/s", "max OMDb/s"]
    print(" ".join(f"{column:>11}" for column in columns))
    results = {}
    for workers in (1, 8, 16):
        elapsed, peak, busiest = run(options.films, workers)
        results[workers] = elapsed
        print(
            f"{workers:>8} {elapsed:>8.1f} {options.films / elapsed:>8.1f} {peak:>8.1f} "
            f"{busiest['TMDB']:>11} {busiest['OMDb']:>11}"
        )
    print(f"speed-up with {WORKERS} in flight (the default): {results[1] / results[WORKERS]:.1f}x")
    server.shutdown()


if __name__ == "__main__":
    main()
