"""Load and faults: gunicorn on PostgreSQL under mixed traffic, a sync into the same database,
and PostgreSQL restarted in the middle.

    python benchmarks/load_test.py [--seconds 60] [--clients 6] [--down 2] [--sync-films 5000]

What runs, all against a private PostgreSQL cluster made for the run (initdb on a free port;
the server at 127.0.0.1:5432 is not touched), migrated, with the demo data:
- gunicorn as the Procfile starts it (2 sync workers), production settings;
- readers: the public pages and the API (lists, details, analytics, search);
- a script writing through the API with a staff token: creates films, then edits its own;
- an editor in the admin (session login, CSRF): edits films through the change form;
- `sync_to_postgres` from a generated laptop catalog: once early; then, the laptop's films
  edited, again just before the restart, so that the stop cuts it off mid-write; and once
  more after the restart;
- a health check polling /healthz every 100 ms;
- halfway through, PostgreSQL is stopped (`pg_ctl stop -m fast`), left down --down seconds,
  and started again.

Afterwards it checks, and prints: every write answered 2xx is in the database (for an edited
row: the last acknowledged value, or a later one whose answer was lost in the outage); no
answer was a 5xx or a dropped connection outside the outage (from the stop until 5 s after
PostgreSQL answers again); /healthz and the site answer again within 5 s of PostgreSQL being
back; the cut-off sync left all of the laptop's films as they were or wrote all of them (one
transaction), and the last sync brought every one. Exit status 1 if any check fails.
--json prints the same as one JSON object (the test suite runs a short version).
"""

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import psycopg
from api_benchmark import STATIC_ROOT, collect_static, free_port
from data import make_film
from django.utils import timezone
from harness import ROOT, migrate  # sets Django up

from catalog_site.sync.databases import close_database, open_database
from films.models import Film

RECOVERY_SECONDS = 5


# --- A private PostgreSQL cluster -----------------------------------------------------------


def postgres_bin():
    """The directory of pg_ctl and initdb: PG_BIN, else PATH, else Debian's layout."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not versions:
        raise SystemExit("pg_ctl not found: install PostgreSQL or set PG_BIN.")
    return versions[-1].parent


class Cluster:
    """A throw-away PostgreSQL server in a temporary folder, which this run may stop."""

    def __init__(self, folder):
        self.bin = postgres_bin()
        self.data = folder / "data"
        self.log = folder / "postgres.log"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/catalog"
        # initdb refuses to run as root: the cluster then belongs to the postgres account.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        folder.chmod(0o755)
        self.data.mkdir()
        self.log.touch()
        if self.as_owner:
            shutil.chown(self.data, "postgres")
            shutil.chown(self.log, "postgres")
            self.data.chmod(0o700)

    def pg(self, program, *args):
        subprocess.run(
            [*self.as_owner, str(self.bin / program), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def init(self):
        self.pg("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")
        self.start()
        with psycopg.connect(self.url.replace("/catalog", "/postgres"), autocommit=True) as db:
            db.execute("CREATE DATABASE catalog")

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data}"
        self.pg("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self):
        self.pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def answers(self):
        try:
            with psycopg.connect(self.url, connect_timeout=1) as db:
                db.execute("SELECT 1")
            return True
        except psycopg.Error:
            return False


# --- The site --------------------------------------------------------------------------------


def site_env(database_url, sqlite_path=None):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "load-test-only-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        # The clients here share one address; real readers are many, each far below the rates.
        "API_BURST_RATE": "",
        "API_SUSTAINED_RATE": "",
        "STATIC_ROOT": str(STATIC_ROOT),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    if sqlite_path:
        env["SQLITE_PATH"] = str(sqlite_path)
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def prepare(cluster):
    """Migrate, load the demo data, make the staff account and its token."""
    env = site_env(cluster.url)
    for args in (
        ["migrate", "--no-input", "-v0"],
        ["load_demo_data"],
        ["shell", "--no-imports", "-c", CREATE_STAFF],
    ):
        result = manage(env, *args)
        if result.returncode:
            raise SystemExit(f"manage.py {args[0]} failed:\n{result.stderr}")
    return result.stdout.strip()


PASSWORD = "load-test-password-7c2e"
CREATE_STAFF = f"""
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
user = User.objects.create_superuser("loader", password="{PASSWORD}")
print(Token.objects.create(user=user).key)
"""


EDITED = "Edited on the laptop"


def edit_laptop(path):
    """Every laptop film edited since the first sync, so the next sync has them all to write."""
    open_database(str(path), "load_laptop")
    try:
        Film.objects.using("load_laptop").update(location=EDITED, updated_at=timezone.now())
    finally:
        close_database("load_laptop")


def laptop_states(db, uuids):
    """How many of the laptop's films the database holds, edited and not."""
    rows = db.execute(
        "SELECT location = %s FROM films_film WHERE uuid::text = ANY(%s)", [EDITED, uuids]
    ).fetchall()
    return {"present": len(rows), "edited": sum(1 for (edited,) in rows if edited)}


