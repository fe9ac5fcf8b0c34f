"""sync_to_postgres and sync_from_postgres as the owner runs them."""

import io
import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import color_style

from books.models import Book
from catalog_site.sync.backup import default_backup_path
from films.models import Film

from .conftest import admin_connection, call_json
from .processes import ROOT, child_env, manage
from .test_merge import HOUR, T0, add, twin


@pytest.fixture
def laptop(make_catalog):
    return make_catalog("sqlite")


@pytest.fixture
def production(make_catalog):
    return make_catalog("postgresql")


def sync_to_postgres(laptop, production, *args):
    return call_json(
        "sync_to_postgres", "--source", laptop.spec, "--target", production.spec, *args
    )


def counts(report, model):
    return next(m["counts"] for m in report["models"] if m["model"] == model)


def test_sync_to_postgres_merges_and_reports_json(laptop, production, tmp_path):
    add(laptop, title="New")
    add(laptop, Book, title="Moneyball")
    report = sync_to_postgres(laptop, production, "--no-backup")
    assert counts(report, "films.film") == {
        "inserted": 1,
        "updated": 0,
        "unchanged": 0,
        "kept": 0,
        "preserved": 0,
    }
    assert counts(report, "books.book")["inserted"] == 1
    assert report["changes"] == production.objects(Film).count() + production.objects(Book).count()


def test_only_syncs_one_catalog(laptop, production):
    add(laptop, title="New")
    add(laptop, Book, title="Moneyball")
    report = sync_to_postgres(laptop, production, "--only", "books", "--no-backup")
    assert [m["model"] for m in report["models"]] == ["books.book"]
    assert not production.objects(Film).exists()
    assert production.objects(Book).count() == 1


def test_dry_run_writes_nothing(laptop, production):
    add(laptop, title="New")
    report = sync_to_postgres(laptop, production, "--dry-run")
    assert report["dry_run"] is True
    assert counts(report, "films.film")["inserted"] == 1
    assert not production.objects(Film).exists()


def test_backup_holds_the_old_rows_and_loaddata_restores_them(laptop, production, tmp_path):
    film = add(laptop, title="Arrival", grade="A", updated_at=T0 + HOUR)
    twin(production, film, grade="B", location="Palo Alto", updated_at=T0)
    add(laptop, title="Only new, not in the backup")
    before = production.dump(Film)
    backup = tmp_path / "backup.json"
    report = sync_to_postgres(laptop, production, "--backup", str(backup))
    assert report["backup"] == str(backup)
    fixture = json.loads(backup.read_text())
    assert [(item["model"], item["fields"]["grade"]) for item in fixture] == [("films.film", "B")]
    assert production.objects(Film).get(uuid=film.uuid).grade == "A"

    call_command("loaddata", str(backup), database=production.alias, verbosity=0)
    restored = production.objects(Film).get(uuid=film.uuid)
    assert [row for row in production.dump(Film) if row["uuid"] == film.uuid] == [
        row for row in before if row["uuid"] == film.uuid
    ]
    assert restored.updated_at == T0


def test_no_backup_file_when_nothing_is_updated(laptop, production, tmp_path):
    add(laptop, title="New")
    backup = tmp_path / "backup.json"
    report = sync_to_postgres(laptop, production, "--backup", str(backup))
    assert report["backup"] is None
    assert not backup.exists()


