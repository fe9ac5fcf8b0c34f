"""Every sync, import, file import and enrich run is recorded, with its id in the report, in
the database it wrote to and in the same transaction; a dry run records nothing."""

import uuid

import pytest

from catalog_site.history.models import Run
from films.models import Film

from .conftest import call_json
from .test_import_file import DIARY, LETTERBOXD, write_csv
from .test_merge import add


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, make_catalog):
    return make_catalog(request.param)


def runs(database):
    return list(database.objects(Run).order_by("started_at"))


def test_a_sync_is_recorded_in_its_target_with_its_counts(make_catalog):
    laptop, production = make_catalog("sqlite"), make_catalog("postgresql")
    add(laptop, title="New")
    report = call_json("sync_to_postgres", "--source", laptop.spec, "--target", production.spec,
                       "--no-backup")  # fmt: skip
    (run,) = runs(production)
    assert report["run"] == str(run.id)
    assert run.kind == "sync_to_postgres"
    assert run.description.startswith("from SQLite ")
    assert run.summary["films.film"]["inserted"] == 1
    assert run.finished_at >= run.started_at
    assert runs(laptop) == []  # runs stay in the database they wrote to


def test_a_dry_run_records_nothing_and_has_no_id(make_catalog):
    laptop, production = make_catalog("sqlite"), make_catalog("postgresql")
    add(laptop, title="New")
    report = call_json("sync_to_postgres", "--source", laptop.spec, "--target", production.spec,
                       "--dry-run")  # fmt: skip
    assert report["run"] is None
    assert runs(production) == []


def test_a_file_import_is_recorded(target, tmp_path):
    path = write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY)
    report = call_json("import_file", str(path), "--target", target.spec, "--no-backup")
    (run,) = runs(target)
    assert uuid.UUID(report["run"]) == run.id
    assert (run.kind, run.description) == ("import_file", "letterboxd file diary.csv")
    assert run.summary == {"films.film": {"inserted": 3, "updated": 0, "unchanged": 0,
                                          "kept": 0, "preserved": 0}}  # fmt: skip
    again = call_json("import_file", str(path), "--target", target.spec, "--no-backup")
    assert again["run"] != report["run"]
    assert len(runs(target)) == 2


def test_a_failed_run_leaves_no_record(target, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(Exception, match="empty"):
        call_json("import_file", str(path), "--target", target.spec, "--no-backup")
    assert runs(target) == []
    assert not target.objects(Film).exists()


@pytest.mark.django_db
def test_the_accounts_admin_lists_the_runs(admin_client):
    run = Run.begin("default", "import_file", "letterboxd file diary.csv")
    page = admin_client.get("/admin/catalog_site/run/")
    assert str(run.id) in page.content.decode()
    assert admin_client.get("/admin/catalog_site/run/add/").status_code == 403
