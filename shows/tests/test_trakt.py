"""Trakt's export into the catalog: shows to shows, movies to films (found through the
registry), one row per show however many files name it, ratings of seasons and episodes and
the files that are not watches skipped by a rule, and nothing changed by a second import.
The sample files (tests/files/) are written here in the shapes of Trakt's API; each test that
imports runs on SQLite and on PostgreSQL unless it says otherwise."""

import io
import json
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from django.test import Client

from catalog_site.catalog import registry
from catalog_site.files import formats
from catalog_site.files.base import FileProblem
from catalog_site.files.opened import OpenedFile
from catalog_site.files.runner import import_file
from catalog_site.sync.base import MergeOptions
from catalog_site.tests.test_import_file import run
from catalog_site.tests.test_merge import add
from shows import trakt
from shows.models import Show

FILES = Path(__file__).parent / "files"
FOUR = ["watched-shows.json", "ratings-shows.json", "watched-movies.json", "ratings-movies.json"]
NOT_WATCHES = ["ratings-seasons.json", "ratings-episodes.json", "watched-history-1.json",
               "lists-watchlist.json"]  # fmt: skip
MB = 2**20


@pytest.fixture(params=["sqlite", "postgresql"])
def catalog(request, make_catalog):
    return make_catalog(request.param)


def film_model():
    return registry.catalog("films").model


def sample(name):
    return json.loads((FILES / name).read_text(encoding="utf-8"))


def write_json(path, rows):
    path.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return path


def trakt_zip(path, names=FOUR, folder="", members=None):
    """A ZIP as Trakt's export: the sample files named, in `folder`, and other members."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(FILES / name, f"{folder}{name}")
        for name, content in (members or {}).items():
            archive.writestr(f"{folder}{name}", content)
    return path


def counts(report):
    """{model: {outcome: count}} without zeros."""
    return {
        model["model"]: {name: value for name, value in model["counts"].items() if value}
        for model in report["models"]
    }


def accounted(report):
    """The file's row outcomes without zeros, after checking they add up to its rows."""
    found = report["file"]
    assert sum(found["outcomes"].values()) == found["rows"]
    return {name: count for name, count in found["outcomes"].items() if count}


def rated(title, rating, *, year=2008, ids=None, rated_at="2020-01-01T10:00:00.000Z"):
    """An element of ratings-shows.json."""
    ids = {"trakt": 1, "slug": "x", "tvdb": None, "imdb": "tt0903747", "tmdb": 1396,
           **(ids or {})}  # fmt: skip
    return {"rated_at": rated_at, "rating": rating, "type": "show",
            "show": {"title": title, "year": year, "ids": ids}}  # fmt: skip


def test_a_trakt_zip_puts_shows_in_shows_and_movies_in_films(catalog, tmp_path):
    report = run(catalog, trakt_zip(tmp_path / "trakt.zip"))
    assert report["file"]["format"] == "trakt"
    assert counts(report) == {"shows.show": {"inserted": 3}, "films.film": {"inserted": 2}}
    shows = {show.title: show for show in catalog.objects(Show)}
    bad = shows["Breaking Bad"]
    assert (bad.start_year, bad.grade, bad.date_text) == (2008, "A+", "2014-10-11")
    assert (bad.imdb_id, bad.tmdb_id, bad.trakt_id) == ("tt0903747", 1396, 1)
    # Rated, never watched: the date rated is not a date watched.
    thrones = shows["Game of Thrones"]
    assert (thrones.grade, thrones.date_text, thrones.trakt_id) == ("B+", "", 1390)
    # Watched, never rated.
    assert (shows["Severance"].grade, shows["Severance"].date_text) == ("", "2023-02-19")
    films = {film.title: film for film in catalog.objects(film_model())}
    batman = films["Batman Begins"]
    assert (batman.release_year, batman.grade, batman.date_text) == (2005, "A", "2015-05-05")
    assert (batman.imdb_id, batman.tmdb_id) == ("tt0372784", 272)
    assert (films["The Dark Knight"].grade, films["The Dark Knight"].date_text) == (
        "", "2016-01-02",
    )  # fmt: skip


