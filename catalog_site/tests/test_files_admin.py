"""Importing a file and exporting the current selection from each catalog's admin."""

import codecs
import csv
import datetime
import io
import json

import pytest
from django.test import Client

from books.models import Book
from catalog_site.files.catalog import export_bytes
from catalog_site.files.runner import import_file
from catalog_site.history.models import Run
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
    assert done.status_code == 200
    assert "Imported diary.csv: 2 added, 1 updated" in done.content.decode()
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
            io.StringIO(
                editor.get("/films/admin/films/film/export/csv/").content.decode("utf-8-sig")
            )
        )
    )
    assert sorted(row["title"] for row in rows) == ["Alien", "Aliens", "Heat"]


def test_the_csv_export_is_for_a_spreadsheet_and_imports_back_exactly(editor, tmp_path):
    """A BOM (Excel then reads "Amélie" as UTF-8), rows in the list's order, the columns a
    person reads first and the identity last; and the importer takes it back exactly."""
    Film.objects.create(title="Amélie", release_year=2001, grade="A", date_text="2002-03-04")
    Film.objects.create(title="=HYPERLINK(1)", release_year=1999, grade="B")
    Film.objects.create(title="Zodiac", release_year=2007, grade="A-", location="Home")
    response = editor.get("/films/admin/films/film/export/csv/?o=-3")  # newest first
    body = response.content
    assert body.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:4] == ["title", "release_year", "grade", "date_text"]
    assert header[-4:] == ["catalog", "uuid", "created_at", "updated_at"]
    assert [row[0] for row in rows[1:]] == ["Zodiac", "Amélie", "'=HYPERLINK(1)"]
    before = {f.uuid: (f.title, f.grade, f.date_text, f.updated_at) for f in Film.objects.all()}
    Film.objects.all().delete()
    path = tmp_path / "films.csv"
    path.write_bytes(body)
    result = import_file(path, "default")
    assert result.file["outcomes"]["added"] == 3
    after = {f.uuid: (f.title, f.grade, f.date_text, f.updated_at) for f in Film.objects.all()}
    assert after == before


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


def letterboxd_rows(count):
    return [
        [f"2021-01-{1 + n % 28:02}", f"Film {n:03}", str(1950 + n), f"https://boxd.in/f{n}",
         "4", "", "", f"2021-01-{1 + n % 28:02}"]
        for n in range(count)
    ]  # fmt: skip


def preview(client, upload, path="/films/admin/films/film/import/", **fields):
    page = client.post(path, {"file": upload, **fields})
    assert page.status_code == 200, page.content
    assert "token" in page.context, page.context.get("error")
    return page


def test_the_preview_names_the_rows_it_adds_and_updates_the_first_50(editor):
    Film.objects.create(title="Godfather, The", release_year=1972, grade="")
    rows = [*letterboxd_rows(60), DIARY[1], [*DIARY[2][:4], "9", "", "", ""]]
    page = preview(editor, csv_upload("diary.csv", LETTERBOXD, rows))
    html = page.content.decode()
    assert [change["description"] for change in page.context["added"]][:2] == [
        "Film 000 (1950)",
        "Film 001 (1951)",
    ]
    assert len(page.context["added"]) == 50
    assert "and 10 more" in html
    (updated,) = page.context["updated"]
    assert updated["description"] == "The Godfather (1972)"
    assert ("grade", "", "A") in updated["fields"]
    assert "<strong>grade</strong>: — → A" in html
    assert "62 rows</strong> in diary.csv: 60 added, 1 updated, 0 unchanged, 0 kept, " \
        "0 skipped, 1 not understood." in html  # fmt: skip
    assert "rating 9 is not on the stars scale" in html
    assert Film.objects.count() == 1


def test_the_preview_lists_the_rows_not_understood_the_first_50(editor):
    rows = [[*DIARY[0][:4], "9", "", "", ""] for _ in range(55)]
    page = preview(editor, csv_upload("diary.csv", LETTERBOXD, rows))
    assert len(page.context["not_understood"]) == 50
    assert page.context["not_understood_more"] == 5
    assert "and 5 more" in page.content.decode()