def laptop_catalog(folder, films):
    """A SQLite catalog with `films` generated films, as on the owner's laptop."""
    path = folder / "laptop.db"
    migrate(SQLITE_PATH=str(path))
    open_database(str(path), "load_laptop")
    try:
        rows = [make_film(number) for number in range(films)]
        Film.objects.using("load_laptop").bulk_create(rows, batch_size=500)
    finally:
        close_database("load_laptop")
    return path, [str(row.uuid) for row in rows]


def start_gunicorn(cluster, port, log_path):
    log = open(log_path, "w")  # noqa: SIM115  (closed when the run ends)
    server = subprocess.Popen(
        [
            "gunicorn", "catalog_site.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", "2", "--timeout", "30", "--access-logfile", "-",
        ],
        cwd=ROOT, env=site_env(cluster.url), stdout=log, stderr=log, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        time.sleep(0.2)
    raise SystemExit("gunicorn did not start; see " + str(log_path))


# --- Traffic ---------------------------------------------------------------------------------


class Record:
    """Every request: when it started and ended (seconds since the run began), what, status."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []  # (start, end, kind, status); status 0: no answer

    def add(self, start, end, kind, status):
        with self.lock:
            self.requests.append((start, end, kind, status))


class Client:
    def __init__(self, base, record, t0, **kwargs):
        self.http = httpx.Client(base_url=base, timeout=15, **kwargs)
        self.record = record
        self.t0 = t0

    def request(self, kind, method, url, **kwargs):
        start = time.monotonic() - self.t0
        try:
            response = self.http.request(method, url, **kwargs)
            status = response.status_code
        except httpx.HTTPError:
            response, status = None, 0
        self.record.add(start, time.monotonic() - self.t0, kind, status)
        return response


READS = [
    ("page", "/"),
    ("page", "/films/"),
    ("page", "/films/?q=godfather"),
    ("page", "/books/?view=list"),
    ("page", "/films/stats/"),
    ("api-read", "/api/films"),
    ("api-read", "/api/films?limit=20&offset=10"),
    ("api-read", "/api/books?search=wolfe"),
    ("api-read", "/api/analytics/by-genre"),
    ("api-read", "/api/films/summary"),
]


def reader(client, stop, number):
    n = number
    while not stop.is_set():
        kind, url = READS[n % len(READS)]
        client.request(kind, "GET", url, headers={"Accept-Encoding": "gzip"})
        n += 1


def api_writer(client, stop, number, writes):
    """Creates films, then edits the ones it made: each write it saw answered 2xx is noted,
    with the later writes whose answers it never saw (they may have landed too)."""
    mine = []
    n = 0
    while not stop.is_set():
        n += 1
        if n % 3 and mine:
            uuid = mine[n % len(mine)]
            value = f"api {number}-{n}"
            response = client.request(
                "api-write", "PATCH", f"/api/films/{uuid}", json={"location": value}
            )
            writes.edit(uuid, value, response is not None and response.status_code == 200)
        else:
            title = f"Load test film {number}-{n}"
            response = client.request(
                "api-write",
                "POST",
                "/api/films",
                json={"title": title, "release_year": 2000 + n % 20, "grade": "B"},
            )
            if writes.create(title, response):
                mine.append(response.json()["uuid"])


class FormFields(HTMLParser):
    """The fields of the admin's change form, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.fields, self.select, self.textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file"):
            if attrs.get("type") != "checkbox" or "checked" in attrs:
                self.fields[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self.select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data.removeprefix("\n")


def admin_editor(client, stop, number, writes, film_ids):
    """Logs in to /films/admin/ and edits films' location through the change form."""
    n = 0
    logged_in = False
    while not stop.is_set():
        if not logged_in:
            client.request("admin", "GET", "/films/admin/login/")
            response = client.request(
                "admin",
                "POST",
                "/films/admin/login/?next=/films/admin/",
                data={
                    "username": "loader",
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": client.http.cookies.get("csrftoken", ""),
                },
            )
            logged_in = response is not None and response.status_code == 302
            if not logged_in:
                time.sleep(0.2)
            continue
        n += 1
        film_id = film_ids[(number * 7 + n) % len(film_ids)]
        url = f"/films/admin/films/film/{film_id}/change/"
        page = client.request("admin", "GET", url)
        if page is None or page.status_code != 200:
            continue
        form = FormFields()
        form.feed(page.text)
        value = f"admin {number}-{n}"
        data = {**form.fields, "location": value, "_save": "Save"}
        response = client.request("admin", "POST", url, data=data)
        # Saved: the admin sends the editor back to the list (a form error answers 200).
        saved = response is not None and response.status_code == 302
        saved = saved and response.headers["Location"].endswith("/films/admin/films/film/")
        writes.edit(str(film_id), value, saved, by_id=True)


class Writes:
    """What the database must hold afterwards."""

    def __init__(self):
        self.lock = threading.Lock()
        self.created = []  # titles answered 201
        self.edits = {}  # row -> [(value, acknowledged)]
        self.by_id = set()

    def create(self, title, response):
        if response is not None and response.status_code == 201:
            with self.lock:
                self.created.append(title)
            return True
        return False

    def edit(self, row, value, acknowledged, by_id=False):
        with self.lock:
            self.edits.setdefault(row, []).append((value, acknowledged))
            if by_id:
                self.by_id.add(row)

    def lost(self, db):
        """Acknowledged writes the database does not hold."""
        lost = []
        titles = {row[0] for row in db.execute("SELECT title FROM films_film")}
        lost += [f"created {title!r}" for title in self.created if title not in titles]
        for row, history in self.edits.items():
            acked = [i for i, (_, ok) in enumerate(history) if ok]
            if not acked:
                continue
            column = "id" if row in self.by_id else "uuid"
            found = db.execute(
                f"SELECT location FROM films_film WHERE {column} = %s",
                [int(row) if column == "id" else row],
            ).fetchone()
            allowed = {value for value, _ in history[acked[-1] :]}
            if found is None or found[0] not in allowed:
                lost.append(f"edit of {row}: holds {found and found[0]!r}, expected {allowed}")
        return lost


def health(client, stop):
    while not stop.is_set():
        client.request("health", "GET", "/healthz")
        time.sleep(0.1)


def run_sync(cluster, laptop, record, t0, kind):
    start = time.monotonic() - t0
    result = manage(
        site_env(cluster.url, sqlite_path=laptop),
        "sync_to_postgres", "--only", "films", "--no-input", "--no-backup", "--json",
    )  # fmt: skip
    record.add(start, time.monotonic() - t0, kind, 200 if result.returncode == 0 else 500)
    return result


# --- The run ---------------------------------------------------------------------------------


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * fraction))] if values else 0.0