def test_a_show_watched_and_rated_is_one_row_with_the_date_and_the_grade(catalog, tmp_path):
    watched = sample("watched-shows.json")[:1]
    ratings = sample("ratings-shows.json")[:1]
    path = trakt_zip(
        tmp_path / "trakt.zip",
        names=[],
        members={
            "watched-shows.json": json.dumps(watched),
            "ratings-shows.json": json.dumps(ratings),
        },
    )
    report = run(catalog, path)
    assert counts(report)["shows.show"] == {"inserted": 1}
    assert accounted(report) == {"added": 2}  # both rows of the file are the one show
    show = catalog.objects(Show).get()
    assert (show.title, show.grade, show.date_text) == ("Breaking Bad", "A+", "2014-10-11")
    # Dated by the later of its records: the rating, made after the last watch.
    assert show.updated_at.isoformat() == "2014-11-01T09:10:11+00:00"


def test_importing_the_same_export_again_changes_nothing(catalog, tmp_path):
    path = trakt_zip(tmp_path / "trakt.zip", names=FOUR + NOT_WATCHES)
    run(catalog, path)
    before = catalog.dump(Show), catalog.dump(film_model())
    again = run(catalog, path)
    assert counts(again) == {"shows.show": {"unchanged": 3}, "films.film": {"unchanged": 2}}
    assert (catalog.dump(Show), catalog.dump(film_model())) == before
    # One file of it alone, too.
    alone = run(catalog, FILES / "ratings-shows.json")
    assert counts(alone)["shows.show"] == {"unchanged": 2, "preserved": 1}


def test_a_show_already_in_the_catalog_is_matched_and_keeps_its_title(catalog, tmp_path):
    mine = add(catalog, Show, title="Breaking Bad (US)", start_year=2008, imdb_id="tt0903747",
               notes="Mine")  # fmt: skip
    report = run(catalog, trakt_zip(tmp_path / "trakt.zip", names=FOUR[:2]))
    assert counts(report)["shows.show"] == {"inserted": 2, "updated": 1}
    show = catalog.objects(Show).get(uuid=mine.uuid)
    assert (show.title, show.notes, show.grade) == ("Breaking Bad (US)", "Mine", "A+")
    assert (show.trakt_id, show.tmdb_id, show.date_text) == (1, 1396, "2014-10-11")
    # The Trakt id it now holds finds it next time, though nothing else would: its IMDb id
    # (filled again) and its year are no longer the file's.
    catalog.objects(Show).filter(uuid=mine.uuid).update(imdb_id="", start_year=2009)
    again = run(catalog, tmp_path / "trakt.zip")
    assert counts(again)["shows.show"] == {"updated": 1, "unchanged": 2}
    assert catalog.objects(Show).get(trakt_id=1).uuid == mine.uuid


def test_a_later_rating_updates_the_grade(catalog, tmp_path):
    run(catalog, FILES / "ratings-shows.json")
    later = [rated("Breaking Bad", 8, rated_at="2024-06-01T10:00:00.000Z")]
    report = run(catalog, write_json(tmp_path / "ratings-shows.json", later))
    assert counts(report)["shows.show"] == {"updated": 1, "preserved": 1}
    assert catalog.objects(Show).get(trakt_id=1).grade == "A-"


def test_a_trakt_json_file_alone_is_recognised_as_trakt_not_as_a_catalog_export(catalog):
    report = run(catalog, FILES / "watched-movies.json")
    assert report["file"]["format"] == "trakt"
    assert counts(report)["films.film"] == {"inserted": 2}


@pytest.mark.parametrize(
    ("content", "format_name"),
    [
        (json.dumps(sample("ratings-shows.json")), "trakt"),
        (json.dumps(sample("ratings-episodes.json")), "trakt"),
        ('\ufeff[{"plays": 1, "movie": {"title": "Heat", "ids": {"trakt": 5}}}]', "trakt"),
        ('[{"model": "films.film", "pk": 1, "fields": {"title": "Heat"}}]', "catalog-json"),
        ('[{"show": {"title": "No ids"}}]', "catalog-json"),
        ('{"format": "catalog", "version": 1, "films": []}', "catalog-json"),
        ("[]", "catalog-json"),
    ],
)
def test_recognising_a_json_file_by_its_shape(tmp_path, content, format_name):
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    with OpenedFile(path) as opened:
        assert formats.recognise(opened).name == format_name


