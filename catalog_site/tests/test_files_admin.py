"""Importing a file and exporting the current selection from each catalog's admin."""

import csv
import io
import json

import pytest
from django.test import Client

from books.models import Book
from catalog_site.files.catalog import export_bytes
from films.models import Film

from .test_import_file import DIARY, GOODREADS, LETTERBOXD, goodreads_row

# The merge reads and writes through the site's own connection: committed data, as in use.
pytestmark = pytest.mark.django_db(transaction=True)


def csv_upload(name, headers, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    upload = io.BytesIO(out.getvalue().encode("utf-8"))
    upload.name = name
    return upload


@pytest.fixture
def editor(film_editor):
    client = Client()
    client.force_login(film_editor)
    return client


def test_the_changelist_offers_import_and_export(editor):
    page = editor.get("/films/admin/films/film/?q=god")
    html = page.content.decode()
    assert "/films/admin/films/film/import/" in html
    assert "/films/admin/films/film/export/csv/?q=god" in html


def test_upload_shows_what_would_change_then_confirm_imports(editor):
    Film.objects.create(title="Godfather, The", release_year=1972, grade="")
    preview = editor.post(
        "/films/admin/films/film/import/",
        {"file": csv_upload("diary.csv", LETTERBOXD, [*DIARY, [*DIARY[2][:4], "9", "", "", ""]])},
    )
    assert preview.status_code == 200
    report = preview.context["report"]
    assert (report["films.film"].inserted, report["films.film"].updated) == (2, 1)
    assert "rating 9 is not on the stars scale" in preview.content.decode()
    assert Film.objects.count() == 1  # nothing written yet
    done = editor.post("/films/admin/films/film/import/", {"token": preview.context["token"]})
    assert done.status_code == 302
    assert Film.objects.count() == 3
    assert Film.objects.get(release_year=1972).grade == "A"
    # The token is used up: posting it again imports nothing.
    again = editor.post("/films/admin/films/film/import/", {"token": preview.context["token"]})
    assert again.status_code == 302
    assert Film.objects.count() == 3


def test_a_file_of_the_other_catalog_is_refused_with_a_message(editor):
    rows = [goodreads_row("1", "Moneyball", "Lewis, Michael")]
    page = editor.post(
        "/films/admin/films/film/import/",
        {"file": csv_upload("goodreads_library_export.csv", GOODREADS, rows),
         "format": "goodreads"},
    )  # fmt: skip
    assert "not films" in page.context["error"]
    assert not Book.objects.exists()


def test_a_file_it_does_not_know_is_refused_with_a_message(editor):
    page = editor.post(
        "/films/admin/films/film/import/",
        {"file": csv_upload("notes.csv", ["Name", "Colour"], [["a", "b"]])},
    )
    assert "not an export this importer knows" in page.context["error"]


def test_import_needs_the_add_and_change_permissions(make_staff):
    reader = Client()
    reader.force_login(make_staff("reader", "films.view_film"))
    assert reader.get("/films/admin/films/film/import/").status_code == 403


def test_export_is_the_current_selection(editor):
    for title in ["Alien", "Aliens", "Heat"]:
        Film.objects.create(title=title)
    response = editor.get("/films/admin/films/film/export/json/?q=alien")
    assert response["Content-Disposition"].startswith('attachment; filename="films-')
    titles = sorted(row["title"] for row in json.loads(response.content)["films"])
    assert titles == ["Alien", "Aliens"]
    rows = list(
        csv.DictReader(
            io.StringIO(editor.get("/films/admin/films/film/export/csv/").content.decode())
        )
    )
    assert sorted(row["title"] for row in rows) == ["Alien", "Aliens", "Heat"]


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_a_catalog_export_without_rows_of_this_catalog_is_refused_with_a_message(editor, kind):
    """Only books in it: in the films admin, a sentence, not an empty preview that fails on
    confirm."""
    Book.objects.create(title="Moneyball")
    upload = io.BytesIO(export_bytes(kind, {"books": Book.objects.all()}))
    upload.name = f"catalog.{kind}"
    Book.objects.all().delete()
    page = editor.post("/films/admin/films/film/import/", {"file": upload})
    assert page.status_code == 200
    assert f"catalog.{kind} holds no films." in page.content.decode()
    assert "token" not in page.context