def test_the_preview_says_how_an_unusual_table_was_read(editor):
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([LETTERBOXD, DIARY[0]])
    upload = io.BytesIO(out.getvalue().encode("utf-8"))
    upload.name = "diary.csv"
    page = preview(editor, upload)
    assert "separated by semicolons" in page.content.decode()


def test_the_preview_lists_the_rules_that_skip_rows(book_editor):
    client = Client()
    client.force_login(book_editor)
    rows = [
        goodreads_row("1", "Moneyball", "Lewis, Michael"),
        goodreads_row("2", "Dune", "Herbert, Frank", shelf="to-read"),
        goodreads_row("3", "Emma", "Austen, Jane", shelf="to-read"),
    ]
    page = preview(
        client,
        csv_upload("goodreads_library_export.csv", GOODREADS, rows),
        "/books/admin/books/book/import/",
    )
    (rule,) = page.context["skipped"]
    assert rule["rows"] == 2
    html = page.content.decode()
    assert "Left out by a rule (2)" in html
    assert "3 rows</strong> in goodreads_library_export.csv: 1 added" in html
    assert page.context["added"][0]["description"] == "Moneyball by Michael Lewis"


def confirmed_with_a_bad_row(client):
    rows = [DIARY[0], [*DIARY[2][:4], "9", "", "", ""]]
    page = preview(client, csv_upload("diary.csv", LETTERBOXD, rows))
    return client.post("/films/admin/films/film/import/", {"token": page.context["token"]})


def test_the_rows_not_imported_can_be_downloaded_after_the_import(editor):
    done = confirmed_with_a_bad_row(editor)
    run = Run.objects.get(kind="import_file")
    link = f"/films/admin/films/film/import/not-imported/{run.id}/"
    assert link in done.content.decode()
    response = editor.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="films-not-imported-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [*LETTERBOXD, "Table", "Line", "Not imported because"],
        [*DIARY[2][:4], "9", "", "", "", "diary.csv", "3", "rating 9 is not on the stars scale"],
    ]


def test_only_who_may_import_downloads_the_rows_not_imported(editor, make_staff, book_editor):
    confirmed_with_a_bad_row(editor)
    link = f"/films/admin/films/film/import/not-imported/{Run.objects.get().id}/"
    reader = Client()
    reader.force_login(make_staff("reader", "films.view_film"))
    assert reader.get(link).status_code == 403
    anonymous = Client().get(link)
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]
    # Another catalog's admin does not hand out this catalog's rows.
    books = Client()
    books.force_login(book_editor)
    run_id = link.rstrip("/").rsplit("/", 1)[1]
    assert books.get(f"/books/admin/books/book/import/not-imported/{run_id}/").status_code == 404


def test_a_run_without_rows_not_imported_has_nothing_to_download(editor):
    page = preview(editor, csv_upload("diary.csv", LETTERBOXD, DIARY[:1]))
    done = editor.post("/films/admin/films/film/import/", {"token": page.context["token"]})
    assert "not-imported" not in done.content.decode()
    run = Run.objects.get()
    assert "not_understood" not in run.summary
    assert editor.get(f"/films/admin/films/film/import/not-imported/{run.id}/").status_code == 404


@pytest.fixture
def edited_here():
    """The Godfather, graded B in the catalog after the file's record of it (2023)."""
    film = Film.objects.create(title="The Godfather", release_year=1972, grade="B")
    Film.objects.filter(pk=film.pk).update(
        updated_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )
    return film


def test_without_letting_the_file_win_an_edit_made_here_is_kept(editor, edited_here):
    page = preview(editor, csv_upload("diary.csv", LETTERBOXD, DIARY[:2]))
    # The grade is kept; the dates seen, which the catalog did not have, are added.
    assert [conflict["field"] for conflict in page.context["kept"]] == ["grade"]
    assert "the catalog’s values are kept" in page.content.decode()
    assert "will be replaced" not in page.content.decode()
    editor.post("/films/admin/films/film/import/", {"token": page.context["token"]})
    edited_here.refresh_from_db()
    assert (edited_here.grade, edited_here.date_text) == ("B", "2023-03-01")


