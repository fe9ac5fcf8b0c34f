"""Undoing a run, restoring a version, finding deleted rows, pruning: on both engines."""

import datetime
import io
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalog_site.files.runner import import_file
from catalog_site.history.models import Change, Run
from catalog_site.history.versions import (
    UnknownRun,
    recently_deleted,
    restore_version,
    undo_run,
)
from films.models import Film

from .conftest import call_json
from .test_import_file import DIARY, LETTERBOXD, write_csv
from .test_merge import HOUR, T0, add, twin


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, make_catalog):
    return make_catalog(request.param)


def synced(make_catalog, target):
    """A sync that adds one film and updates another; returns (report, the films)."""
    laptop = make_catalog("sqlite")
    kept = add(target, title="Untouched")
    old = add(target, title="Old title", grade="B")
    twin(laptop, old, title="New title", grade="A", updated_at=T0 + HOUR)
    new = add(laptop, title="Brand new")
    report = call_json("sync_to_postgres", "--source", laptop.spec, "--target", target.spec,
                       "--no-backup")  # fmt: skip
    return report, kept, old, new


def test_undo_of_a_sync_removes_what_it_added_and_puts_back_what_it_changed(make_catalog, target):
    report, kept, old, new = synced(make_catalog, target)
    before = target.by_uuid(Film)[kept.uuid]
    undone = undo_run(uuid.UUID(report["run"]), using=target.alias)
    assert (len(undone.restored), len(undone.removed), undone.conflicts) == (1, 1, [])
    films = target.by_uuid(Film)
    assert new.uuid not in films
    assert (films[old.uuid]["title"], films[old.uuid]["grade"]) == ("Old title", "B")
    assert films[old.uuid]["updated_at"] > T0 + HOUR  # the undo is the newest edit
    assert films[kept.uuid] == before
    undo = Run.objects.using(target.alias).get(id=undone.undo_run)
    assert undo.kind == "undo_run"


def test_a_row_edited_after_the_run_is_left_and_listed(make_catalog, target):
    report, _, old, new = synced(make_catalog, target)
    edited = target.objects(Film).get(uuid=new.uuid)
    edited.grade = "C"
    edited.save(using=target.alias)
    undone = undo_run(uuid.UUID(report["run"]), using=target.alias)
    assert [c["title"] for c in undone.conflicts] == ["Brand new"]
    assert target.objects(Film).get(uuid=new.uuid).grade == "C"
    assert target.objects(Film).get(uuid=old.uuid).title == "Old title"


def test_undo_of_a_file_import(target, tmp_path):
    mine = add(target, title="The Godfather", release_year=1972, grade="B",
               updated_at=datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC))  # fmt: skip
    report = call_json("import_file", str(write_csv(tmp_path / "d.csv", LETTERBOXD, DIARY)),
                       "--target", target.spec, "--no-backup")  # fmt: skip
    assert target.objects(Film).count() == 3
    undo_run(uuid.UUID(report["run"]), using=target.alias)
    (film,) = target.objects(Film).all()
    assert (film.uuid, film.grade, film.date_text) == (mine.uuid, "B", "")


def test_a_dry_run_undoes_nothing(make_catalog, target):
    report, *_ = synced(make_catalog, target)
    count = target.objects(Film).count()
    undone = undo_run(uuid.UUID(report["run"]), using=target.alias, dry_run=True)
    assert len(undone.removed) == 1
    assert undone.undo_run is None
    assert target.objects(Film).count() == count
    assert not Run.objects.using(target.alias).filter(kind="undo_run").exists()


def test_an_unknown_run(target):
    with pytest.raises(UnknownRun):
        undo_run(uuid.uuid4(), using=target.alias)


@pytest.mark.django_db
def test_the_command(tmp_path):
    with pytest.raises(CommandError, match="not a run id"):
        call_command("undo_run", "yesterday")
    with pytest.raises(CommandError, match="No run"):
        call_command("undo_run", str(uuid.uuid4()))
    path = write_csv(tmp_path / "d.csv", LETTERBOXD, DIARY)
    report = import_file(path, "default").report
    Film.objects.create(title="Added by hand")  # not part of the run
    out = io.StringIO()
    call_command("undo_run", report.run, "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()
    assert Film.objects.count() == 4
    call_command("undo_run", report.run, stdout=out)
    assert "0 rows put back, 3 removed, 0 left as they are" in out.getvalue()
    assert list(Film.objects.values_list("title", flat=True)) == ["Added by hand"]
    # Twice: said, and nothing recorded; undoing the undo lets the run be undone again.
    runs = Run.objects.count()
    with pytest.raises(CommandError, match=f"Run {report.run} was undone already, by run"):
        call_command("undo_run", report.run)
    assert Run.objects.count() == runs
    undo = Run.objects.get(kind="undo_run", description__endswith=str(report.run))
    call_command("undo_run", str(undo.id), stdout=out)
    assert Film.objects.count() == 4
    again = io.StringIO()
    call_command("undo_run", report.run, stdout=again)  # allowed; the rows changed since
    assert "3 left as they are" in again.getvalue()


@pytest.mark.django_db
def test_restore_a_version_as_a_new_change_and_a_deleted_row_with_its_uuid():
    film = Film.objects.create(title="Heat", grade="B")
    film.grade = "A"
    film.title = "Heat (1995)"
    film.save()
    first = Change.objects.filter(row_uuid=film.uuid).order_by("id").first()
    restored = restore_version(first)
    assert (restored.pk, restored.title, restored.grade) == (film.pk, "Heat", "B")
    assert Change.objects.filter(row_uuid=film.uuid).count() == 3
    uuid_before = film.uuid
    Film.objects.filter(pk=film.pk).update(legacy_id=7, legacy_data={"id": 7})
    Film.objects.filter(pk=film.pk).delete()
    (deleted,) = recently_deleted(Film)
    back = restore_version(deleted)
    assert (back.uuid, back.title) == (uuid_before, "Heat")
    assert (back.legacy_id, back.legacy_data) == (7, {"id": 7})
    assert recently_deleted(Film) == []


@pytest.mark.django_db
def test_prune_history():
    Film.objects.create(title="Old")
    Change.objects.update(changed_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    Film.objects.create(title="New")
    out = io.StringIO()
    call_command("prune_history", "--older-than", "365d", stdout=out)
    assert "1 changes before" in out.getvalue()
    assert Change.objects.count() == 1
    with pytest.raises(CommandError, match="365d"):
        call_command("prune_history", "--older-than", "a year")
