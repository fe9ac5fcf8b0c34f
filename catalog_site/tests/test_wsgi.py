"""The Procfile's processes, run as the host runs them: migrate, collectstatic, gunicorn."""

import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from .processes import PRODUCTION_KEY, ROOT, child_env, free_port, procfile_command, wait_for_http

HTTPS = {"X-Forwarded-Proto": "https"}  # what the host's proxy adds


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    """The release and web processes of the Procfile, on a SQLite file."""
    folder = tmp_path_factory.mktemp("production")
    port = free_port()
    env = child_env(
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SQLITE_PATH=folder / "site.db",
        STATIC_ROOT=folder / "static",
        PORT=port,
        WEB_CONCURRENCY=1,
    )
    subprocess.run(
        procfile_command("release"), shell=True, cwd=ROOT, env=env, check=True, capture_output=True
    )
    log = (folder / "gunicorn.log").open("w+")
    server = subprocess.Popen(
        procfile_command("web"),
        shell=True,
        cwd=ROOT,
        env=env,
        stderr=log,
        stdout=log,
        start_new_session=True,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", headers=HTTPS)
        yield {"url": f"http://127.0.0.1:{port}", "folder": folder, "log": log}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        log.close()


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers={**HTTPS, **(headers or {})})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def test_gunicorn_serves_the_home_page_and_logs_the_database(production_site):
    status, _, body = fetch(production_site["url"] + "/")
    assert status == 200
    assert b"<h1>Catalog</h1>" in body
    production_site["log"].seek(0)
    assert (
        f"Using SQLite ({production_site['folder'] / 'site.db'})" in production_site["log"].read()
    )


def test_static_files_are_hashed_compressed_and_cached_for_long(production_site):
    _, _, body = fetch(production_site["url"] + "/")
    stylesheet = re.search(rb'href="(/static/catalog_site/site\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "the home page should link the hashed stylesheet"
    status, headers, _ = fetch(
        production_site["url"] + stylesheet.group(1).decode(), {"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]


def test_plain_http_is_redirected_to_https(production_site):
    request = urllib.request.Request(production_site["url"] + "/")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as error:
        opener.open(request, timeout=10)
    assert error.value.code == 301
    assert error.value.headers["Location"].startswith("https://")


def test_workers_are_forked_ready_and_as_many_as_the_host_says():
    command = procfile_command("web")
    assert "--preload" in command
    assert "--workers ${WEB_CONCURRENCY:-2}" in command
    # What the master has done before forking: every view imported, templates compiled,
    # and no database connection, which the workers would otherwise share.
    script = (
        "import sys, catalog_site.wsgi\n"
        "from django.db import connections\n"
        "from django.template import engines\n"
        "loader = engines['django'].engine.template_loaders[0]\n"
        "print('films.views' in sys.modules, 'catalog_site.api.viewsets' in sys.modules,\n"
        "      any('catalog_list.html' in key for key in loader.get_template_cache),\n"
        "      all(c.connection is None for c in connections.all()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=child_env(SECRET_KEY=PRODUCTION_KEY, ALLOWED_HOSTS="127.0.0.1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True"]