def test_default_backup_goes_to_a_timestamped_file(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    path = default_backup_path()
    assert path.parent == tmp_path / "backups"
    assert path.name.startswith("sync-")
    assert path.suffix == ".json"


def test_sync_from_postgres_keeps_newer_local_rows(laptop, production):
    film = add(production, title="Arrival", grade="B", updated_at=T0)
    twin(laptop, film, grade="A", updated_at=T0 + HOUR)
    add(production, title="Added in production")
    call_command(
        "sync_from_postgres",
        "--source",
        production.spec,
        "--target",
        laptop.spec,
        "--no-input",
        "--no-backup",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    assert laptop.objects(Film).get(uuid=film.uuid).grade == "A"
    assert laptop.objects(Film).filter(title="Added in production").exists()


@pytest.fixture
def conflict_and_duplicate(laptop, production):
    film = add(laptop, title="Titanic", updated_at=T0 - HOUR)
    twin(production, film, title="Titanic (edited)", updated_at=T0)
    add(production, title="Up", release_year=2009)
    add(laptop, title="Up ", release_year=2009)

    databases = ["--source", laptop.spec, "--target", production.spec]

    def sync(*options):
        out = io.StringIO()
        call_command(
            "sync_to_postgres", *databases, "--noinput", "--no-backup", *options, stdout=out
        )
        return out.getvalue()

    return sync


def test_the_text_report_lists_every_conflict_and_duplicate_at_verbosity_2(
    conflict_and_duplicate, production
):
    out = conflict_and_duplicate("-v", "2")
    assert f"to PostgreSQL {production.connection.settings_dict['HOST']}" in out
    assert "films.film: 1 inserted, 0 updated, 0 unchanged, 1 kept, 1 preserved" in out
    assert (
        "conflict: 'Titanic': source 2024-01-01T11:00:00+00:00, "
        "target 2024-01-01T12:00:00+00:00 (target is newer)"
    ) in out
    assert "possible duplicate: Up (2009) is also in the target under another uuid" in out
    assert re.search(r"films\.film merged in \d+\.\d\d s", out)
    assert re.search(r"^Done in \d+\.\d\d s$", out, re.MULTILINE)


def test_the_text_report_counts_findings_at_verbosity_1(conflict_and_duplicate):
    out = conflict_and_duplicate()
    assert "films.film: 1 inserted, 0 updated, 0 unchanged, 1 kept, 1 preserved" in out
    assert "  1 conflict: rows changed on both sides (-v 2 lists them)" in out
    assert "  1 possible duplicate of rows already in the target, not merged" in out
    assert "'Titanic'" not in out
    assert " s\n" not in out  # no timings


def test_verbosity_0_prints_nothing_but_the_sync_still_happens(conflict_and_duplicate, production):
    assert conflict_and_duplicate("-v", "0") == ""
    assert production.objects(Film).filter(title="Up ").exists()


def test_each_line_is_styled_for_what_it_is(conflict_and_duplicate):
    style = color_style(force_color=True)
    lines = conflict_and_duplicate("-v", "2", "--force-color").splitlines()

    def line(text):
        return next(line for line in lines if text in line)

    counts = "films.film: 1 inserted, 0 updated, 0 unchanged, 1 kept, 1 preserved"
    assert line(counts) == style.SUCCESS(counts)
    conflict = line("conflict: 'Titanic'")
    assert conflict == style.WARNING(conflict.split("m", 1)[1].rsplit("\x1b", 1)[0])
    assert line("possible duplicate: Up").startswith(style.WARNING("x").split("x")[0])
    # Indented like the conflict, a timing is a detail, not a warning.
    assert "\x1b[" not in line("films.film merged in")


def test_a_terminal_user_is_asked_before_anything_is_written(laptop, production, monkeypatch):
    add(laptop, title="New")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: "n")
    with pytest.raises(CommandError, match="Cancelled; nothing was written"):
        call_command(
            "sync_to_postgres",
            "--source",
            laptop.spec,
            "--target",
            production.spec,
            stdout=open("/dev/null", "w"),  # noqa: SIM115
        )
    assert not production.objects(Film).exists()
    monkeypatch.setattr("builtins.input", lambda question: "y")
    call_command(
        "sync_to_postgres",
        "--source",
        laptop.spec,
        "--target",
        production.spec,
        "--no-backup",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    assert production.objects(Film).count() == 1


# Bad input: one clear line, exit status 1, the target untouched.


def run_command(*args, **variables):
    result = manage("sync_to_postgres", "--no-input", *args, DEBUG="1", **variables)
    return result.returncode, result.stderr.strip().splitlines()[-1], result.stderr


def assert_refused(production, result, message):
    status, last_line, stderr = result
    assert status == 1
    assert message in last_line
    assert "Traceback" not in stderr
    assert not production.objects(Film).exists()


def test_missing_source_file(production, tmp_path):
    result = run_command("--source", tmp_path / "nope.db", "--target", production.spec)
    assert_refused(production, result, f"The source file {tmp_path / 'nope.db'} does not exist.")


def test_text_file_named_films_db(production, tmp_path):
    fake = tmp_path / "films.db"
    fake.write_text("title,grade\nUp,A\n")
    result = run_command("--source", fake, "--target", production.spec)
    assert_refused(production, result, "is not a SQLite database")


def test_sqlite_file_without_our_tables(production, tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    result = run_command("--source", other, "--target", production.spec)
    assert_refused(production, result, "does not hold the catalog tables")


def test_legacy_file_points_to_import_legacy(production, tmp_path):
    legacy = tmp_path / "legacy.db"
    with sqlite3.connect(legacy) as connection:
        connection.execute("CREATE TABLE films (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
        connection.execute("CREATE TABLE books (id INTEGER PRIMARY KEY, book_name TEXT)")
    result = run_command("--source", legacy, "--target", production.spec)
    assert_refused(production, result, "use `manage.py import_legacy`")


def test_unreachable_target(laptop, production):
    add(laptop, title="New")
    result = run_command(
        "--source", laptop.spec, "--target", "postgres://postgres@127.0.0.1:1/catalog"
    )
    assert_refused(production, result, "Cannot connect to the target database 127.0.0.1:1/catalog")


def test_rejected_credentials(laptop, production):
    """Here PostgreSQL trusts local connections, so an unknown role stands in for a wrong
    password: both are refused by the server at login."""
    url = production.spec.replace("postgres@", "nobody:wrong-password@")
    result = run_command("--source", laptop.spec, "--target", url)
    assert_refused(production, result, "Cannot connect to the target database")
    assert "wrong-password" not in result[2]


def test_unmigrated_target(laptop, production):
    add(laptop, title="New")
    with psycopg.connect(production.spec, autocommit=True) as connection:
        connection.execute("DELETE FROM django_migrations WHERE app = 'films'")
    result = run_command("--source", laptop.spec, "--target", production.spec)
    assert_refused(production, result, "needs `manage.py migrate` first")


def test_source_and_target_the_same(laptop, production):
    result = run_command("--source", laptop.spec, "--target", laptop.spec)
    assert result[0] == 1
    assert "the same database" in result[1]
    localhost = production.spec.replace("127.0.0.1", "localhost")
    result = run_command("--source", production.spec, "--target", localhost)
    assert_refused(production, result, "the same database")


def test_no_target_at_all(laptop):
    status, last_line, _ = run_command("--source", laptop.spec)
    assert status == 1
    assert "give --target or set DATABASE_URL" in last_line


def test_a_killed_sync_leaves_the_target_unchanged(laptop, production):
    laptop.objects(Film).bulk_create(
        Film(title=f"Film {n}", uuid=uuid.uuid4(), updated_at=T0) for n in range(40_000)
    )
    add(production, title="Already there")
    before = production.dump(Film)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "sync_to_postgres", "--source", laptop.spec]
        + ["--target", production.spec, "--no-input", "--no-backup"],
        cwd=ROOT,
        env=child_env(DEBUG="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    name = production.connection.settings_dict["NAME"]
    try:
        deadline = time.monotonic() + 60
        while not has_written(name):
            assert process.poll() is None, "the sync finished before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert production.dump(Film) == before


def has_written(database):
    """Whether the sync's connection is inside a transaction that has written rows."""
    with admin_connection() as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
            "AND application_name = 'catalog sync' AND backend_xid IS NOT NULL",
            [database],
        ).fetchone()
    return row[0] > 0


def test_the_tables_written_get_fresh_planner_statistics(laptop, production):
    add(laptop, title="New")
    with production.connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, last_analyze FROM pg_stat_user_tables "
            "WHERE relname IN ('films_film', 'books_book')"
        )
        assert all(analyzed is None for _, analyzed in cursor.fetchall())
    sync_to_postgres(laptop, production, "--no-backup", "--only", "films")
    with production.connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, last_analyze IS NOT NULL FROM pg_stat_user_tables "
            "WHERE relname IN ('films_film', 'books_book')"
        )
        assert dict(cursor.fetchall()) == {"films_film": True, "books_book": False}
