"""Shows through every engine, on both engines: both syncs, history and undo_run, the backup,
the export and its import, the demo data. Nothing here was written for shows: the engines
find the catalog through its AppConfig."""

import datetime
import io
import json
import uuid

import pytest
from django.core.management import call_command

from catalog_site.history.versions import undo_run
from catalog_site.tests.conftest import call_json
from shows.models import Show

T0 = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


def add(database, **fields):
    fields.setdefault("updated_at", T0)
    return database.objects(Show).create(**fields)


def twin(database, row, **changes):
    fields = {f.attname: getattr(row, f.attname) for f in Show._meta.concrete_fields}
    del fields["id"]
    return database.objects(Show).create(**{**fields, **changes})


def counts(report):
    return next(m["counts"] for m in report["models"] if m["model"] == "shows.show")


@pytest.fixture
def laptop(make_catalog):
    return make_catalog("sqlite")


@pytest.fixture(params=["sqlite", "postgresql"])
def production(request, make_catalog):
    return make_catalog(request.param)


def sync(command, source, target, *args):
    return call_json(command, "--source", source.spec, "--target", target.spec, *args)


def test_sync_to_postgres_merges_shows_by_the_contract(laptop, production, tmp_path):
    wire = add(laptop, title="Wire, The", start_year=2002, grade="A+", imdb_rating=9.3,
               watch_providers={"flatrate": ["Max"]})  # fmt: skip
    edited_here = add(laptop, title="Lost", grade="B")
    twin(production, edited_here, grade="B+", updated_at=T0 + HOUR)  # newer on production
    only_there = add(production, title="Cheers")
    backup = tmp_path / "backup.json"
    report = sync("sync_to_postgres", laptop, production, "--backup", str(backup))
    assert counts(report) == {
        "inserted": 1, "updated": 0, "unchanged": 0, "kept": 1, "preserved": 1,
    }  # fmt: skip
    rows = production.by_uuid(Show)
    assert rows[wire.uuid]["imdb_rating"] == 9.3
    assert rows[wire.uuid]["watch_providers"] == {"flatrate": ["Max"]}
    assert rows[edited_here.uuid]["grade"] == "B+"  # the newer one is kept
    assert only_there.uuid in rows  # never deleted
    again = sync("sync_to_postgres", laptop, production, "--no-backup")
    assert (counts(again)["inserted"], counts(again)["updated"]) == (0, 0)


def test_sync_from_postgres_brings_shows_home(laptop, production):
    twin_peaks = add(production, title="Twin Peaks", start_year=1990, seasons=2, is_ongoing=False)
    stale = add(laptop, title="Mad Men", grade="B")
    twin(production, stale, grade="A", updated_at=T0 + HOUR)
    report = sync("sync_from_postgres", production, laptop, "--no-backup", "--only", "shows")
    assert [model["model"] for model in report["models"]] == ["shows.show"]
    assert (counts(report)["inserted"], counts(report)["updated"]) == (1, 1)
    rows = laptop.by_uuid(Show)
    assert (rows[twin_peaks.uuid]["seasons"], rows[twin_peaks.uuid]["is_ongoing"]) == (2, False)
    assert rows[stale.uuid]["grade"] == "A"


def test_undo_of_a_sync_takes_back_its_shows(laptop, production):
    old = add(production, title="Old title", grade="B")
    twin(laptop, old, title="New title", grade="A", updated_at=T0 + HOUR)
    new = add(laptop, title="Brand new")
    report = sync("sync_to_postgres", laptop, production, "--no-backup")
    undone = undo_run(uuid.UUID(report["run"]), using=production.alias)
    assert (len(undone.restored), len(undone.removed), undone.conflicts) == (1, 1, [])
    rows = production.by_uuid(Show)
    assert new.uuid not in rows
    assert (rows[old.uuid]["title"], rows[old.uuid]["grade"]) == ("Old title", "B")


@pytest.mark.django_db
def test_an_admin_edit_is_history_and_can_be_restored(client, show_editor):
    show = Show.objects.create(title="Wire, The", grade="A")
    client.force_login(show_editor)
    change = f"/shows/admin/shows/show/{show.pk}/change/"
    form = client.get(change).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(title="Wire, The", grade="B", date_text="", genres="", notes="")
    response = client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    show.refresh_from_db()
    assert show.grade == "B"
    history = client.get(f"/shows/admin/shows/show/{show.pk}/history/")
    assert history.status_code == 200
    assert "grade" in history.content.decode()


@pytest.mark.django_db
def test_backup_and_export_hold_shows_and_the_export_imports(make_catalog, tmp_path):
    wire = Show.objects.create(
        title="Wire, The", start_year=2002, end_year=2008, grade="A+", imdb_rating=9.3,
        notes="Line one\nline two", is_ongoing=False,
    )  # fmt: skip
    backup = tmp_path / "backup.json"
    call_command("backup_catalog", "-o", str(backup), stdout=io.StringIO())
    fixture = json.loads(backup.read_text())
    assert [row["fields"]["title"] for row in fixture if row["model"] == "shows.show"] == [
        "Wire, The"
    ]
    for kind, path in [("backup", backup), ("csv", None), ("json", None)]:
        if path is None:
            path = tmp_path / f"catalog.{kind}"
            call_command("export_catalog", "--format", kind, "--only", "shows", "-o", str(path),
                         stdout=io.StringIO())  # fmt: skip
        copy = make_catalog("sqlite")
        report = call_json("import_file", str(path), "--target", copy.spec, "--no-backup")
        assert counts(report)["inserted"] == 1, kind
        (row,) = copy.objects(Show)
        assert (row.imdb_rating, row.notes, row.is_ongoing) == (9.3, "Line one\nline two", False)
        assert (row.uuid, row.updated_at) == (wire.uuid, wire.updated_at)


@pytest.mark.django_db
def test_the_demo_data_has_a_dozen_shows():
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "13 TV shows" in out.getvalue()
    assert Show.objects.count() == 13
    assert Show.objects.filter(is_ongoing=True).count() == 2
    assert all(show.fingerprint for show in Show.objects.all())
    call_command("load_demo_data", stdout=out)
    assert Show.objects.count() == 13


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["99999999999999999999", "٢٠٢٠", "-1"])
def test_the_admins_date_drill_down_refuses_a_year_it_cannot_hold(admin_client, year):
    for changelist in ("/shows/admin/shows/show/", "/films/admin/films/film/"):
        response = admin_client.get(changelist, {"date__year": year})
        assert (response.status_code, response["Location"]) == (302, f"{changelist}?e=1")