@pytest.mark.parametrize("folder", ["", "trakt-export-owner/", "a/b/"])
def test_a_zip_is_recognised_by_its_files_in_any_folder(tmp_path, folder):
    path = trakt_zip(tmp_path / "export.zip", names=FOUR[3:], folder=folder,
                     members={"user-profile.json": "{}"})  # fmt: skip
    with OpenedFile(path) as opened:
        assert formats.recognise(opened).name == "trakt"


def test_ratings_of_seasons_and_episodes_and_files_not_watches_are_skipped_by_rules(
    catalog, tmp_path
):
    members = {"user-profile.json": '{"username": "owner"}', "collection-movies-1.json": "[{}]"}
    path = trakt_zip(tmp_path / "trakt.zip", names=FOUR[:1] + NOT_WATCHES, members=members)
    report = run(catalog, path)
    assert accounted(report) == {"added": 2, "skipped": 7}
    assert {rule["rule"]: rule["rows"] for rule in report["file"]["skipped"]} == {
        trakt.SEASONS: 1,
        trakt.EPISODES: 2,
        trakt.HISTORY: 2,
        trakt.LISTED: 1,
        trakt.COLLECTED: 1,
    }
    assert catalog.objects(Show).count() == 2  # the watched shows only
    # A file of them given alone is skipped by the same rule.
    alone = run(catalog, FILES / "ratings-episodes.json")
    assert accounted(alone) == {"skipped": 2}
    assert alone["file"]["skipped"] == [{"rule": trakt.EPISODES, "rows": 2}]


def test_movies_are_skipped_by_a_rule_when_no_films_catalog_is_installed(
    make_catalog, tmp_path, monkeypatch
):
    catalog = make_catalog("sqlite")
    monkeypatch.setattr(trakt, "films_model", lambda: None)
    assert trakt.Trakt().models() == [Show]
    result = import_file(trakt_zip(tmp_path / "trakt.zip"), catalog.alias)
    assert result.file["outcomes"]["added"] == 4
    assert result.file["skipped"] == [{"rule": trakt.NO_FILMS, "rows": 3}]
    assert [model.model for model in result.report.models] == ["shows.show"]
    assert not catalog.objects(film_model()).exists()


