"""Running manage.py and the Procfile's web server as a user would, in a child process."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")

# Variables the settings read; a child starts without them unless a test sets them.
CONFIG_VARIABLES = {
    "DATABASE_URL",
    "SQLITE_PATH",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "STATIC_ROOT",
    "RUN_MAIN",
    "DJANGO_SETTINGS_MODULE",
}
PRODUCTION_KEY = "x7Qp2Lr9Vz4Nw8Ks1Mt6Hb3Jc5Fd0Gy-production-like-key-for-tests"


def child_env(**variables):
    env = {name: value for name, value in os.environ.items() if name not in CONFIG_VARIABLES}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update({name: str(value) for name, value in variables.items()})
    return env


def manage(*args, **variables):
    """Run `python manage.py ARGS` with exactly the given configuration variables."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=child_env(**variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def procfile_command(kind):
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, _, command = line.partition(":")
        if name.strip() == kind:
            return command.strip()
    raise LookupError(f"no {kind!r} process in the Procfile")


def wait_for_http(url, timeout=30, headers=None):
    deadline = time.monotonic() + timeout
    while True:
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def drop_connection(connection):
    """Have the PostgreSQL server end `connection` (a Django connection), as a restart or
    an idle time-out would; returns the server process id it had."""
    import psycopg

    settings_dict = connection.settings_dict
    pid = connection.connection.info.backend_pid
    with psycopg.connect(
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"],
        dbname=settings_dict["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    return pid