def summarise(record, writes, outage, syncs, db, laptop_uuids, cut_off):
    down, up = outage
    window = (down, up + RECOVERY_SECONDS)
    requests = [r for r in record.requests if not r[2].startswith("sync")]
    by_status = {}
    for _, _, _, status in requests:
        by_status[str(status)] = by_status.get(str(status), 0) + 1
    failures = [r for r in requests if r[3] == 0 or r[3] >= 500]
    outside = [r for r in failures if not (r[1] >= window[0] and r[0] <= window[1])]
    after = [r for r in failures if r[1] >= up]
    recovered = max((r[1] for r in after), default=up) - up
    healthy = [r[1] for r in requests if r[2] == "health" and r[3] == 200 and r[1] >= up]
    first_healthy = (min(healthy) - up) if healthy else float("inf")
    latencies = [(end - start) * 1000 for start, end, _, status in requests if status]
    kinds = {}
    for _, _, kind, _ in requests:
        kinds[kind] = kinds.get(kind, 0) + 1
    lost = writes.lost(db)
    final = laptop_states(db, laptop_uuids)
    whole = cut_off["edited"] in (0, cut_off["present"]) and cut_off["present"] == len(laptop_uuids)
    return {
        "requests": len(requests),
        "by_kind": kinds,
        "by_status": dict(sorted(by_status.items())),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "outage": {"stopped_at": round(down, 2), "back_at": round(up, 2)},
        "failures_in_outage": len(failures) - len(outside),
        "failures_outside_outage": len(outside),
        "failures_outside_examples": [list(r) for r in outside[:5]],
        "recovered_after_s": round(recovered, 2),
        "first_health_ok_after_s": round(first_healthy, 2),
        "lost_writes": len(lost),
        "lost_examples": lost[:5],
        "acknowledged_creates": len(writes.created),
        "acknowledged_edits": sum(ok for edits in writes.edits.values() for _, ok in edits),
        "syncs": syncs,
        "after_cut_off_sync": cut_off,
        "cut_off_sync_all_or_nothing": whole,
        "laptop_films_edited_in_database": f"{final['edited']}/{len(laptop_uuids)}",
        "ok": not lost
        and not outside
        and max(recovered, first_healthy) <= RECOVERY_SECONDS
        and whole
        and final["edited"] == len(laptop_uuids)
        and syncs[0] == syncs[-1] == 0,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--clients", type=int, default=6, help="readers (plus 2 API writers, 1 admin editor)"
    )
    parser.add_argument("--down", type=float, default=2, help="seconds PostgreSQL stays stopped")
    parser.add_argument("--sync-films", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="catalog-load-"))
    cluster = Cluster(folder)
    server = None
    try:
        say = (lambda *a: None) if options.json else print
        say(f"PostgreSQL cluster on port {cluster.port}; preparing ...")
        cluster.init()
        token = prepare(cluster)
        laptop, laptop_uuids = laptop_catalog(folder, options.sync_films)
        collect_static()
        port = free_port()
        server = start_gunicorn(cluster, port, folder / "gunicorn.log")
        with psycopg.connect(cluster.url) as db:
            film_ids = [row[0] for row in db.execute("SELECT id FROM films_film ORDER BY id")]

        base = f"http://127.0.0.1:{port}"
        record, writes, stop = Record(), Writes(), threading.Event()
        t0 = time.monotonic()
        workers = [
            threading.Thread(target=reader, args=(Client(base, record, t0), stop, n))
            for n in range(options.clients)
        ]
        auth = {"Authorization": f"Token {token}"}
        workers += [
            threading.Thread(
                target=api_writer, args=(Client(base, record, t0, headers=auth), stop, n, writes)
            )
            for n in range(2)
        ]
        workers.append(
            threading.Thread(
                target=admin_editor, args=(Client(base, record, t0), stop, 0, writes, film_ids)
            )
        )
        workers.append(threading.Thread(target=health, args=(Client(base, record, t0), stop)))
        for worker in workers:
            worker.start()

        say(f"{options.seconds:.0f} s of traffic; a sync now, PostgreSQL restarted halfway")
        started = time.monotonic()
        syncs = [run_sync(cluster, laptop, record, t0, "sync").returncode]
        took = time.monotonic() - started
        edit_laptop(laptop)
        # The second sync starts so that the stop falls in its middle.
        time.sleep(max(0.0, options.seconds / 2 - took / 2 - (time.monotonic() - t0)))
        second = []
        syncing = threading.Thread(
            target=lambda: second.append(run_sync(cluster, laptop, record, t0, "sync").returncode)
        )
        syncing.start()
        time.sleep(max(0.0, options.seconds / 2 - (time.monotonic() - t0)))
        down = time.monotonic() - t0
        cluster.stop()
        time.sleep(options.down)
        cluster.start()
        while not cluster.answers():
            time.sleep(0.05)
        up = time.monotonic() - t0
        say(f"PostgreSQL stopped at {down:.1f} s, answering again at {up:.1f} s")
        syncing.join()
        syncs += second
        with psycopg.connect(cluster.url) as db:
            cut_off = laptop_states(db, laptop_uuids)
        time.sleep(min(RECOVERY_SECONDS, options.seconds / 4))
        syncs.append(run_sync(cluster, laptop, record, t0, "sync").returncode)
        time.sleep(max(0.0, options.seconds - (time.monotonic() - t0)))
        stop.set()
        for worker in workers:
            worker.join()

        with psycopg.connect(cluster.url) as db:
            summary = summarise(record, writes, (down, up), syncs, db, laptop_uuids, cut_off)
    finally:
        if server is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, 15)
            server.wait()
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(STATIC_ROOT, ignore_errors=True)

    if options.json:
        print(json.dumps(summary))
    else:
        report(summary)
    return 0 if summary["ok"] else 1