def test_rows_with_bad_values_are_not_understood_or_imported_without_the_value(catalog, tmp_path):
    rows = [
        rated("Fine", 9, ids={"trakt": 10, "imdb": "tt0000010"}),
        rated("Off the scale", 11, ids={"trakt": 11, "imdb": "tt0000011"}),
        rated("", 8, ids={"trakt": 12, "imdb": "tt0000012"}),
        rated({"a": 1}, 8, ids={"trakt": 13, "imdb": "tt0000013"}),
        {**rated("Bad time", 8, ids={"trakt": 14, "imdb": "tt0000014"}), "rated_at": "yesterday"},
        rated("Odd year", 8, year="2008a", ids={"trakt": 15, "imdb": "tt0000015"}),
        rated("Old year", 8, year=1800, ids={"trakt": 16, "imdb": "tt0000016"}),
        rated("Odd IMDb id", 8, ids={"trakt": 17, "imdb": "nm0000017"}),
        rated("Odd Trakt id", 8, ids={"trakt": "x", "imdb": "tt0000018"}),
        5,
        {"rated_at": "2020-01-01T10:00:00Z", "rating": 8, "type": "person", "person": {}},
    ]
    path = write_json(tmp_path / "ratings-shows.json", rows)
    report = run(catalog, path, "--not-imported", tmp_path / "not-imported.csv")
    assert accounted(report) == {"added": 5, "not_understood": 6}
    assert [(p["line"], p["reason"]) for p in report["file"]["not_understood"]] == [
        (2, "rating 11 is not on the points scale"),
        (3, "no show title"),
        (4, "no show title"),
        (5, "rated_at 'yesterday' is not a time as Trakt writes it (2014-10-11T17:00:54.000Z)"),
        (10, "not an object, as Trakt writes each row"),
        (11, "type 'person' is not a show, movie, season or episode"),
    ]
    assert [value["note"] for value in report["file"]["values_not_kept"]] == [
        "first aired '2008a' not kept: not a whole number",
        "first aired 1800 not kept: Ensure this value is greater than or equal to 1928.",
        "IMDb id 'nm0000017' not kept: An IMDb id is tt followed by 7 to 10 digits.",
        "Trakt id 'x' not kept: not a whole number",
    ]
    shows = {show.title: show for show in catalog.objects(Show)}
    assert set(shows) == {"Fine", "Odd year", "Old year", "Odd IMDb id", "Odd Trakt id"}
    assert shows["Odd year"].start_year is None
    assert (shows["Odd IMDb id"].imdb_id, shows["Odd IMDb id"].trakt_id) == ("", 17)
    assert (shows["Odd Trakt id"].trakt_id, shows["Odd Trakt id"].imdb_id) == (None, "tt0000018")
    written = (tmp_path / "not-imported.csv").read_text(encoding="utf-8")
    assert "Off the scale" in written
    assert "rating 11 is not on the points scale" in written
    # Imported again, the rows left out with a note are found as they were.
    assert counts(run(catalog, path))["shows.show"] == {"unchanged": 5}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("watched-shows.json", '[{"plays": 1, "show": {"title": "Cut", "ids": {"trakt": 1}}}, {"pl',
         "watched-shows.json is cut off or is not JSON"),
        ("watched-shows.json", '[{"plays": 1, "show": {"title": "X", "ids": {"trakt": 1}}}] x',
         "watched-shows.json is cut off or is not JSON"),
        ("watched-shows.json", '[{"plays": 1, "show": {"title": "X", "ids": {"trakt": 1' +
         "1" * 60 + "}}}]", "watched-shows.json holds a number too long to be Trakt's."),
        ("watched-shows.json", '{"type": "full", "username": "owner", "watched": []}',
         "watched-shows.json is not a list of shows or films, as Trakt's files are."),
        ("watched-shows.json", '[{"plays": 1, "show": ' + "[" * 20 + "]" * 20 + "}]",
         "watched-shows.json nests its JSON too deeply to be Trakt's export."),
        ("watched-shows.json", b'[{"plays": 1, "show": {"title": "\xff"}}]',
         r"watched-shows.json is cut off or is not JSON \(lexical error: invalid bytes in UTF8 "
         r"string.\); export it from Trakt again."),
    ],
)  # fmt: skip
def test_a_damaged_json_file_is_refused_with_a_sentence_and_nothing_written(
    catalog, tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CommandError, match=message):
        run(catalog, path, "--format", "trakt")
    assert not catalog.objects(Show).exists()