def test_letting_the_file_win_replaces_an_edit_made_here_and_the_preview_says_so(
    editor, edited_here
):
    page = preview(editor, csv_upload("diary.csv", LETTERBOXD, DIARY[:2]), prefer_source="1")
    assert page.context["report"]["films.film"].updated == 1
    (updated,) = page.context["updated"]
    assert updated["replaces_edit"]
    assert ("grade", "B", "A") in updated["fields"]
    html = page.content.decode()
    assert "“Let the file win” is on" in html
    assert "your edit will be replaced" in html
    assert [c["title"] for c in page.context["replaced"]] == ["The Godfather"]
    done = editor.post("/films/admin/films/film/import/", {"token": page.context["token"]})
    assert "1 updated" in done.content.decode()
    edited_here.refresh_from_db()
    assert edited_here.grade == "A"


def test_a_grade_changed_here_since_the_last_import_is_kept_and_named(book_editor):
    client = Client()
    client.force_login(book_editor)
    path = "/books/admin/books/book/import/"
    older = [goodreads_row("1", "Dune", "Herbert, Frank", rating="5", read="2019/03/14")]
    first = preview(client, csv_upload("goodreads_library_export.csv", GOODREADS, older), path)
    client.post(path, {"token": first.context["token"]})
    Book.objects.filter(title="Dune").update(grade="B")
    newer = [goodreads_row("1", "Dune", "Herbert, Frank", rating="4", read="2019/03/14")]
    page = preview(client, csv_upload("goodreads_library_export.csv", GOODREADS, newer), path)
    (kept,) = page.context["kept"]
    assert kept["field"] == "grade"
    assert "grade changed since the last goodreads import set it" in page.content.decode()


def test_the_preview_names_the_values_the_catalog_cannot_hold(editor):
    rows = [["2020-01-02", "The Ancient Film", "-600", "https://boxd.in/x", "4"]]
    page = preview(editor, csv_upload("ratings.csv", LETTERBOXD[:5], rows))
    (value,) = page.context["values_not_kept"]
    assert value["note"].startswith("release year -600 not kept")
    assert "Values the catalog cannot hold" in page.content.decode()


def test_an_upload_over_the_limit_is_not_stored_and_the_page_says_so(editor, settings):
    settings.IMPORT_MAX_BYTES = 4096
    big = csv_upload("diary.csv", LETTERBOXD, DIARY * 200)
    page = editor.post("/films/admin/films/film/import/", {"file": big})
    assert page.status_code == 200
    assert "diary.csv is over 4 KB, the most an import takes" in page.content.decode()
    assert "token" not in page.context
    assert not Film.objects.exists()


def test_an_upload_is_kept_privately_and_confirmed_only_as_it_was(editor):
    import os
    import stat
    from pathlib import Path

    page = preview(editor, csv_upload("diary.csv", LETTERBOXD, DIARY))
    kept = editor.session[f"catalog_import_{page.context['token']}"]
    stored = Path(kept["path"])
    assert stat.S_IMODE(os.stat(stored.parent).st_mode) == 0o700
    stored.write_bytes(stored.read_bytes().replace(b"The Godfather", b"The Other One"))
    done = editor.post("/films/admin/films/film/import/", {"token": page.context["token"]})
    assert done.status_code == 302
    assert not Film.objects.exists()
    assert not stored.parent.exists()


def test_uploads_not_confirmed_within_an_hour_are_removed(editor):
    import time
    from pathlib import Path

    from catalog_site.files import uploads

    page = preview(editor, csv_upload("diary.csv", LETTERBOXD, DIARY))
    folder = Path(editor.session[f"catalog_import_{page.context['token']}"]["path"]).parent
    uploads.remove_stale(now=time.time() + 60)
    assert folder.exists()
    uploads.remove_stale(now=time.time() + uploads.KEPT_SECONDS + 60)
    assert not folder.exists()