def report(summary):
    print(f"requests: {summary['requests']}  {summary['by_kind']}")
    print(f"by status: {summary['by_status']}")
    print(f"latency: p50 {summary['p50_ms']} ms, p99 {summary['p99_ms']} ms")
    print(
        f"PostgreSQL down {summary['outage']['stopped_at']} s to {summary['outage']['back_at']} s;"
        f" failures during the outage: {summary['failures_in_outage']},"
        f" outside it: {summary['failures_outside_outage']}"
        f" {summary['failures_outside_examples'] or ''}"
    )
    print(
        f"after PostgreSQL was back: last failure {summary['recovered_after_s']} s,"
        f" first healthy /healthz {summary['first_health_ok_after_s']} s"
    )
    print(
        f"acknowledged writes: {summary['acknowledged_creates']} API creates,"
        f" {summary['acknowledged_edits']} edits (API and admin)"
    )
    print(f"lost writes: {summary['lost_writes']} {summary['lost_examples'] or ''}")
    print(
        f"syncs (exit status): {summary['syncs']}; after the cut-off one:"
        f" {summary['after_cut_off_sync']}"
        f" ({'all or nothing' if summary['cut_off_sync_all_or_nothing'] else 'HALF WRITTEN'});"
        f" laptop films edited in the database at the end: "
        f"{summary['laptop_films_edited_in_database']}"
    )
    print("OK" if summary["ok"] else "FAILED")


if __name__ == "__main__":
    sys.exit(main())