def test_a_cut_off_file_in_the_zip_is_refused_naming_it_and_nothing_written(catalog, tmp_path):
    text = (FILES / "watched-movies.json").read_text(encoding="utf-8")
    path = trakt_zip(tmp_path / "trakt.zip", names=FOUR[:2],
                     members={"watched-movies.json": text[: len(text) // 2]})  # fmt: skip
    with pytest.raises(CommandError, match="watched-movies.json in trakt.zip is cut off"):
        run(catalog, path)
    assert not catalog.objects(Show).exists()
    assert not catalog.objects(film_model()).exists()


def test_a_zip_without_trakt_files_is_refused_when_named_trakt(make_catalog, tmp_path):
    catalog = make_catalog("sqlite")
    path = trakt_zip(tmp_path / "other.zip", names=[], members={"user-profile.json": "{}"})
    with pytest.raises(CommandError, match="holds none of watched-shows.json"):
        run(catalog, path, "--format", "trakt")


@pytest.mark.parametrize("name", ["watched-shows.json", "trakt.zip"])
def test_an_export_cut_anywhere_is_read_or_refused(make_catalog, tmp_path, name):
    catalog = make_catalog("sqlite")
    whole = trakt_zip(tmp_path / "whole.zip", names=FOUR + NOT_WATCHES).read_bytes()
    data = whole if name.endswith(".zip") else (FILES / name).read_bytes()
    path = tmp_path / name
    for cut in range(1, len(data), max(1, len(data) // 40)):
        path.write_bytes(data[:cut])
        dry_run(catalog, path)
    assert not catalog.objects(Show).exists()


def dry_run(catalog, path):
    """The import's dry run: its file notes, or None when the file is refused."""
    try:
        result = import_file(path, catalog.alias, merge=MergeOptions(dry_run=True))
    except FileProblem as problem:
        return None if str(problem) else pytest.fail("a refusal without a sentence")
    assert sum(result.file["outcomes"].values()) == result.file["rows"]
    return result.file


def test_a_file_of_more_rows_than_the_limit_is_refused(make_catalog, tmp_path, settings):
    catalog = make_catalog("sqlite")
    settings.IMPORT_MAX_ROWS = 3
    path = trakt_zip(tmp_path / "trakt.zip")  # 7 rows
    with pytest.raises(CommandError, match="holds more than 3 rows"):
        run(catalog, path)


def test_a_show_of_many_episodes_is_read_in_memory_that_does_not_grow_with_them(
    make_catalog, tmp_path
):
    catalog = make_catalog("sqlite")
    at = "2020-01-01T20:00:00.000Z"
    episodes = [{"number": n, "plays": 1, "last_watched_at": at} for n in range(1, 1001)]
    season = json.dumps({"number": 1, "episodes": episodes})
    show = json.dumps({**sample("watched-shows.json")[0], "seasons": "SEASONS"})
    path = tmp_path / "watched-shows.json"
    seasons = "[" + ",".join([season] * 150) + "]"
    path.write_text("[" + show.replace('"SEASONS"', seasons) + "]", encoding="utf-8")
    assert path.stat().st_size > 10 * MB
    tracemalloc.start()
    try:
        result = import_file(path, catalog.alias, merge=MergeOptions(dry_run=True))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.file["outcomes"]["added"] == 1
    assert peak < 4 * MB


def test_a_dry_run_writes_nothing(catalog, tmp_path):
    report = run(catalog, trakt_zip(tmp_path / "trakt.zip"), "--dry-run")
    assert report["dry_run"] is True
    assert counts(report) == {"shows.show": {"inserted": 3}, "films.film": {"inserted": 2}}
    assert not catalog.objects(Show).exists()
    assert not catalog.objects(film_model()).exists()


@pytest.mark.django_db(transaction=True)
def test_the_shows_admin_previews_and_imports_the_shows_of_a_trakt_zip(show_editor, tmp_path):
    client = Client()
    client.force_login(show_editor)
    upload = io.BytesIO(trakt_zip(tmp_path / "trakt.zip").read_bytes())
    upload.name = "trakt.zip"
    preview = client.post("/shows/admin/shows/show/import/", {"file": upload})
    assert preview.status_code == 200
    assert "token" in preview.context, preview.context.get("error")
    assert preview.context["model"].inserted == 3
    assert preview.context["skipped"] == [{"rule": "films: imported in the films admin", "rows": 3}]
    assert not Show.objects.exists()
    done = client.post("/shows/admin/shows/show/import/", {"token": preview.context["token"]})
    assert done.status_code == 200
    assert "Imported trakt.zip: 3 added" in done.content.decode()
    assert Show.objects.get(trakt_id=1).grade == "A+"
    assert not film_model().objects.exists()


def test_a_backup_with_underscored_names_is_read_as_trakts_export(catalog, tmp_path):
    """Backup tools that save the same answers of Trakt's API write watched_shows.json."""
    path = tmp_path / "trakt-backup.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in FOUR:
            archive.write(FILES / name, name.replace("-", "_"))
    with OpenedFile(path) as opened:
        assert formats.recognise(opened).name == "trakt"
    report = run(catalog, path)
    assert set(counts(report)) == {"shows.show", "films.film"}
    assert catalog.objects(Show).count() == 3  # watched or rated, as with Trakt's own names
