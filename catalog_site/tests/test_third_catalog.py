"""A third catalog is one app and its line in INSTALLED_APPS: the test app plays/ declares
itself (plays/apps.py) and every engine, command and page takes it in, with no change to
catalog_site/. Run as a user would, through manage.py, with plays/settings.py."""

import json
import sqlite3

import pytest

from .processes import manage

PLAYS = {
    "DJANGO_SETTINGS_MODULE": "catalog_site.tests.plays.settings",
    "DEBUG": "1",
    "ALLOWED_HOSTS": "testserver",
}
URLS = ["/", "/plays/", "/api/plays", "/api/plays/1", "/plays/admin/login/", "/api/schema/"]

SITE_CHECK = f"""
from django.test import Client
URLS = {URLS!r}
client = Client()
for url in URLS:
    print(url, client.get(url).status_code)
home = client.get("/").content.decode()
print("home lists plays:", "Plays" in home and "Hamlet" in home and "/plays/" in home)
print("api:", sorted(row["title"] for row in client.get("/api/plays").json()))
"""


def run(*args, db):
    result = manage(*args, SQLITE_PATH=db, **PLAYS)
    assert result.returncode == 0, result.stderr
    return result.stdout


def report(*args, db):
    return json.loads(run(*args, "--json", db=db))


def counts(result, label="plays.play"):
    (model,) = [model for model in result["models"] if model["model"] == label]
    return model["counts"]


@pytest.fixture
def databases(tmp_path):
    made = {}
    for name in ("laptop", "copy", "production"):
        made[name] = tmp_path / f"{name}.db"
        run("migrate", "--run-syncdb", "--no-input", db=made[name])
    return made


def test_a_third_catalog_needs_only_its_app_and_installed_apps(databases, tmp_path):
    laptop, copy, production = databases["laptop"], databases["copy"], databases["production"]

    assert "films, " in run("load_demo_data", db=laptop)
    assert run("load_demo_data", db=laptop).strip().endswith("and 0 plays added.")

    exported = tmp_path / "plays.csv"
    run("export_catalog", "--only", "plays", "-o", str(exported), db=laptop)
    imported = report("import_file", str(exported), "--no-backup", db=copy)
    assert counts(imported)["inserted"] == 2
    assert imported["file"]["format"] == "catalog-csv"

    synced = report(
        "sync_to_postgres", "--source", str(laptop), "--target", str(production), "--only",
        "plays", "--no-backup", db=laptop,
    )  # fmt: skip
    assert counts(synced)["inserted"] == 2
    assert [model["model"] for model in synced["models"]] == ["plays.play"]

    legacy = tmp_path / "legacy.db"
    with sqlite3.connect(legacy) as connection:
        connection.execute("CREATE TABLE plays (id INTEGER, name TEXT, theatre TEXT, grade TEXT)")
        connection.execute("INSERT INTO plays VALUES (1, 'Cats', 'London Palladium', 'C-')")
    from_legacy = report("import_legacy", str(legacy), "--only", "plays", "--no-backup", db=copy)
    assert counts(from_legacy)["inserted"] == 1
    assert from_legacy["legacy"][0]["table"] == "plays"

    enriched = report("enrich", "--only", "plays", "--dry-run", db=laptop)
    assert enriched["models"][0]["model"] == "plays.play"
    assert len(enriched["models"][0]["no_match"]) == 2

    backup = tmp_path / "backup.json"
    run("backup_catalog", "-o", str(backup), db=laptop)
    assert sum(row["model"] == "plays.play" for row in json.loads(backup.read_text())) == 2

    site = run("shell", "-c", SITE_CHECK, db=laptop)
    for url in [
        "/",
        "/plays/",
        "/api/plays",
        "/api/plays/1",
        "/plays/admin/login/",
        "/api/schema/",
    ]:
        assert f"{url} 200" in site
    assert "home lists plays: True" in site
    assert "api: ['Hamlet', 'Waiting for Godot']" in site
