"""IMDb's ratings export: its TV series and mini-series go to shows, its films to films, in
one import; from each admin, only that catalog's rows."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from films.imdb import HEADERS as IMDB
from shows.models import Show

ROWS = [
    ["tt0068646", "10", "2020-02-02", "The Godfather", "The Godfather", "", "Movie", "9.2",
     "175", "1972", "Crime, Drama", "2000000", "1972-03-24", "Francis Ford Coppola"],
    ["tt0903747", "10", "2021-03-04", "Breaking Bad", "Breaking Bad", "", "TV Series", "9.5",
     "49", "2008", "Crime, Drama, Thriller", "2300000", "2008-01-20", ""],
    ["tt7366338", "9", "2019-06-30", "Chernobyl", "Chernobyl", "", "TV Mini Series", "9,3",
     "330", "2019", "Drama, History", "900000", "2019-05-06", ""],
    ["tt0959621", "9", "2021-03-04", "Pilot", "Pilot", "", "TV Episode", "9.0", "58", "2008",
     "Drama", "40000", "2008-01-20", ""],
    ["tt0386676", "7", "2022-01-01", "The Office", "The Office", "", "Série télévisée",
     "12.5", "22", "2005", "Comedy", "700000", "2005-03-24", ""],
]  # fmt: skip


def write_csv(path, rows=ROWS):
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(IMDB)
        writer.writerows(rows)
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def catalog(request, make_catalog):
    return make_catalog(request.param)


def run(catalog, path, *args):
    out = io.StringIO()
    call_command("import_file", str(path), "--target", catalog.spec, "--json", "--no-backup",
                 *args, stdout=out)  # fmt: skip
    return json.loads(out.getvalue())


def counts(report, label):
    return next(m["counts"] for m in report["models"] if m["model"] == label)


def test_series_and_mini_series_become_shows_beside_the_films(catalog, tmp_path):
    path = write_csv(tmp_path / "ratings.csv")
    report = run(catalog, path)
    assert counts(report, "films.film")["inserted"] == 1
    assert counts(report, "shows.show")["inserted"] == 3
    skipped = {rule["rule"] for rule in report["file"]["skipped"]}
    assert skipped == {"TV episodes: not films"}
    assert report["file"]["not_understood"] == []
    shows = {show.imdb_id: show for show in catalog.objects(Show)}
    bad = shows["tt0903747"]
    assert (bad.title, bad.start_year, bad.grade, bad.imdb_rating) == ("Breaking Bad", 2008,
                                                                       "A+", 9.5)  # fmt: skip
    assert bad.genres == "Crime, Drama, Thriller"
    assert shows["tt7366338"].imdb_rating == 9.3
    assert shows["tt7366338"].grade == "A"
    # The Office's IMDb rating of 12.5 cannot be: the show is kept without it.
    assert (shows["tt0386676"].title, shows["tt0386676"].imdb_rating) == ("The Office", None)
    again = run(catalog, path)
    assert counts(again, "shows.show")["inserted"] == 0
    assert counts(again, "shows.show")["unchanged"] == 3


def test_a_show_already_in_the_catalog_is_matched_by_its_imdb_id(catalog, tmp_path):
    kept = catalog.objects(Show).create(title="Breaking Bad (US)", imdb_id="tt0903747")
    report = run(catalog, write_csv(tmp_path / "ratings.csv", ROWS[1:2]))
    assert counts(report, "shows.show")["inserted"] == 0
    row = catalog.objects(Show).get()
    assert (row.uuid, row.grade) == (kept.uuid, "A+")


@pytest.mark.django_db(transaction=True)
def test_each_admin_imports_its_own_rows_of_the_file(make_staff):
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([IMDB, *ROWS[:3]])
    films_editor = make_staff("f", "films.add_film", "films.change_film", "films.view_film")
    shows_editor = make_staff("s", "shows.add_show", "shows.change_show", "shows.view_show")
    for user, url, added in [
        (shows_editor, "/shows/admin/shows/show/import/", "2 added"),
        (films_editor, "/films/admin/films/film/import/", "1 added"),
    ]:
        client = Client()
        client.force_login(user)
        upload = io.BytesIO(text.getvalue().encode())
        upload.name = "ratings.csv"
        preview = client.post(url, {"file": upload})
        assert preview.status_code == 200
        html = preview.content.decode()
        assert "imported in the" in html  # the other catalog's rows, left out
        done = client.post(url, {"token": preview.context["token"]})
        assert added in done.content.decode()
    assert Show.objects.count() == 2
