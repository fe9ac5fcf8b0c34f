"""More than one worker: the Procfile's web process with WEB_CONCURRENCY=2 and REDIS_URL
pointing at a redis-server of the test's own. A client is refused at exactly its rate
whichever worker answers, and a write made through one worker is never answered stale by
the other. On the engine the suite runs on (a SQLite file, or a PostgreSQL database)."""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import uuid
from contextlib import closing

import psycopg
import pytest
from django.db import connection

from .processes import (
    POSTGRES_URL,
    PRODUCTION_KEY,
    ROOT,
    child_env,
    free_port,
    manage,
    procfile_command,
    wait_for_http,
)

RATE = 12


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A redis-server on a free port, keeping nothing on disk; stopped afterwards."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (Debian package redis-server; make redis)")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path_factory.mktemp("redis"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("redis-server did not start")
        time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def database(tmp_path_factory, django_db_blocker):
    """A fresh catalog database of the suite's engine, as its variables for the child."""
    with django_db_blocker.unblock():
        vendor = connection.vendor
    if vendor != "postgresql":
        yield {"SQLITE_PATH": tmp_path_factory.mktemp("site") / "site.db"}
        return
    name = f"catalog_shared_cache_{os.getpid()}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield {"DATABASE_URL": POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"}
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def site(tmp_path_factory, redis_url, database):
    """The Procfile's release and web processes, two workers sharing one Redis; the port
    and a token for writes."""
    yield from serve(tmp_path_factory, redis_url, database)


def serve(tmp_path_factory, redis_url, database):
    folder = tmp_path_factory.mktemp("two-workers")
    port = free_port()
    env = child_env(
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=folder / "static",
        PORT=port,
        WEB_CONCURRENCY=2,
        REDIS_URL=redis_url,
        TRUSTED_PROXY_HOPS=1,
        API_BURST_RATE=f"{RATE}/min",
        API_SUSTAINED_RATE="",
        **database,
    )
    variables = {name: env[name] for name in ("SECRET_KEY", *database)}
    subprocess.run(procfile_command("release"), shell=True, cwd=ROOT, env=env, check=True)
    created = manage(
        "createsuperuser",
        "--no-input",
        f"--username=owner-{port}",
        "--email=owner@example.com",
        DJANGO_SUPERUSER_PASSWORD="a-long-password-9c2e",
        **variables,
    )
    assert created.returncode == 0, created.stderr
    token = manage("drf_create_token", f"owner-{port}", **variables)
    assert token.returncode == 0, token.stderr
    key = re.search(r"[0-9a-f]{40}", token.stdout).group()
    log = (folder / "gunicorn.log").open("w+")
    server = subprocess.Popen(
        procfile_command("web"),
        shell=True,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/healthz")
        yield {"port": port, "token": key, "log": log}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        log.close()


def request(site, method, path, client="198.51.100.1", body=None, token=None):
    """One request on a connection of its own, so that either worker may answer it."""
    connection = http.client.HTTPConnection("127.0.0.1", site["port"], timeout=20)
    headers = {"Accept": "application/json", "X-Forwarded-For": client}
    if token:
        headers["Authorization"] = f"Token {token}"
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response.status, content


def test_two_workers_refuse_a_client_at_exactly_its_rate(site):
    client = f"203.0.113.{uuid.uuid4().int % 250}"
    statuses = [request(site, "GET", "/api/films", client)[0] for _ in range(RATE + 6)]
    assert statuses == [200] * RATE + [429] * 6
    # Another client has a count of its own.
    assert request(site, "GET", "/api/films", "192.0.2.77")[0] == 200


def test_a_write_through_one_worker_is_never_answered_stale_by_the_other(site):
    status, body = request(
        site,
        "POST",
        "/api/films?fetch=false&intended=true",
        "192.0.2.1",
        {"title": "Heat", "year": 1995, "letter_rating": "A"},
        site["token"],
    )
    assert status == 201, body
    path = f"/api/films/{json.loads(body)['id']}"
    for number in range(8):  # both workers have the answer by now
        assert (
            json.loads(request(site, "GET", path, f"192.0.2.{10 + number}")[1])["title"] == "Heat"
        )
    for version in range(3):
        title = f"Heat (version {version})"
        status, body = request(site, "PATCH", path, "192.0.2.2", {"title": title}, site["token"])
        assert status == 200, body
        seen = {
            json.loads(request(site, "GET", path, f"192.0.2.{20 + number}")[1])["title"]
            for number in range(8)
        }
        assert seen == {title}


def test_without_redis_the_site_answers_uncached_and_lets_clients_through(
    tmp_path_factory, database
):
    """Redis stopped (nothing listens on its port): every read is rendered, no rate is
    counted, and no answer is an error."""
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    with closing(serve(tmp_path_factory, nowhere, database)) as sites:
        site = next(sites)
        for path in ("/api/films", "/api/analytics/by-genre", "/films/", "/books/stats/"):
            statuses = [request(site, "GET", path, "203.0.113.200")[0] for _ in range(RATE + 2)]
            assert statuses == [200] * (RATE + 2), path
        site["log"].seek(0)
        assert "Redis cannot be reached" in site["log"].read()
