"""backup_catalog: one JSON file of both catalogs that loaddata and import_file restore."""

import io
import json

import pytest
from django.core.management import call_command

from books.models import Book
from catalog_site.demo import load_demo_data
from films.models import Film
from shows.models import Show

from .test_import_file import run

pytestmark = pytest.mark.django_db(transaction=True)


def backup(tmp_path):
    path = tmp_path / "catalog.json"
    call_command("backup_catalog", "-o", str(path), stdout=io.StringIO())
    return path


def rows(objects):
    return sorted(objects.values(), key=lambda row: str(row["uuid"]))


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_loaddata_restores_every_column(make_catalog, tmp_path, engine):
    load_demo_data()
    Film.objects.create(title="Watchable", watch_providers={"flatrate": ["Netflix"]}, legacy_id=3)
    path = backup(tmp_path)
    assert {item["model"] for item in json.loads(path.read_text())} == {
        "films.film",
        "books.book",
        "shows.show",
    }
    empty = make_catalog(engine)
    call_command("loaddata", str(path), database=empty.alias, verbosity=0)
    assert rows(empty.objects(Film)) == rows(Film.objects)  # to the microsecond
    assert rows(empty.objects(Book)) == rows(Book.objects)
    assert rows(empty.objects(Show)) == rows(Show.objects)


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_import_file_restores_it_too(make_catalog, tmp_path, engine):
    load_demo_data()
    path = backup(tmp_path)
    empty = make_catalog(engine)
    report = run(empty, path)
    assert report["file"]["format"] == "catalog-json"
    assert report["changes"] == Film.objects.count() + Book.objects.count() + Show.objects.count()
    mine, restored = tmp_path / "mine.json", tmp_path / "restored.json"
    call_command("export_catalog", "--format", "json", "-o", str(mine))
    call_command("export_catalog", "--format", "json", "-o", str(restored), "--source", empty.spec)
    assert restored.read_bytes() == mine.read_bytes()


def test_an_existing_file_is_never_overwritten(tmp_path):
    path = backup(tmp_path)
    with pytest.raises(FileExistsError):
        call_command("backup_catalog", "-o", str(path), stdout=io.StringIO())


def test_two_runs_in_one_second_get_two_backup_files(settings, tmp_path):
    import datetime

    from catalog_site.sync.backup import stamped_path

    settings.BASE_DIR = tmp_path
    now = datetime.datetime(2026, 12, 3, 9, 0, 0)
    first = stamped_path("sync", now=now)
    first.parent.mkdir()
    first.write_text("[]")
    second = stamped_path("sync", now=now)
    assert (first.name, second.name) == ("sync-20261203-090000.json", "sync-20261203-090000-2.json")
