"""Every change to a film or book is recorded by the database, whichever way it came, with
who made it and in which run; on SQLite and on PostgreSQL alike."""

import pytest
from django.db import connection
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from books.models import Book
from catalog_site.history.context import acting
from catalog_site.history.models import Change, Run
from films.models import Film

from .conftest import call_json
from .test_import_file import DIARY, LETTERBOXD, write_csv
from .test_merge import add

pytestmark = pytest.mark.django_db


def changes(database=None, **filters):
    objects = Change.objects.using(database.alias) if database else Change.objects
    return list(objects.filter(**filters).order_by("id"))


def test_saves_record_the_row_before_and_after():
    film = Film.objects.create(title="Heat", grade="B")
    film.grade = "A"
    film.save()
    film.save()  # nothing changed: nothing recorded
    uuid = film.uuid
    film.delete()
    insert, update, delete = changes(row_uuid=uuid)
    assert (insert.action, insert.old, insert.new["title"]) == ("insert", None, "Heat")
    assert update.action == "update"
    assert update.changed_fields()["grade"] == ("B", "A")
    assert set(update.changed_fields()) == {"grade", "score", "fingerprint", "updated_at"}
    assert (delete.action, delete.old["grade"], delete.new) == ("delete", "A", None)
    assert insert.table_name == "films_film"


def test_bulk_writes_and_raw_sql_are_recorded_too():
    Book.objects.bulk_create([Book(title="One"), Book(title="Two")])
    Book.objects.update(format="Kindle")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE books_book SET pages = 300 WHERE title = 'One'")
    assert [c.action for c in changes(table_name="books_book")] == [
        "insert", "insert", "update", "update", "update",
    ]  # fmt: skip
    raw = changes(table_name="books_book")[-1]
    assert raw.changed_fields() == {"pages": (None, 300)}
    assert raw.actor == ""


def test_acting_names_who_changed_and_ends_with_its_block():
    with acting("admin:alice"):
        film = Film.objects.create(title="Alien")
    film.location = "Home"
    film.save()
    first, second = changes(row_uuid=film.uuid)
    assert (first.actor, second.actor) == ("admin:alice", "")


def test_an_admin_edit_is_the_signed_in_users(film_editor):
    film = Film.objects.create(title="Heat")
    client = Client()
    client.force_login(film_editor)
    page = client.get(f"/films/admin/films/film/{film.pk}/change/")
    form = {**page.context["adminform"].form.initial, "title": "Heat (1995)", "grade": "A"}
    form = {k: ("" if v is None else v) for k, v in form.items()}
    response = client.post(f"/films/admin/films/film/{film.pk}/change/", form)
    assert response.status_code == 302, response.content
    last = changes(row_uuid=film.uuid)[-1]
    assert last.actor == "admin:film-editor"
    assert last.changed_fields()["title"] == ("Heat", "Heat (1995)")


def test_api_writes_with_a_token_are_the_token_users(film_editor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=film_editor).key}")
    created = client.post("/api/films?fetch=false", {"title": "Ran"}, format="json").json()
    client.patch(f"/api/films/{created['id']}", {"letter_rating": "A+"}, format="json")
    client.delete(f"/api/films/{created['id']}")
    recorded = changes(row_uuid=created["uuid"])
    assert [(c.action, c.actor) for c in recorded] == [
        ("insert", "api:film-editor"),
        ("update", "api:film-editor"),
        ("delete", "api:film-editor"),
    ]


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, make_catalog):
    return make_catalog(request.param)


def test_a_sync_records_its_inserts_and_updates_in_the_target_only(make_catalog, target):
    laptop = make_catalog("sqlite")
    row = add(laptop, title="New")
    report = call_json("sync_to_postgres", "--source", laptop.spec, "--target", target.spec,
                       "--no-backup")  # fmt: skip
    (inserted,) = changes(target, row_uuid=row.uuid)
    assert (inserted.action, inserted.actor, str(inserted.run)) == (
        "insert", "sync_to_postgres", report["run"],
    )  # fmt: skip
    assert len(changes(laptop)) == 1  # the laptop's own insert, made by the test


def test_a_file_import_records_its_changes_under_its_run(target, tmp_path):
    path = write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY)
    report = call_json("import_file", str(path), "--target", target.spec, "--no-backup")
    run = Run.objects.using(target.alias).get()
    recorded = changes(target)
    assert len(recorded) == 3
    assert {(c.run, c.actor) for c in recorded} == {(run.id, "import_file")}
    assert str(run.id) == report["run"]


def test_recently_deleted_rows_are_restored_with_their_uuid_from_the_admin(film_editor):
    film = Film.objects.create(title="Ran", grade="A")
    uuid = film.uuid
    film.delete()
    client = Client()
    client.force_login(film_editor)
    page = client.get("/films/admin/films/film/deleted/")
    assert "Ran" in page.content.decode()
    (row,) = page.context["rows"]
    confirm = client.get(row["restore"])
    assert "Restore this deleted film" in " ".join(confirm.content.decode().split())
    assert Film.objects.count() == 0  # asking changes nothing
    client.post(row["restore"])
    restored = Film.objects.get()
    assert (restored.uuid, restored.title, restored.grade) == (uuid, "Ran", "A")
    assert client.get("/films/admin/films/film/deleted/").context["rows"] == []


def test_restoring_needs_the_change_permission(make_staff):
    film = Film.objects.create(title="Ran")
    film.title = "Ran (1985)"
    film.save()
    viewer = Client()
    viewer.force_login(make_staff("viewer", "films.view_film"))
    history = viewer.get(f"/films/admin/films/film/{film.pk}/history/")
    assert history.status_code == 200
    assert "Restore this version" not in history.content.decode()
    first = changes(row_uuid=film.uuid)[0]
    assert viewer.post(f"/films/admin/films/film/restore/{first.id}/").status_code == 403
    assert Film.objects.get().title == "Ran (1985)"
