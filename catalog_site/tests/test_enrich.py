"""`manage.py enrich` against local fakes of the providers. Look-ups run in threads with
connections of their own, so these tests commit for real (transactional)."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from books.models import Book
from catalog_site.history.models import Run
from catalog_site.providers.enrich import enrich
from films.models import Film

pytestmark = pytest.mark.django_db(transaction=True)

GODFATHER = {"id": 238, "title": "The Godfather", "release_date": "1972-03-14", "poster_path": None}
ROMA = {"id": 426426, "title": "Roma", "release_date": "2018-08-30", "poster_path": None}
ROME = {"id": 31000, "title": "Roma", "release_date": "1972-05-01", "poster_path": None}


def search(*results):
    return {"page": 1, "results": list(results), "total_pages": 1, "total_results": len(results)}


@pytest.fixture
def providers(fake_providers, provider_answer):
    fake = fake_providers
    for title, answer in [("The Godfather", search(GODFATHER)), ("Roma", search(ROMA, ROME))]:
        query = {"query": title, "include_adult": "false", "api_key": "v3-key"}
        fake.expect_request("/3/search/movie", query_string=query).respond_with_json(answer)
    fake.expect_request("/3/search/movie").respond_with_json(search())
    fake.expect_request("/3/movie/238").respond_with_json(provider_answer("tmdb_movie_238.json"))
    fake.expect_request("/omdb/").respond_with_json(provider_answer("omdb_tt0068646.json"))
    fake.expect_request("/books/v1/volumes").respond_with_json(
        provider_answer("google_books_isbn.json")
    )
    return fake


@pytest.fixture
def catalog():
    return {
        "godfather": Film.objects.create(title="Godfather, The", grade="A+"),
        "roma": Film.objects.create(title="Roma"),
        "nothing": Film.objects.create(title="Xyzzy"),
        "catcher": Book.objects.create(title="Catcher in the Rye, The", isbn="0316769487"),
    }


def requests(server):
    return [f"{request.path}?{request.query_string.decode()}" for request, _ in server.log]


def test_enrich_fills_the_blanks_and_reports(providers, catalog):
    report = enrich([Film, Book])
    films, books = report["films.film"], report["books.book"]
    assert (films.looked_up, films.rows_filled, films.unchanged) == (3, 1, 0)
    assert films.filled["length_minutes"] == 1
    assert films.filled["rotten_tomatoes"] == 1
    assert [row["entry"] for row in films.ambiguous] == ["Roma"]
    assert [row["entry"] for row in films.no_match] == ["Xyzzy"]
    assert (books.rows_filled, books.filled["pages"]) == (1, 1)
    godfather = Film.objects.get(pk=catalog["godfather"].pk)
    assert (godfather.length_minutes, godfather.rotten_tomatoes, godfather.grade) == (175, 97, "A+")
    assert Book.objects.get(pk=catalog["catcher"].pk).pages == 224


def test_a_second_run_sends_no_request_it_already_made(providers, catalog):
    enrich([Film, Book], dry_run=True)  # as if interrupted before writing
    asked = requests(providers)
    assert not Film.objects.filter(length_minutes__isnull=False).exists()  # a dry run
    report = enrich([Film, Book])
    assert requests(providers) == asked  # every answer came from the kept ones
    assert report["films.film"].rows_filled == 1
    again = enrich([Film, Book])
    assert again["films.film"].rows_filled == again["books.book"].rows_filled == 0
    assert requests(providers) == asked


def test_omdb_is_not_asked_again_once_its_quota_is_used(fake_providers, provider_answer):
    fake_providers.expect_request("/3/search/movie").respond_with_json(search(GODFATHER))
    fake_providers.expect_request("/3/movie/238").respond_with_json(
        provider_answer("tmdb_movie_238.json")
    )
    fake_providers.expect_request("/omdb/").respond_with_json(
        {"Response": "False", "Error": "Request limit reached!"}, status=401
    )
    for number in range(3):
        Film.objects.create(title="Godfather, The", date_text=f"200{number}")
    report = enrich([Film], workers=1)
    assert report.omdb_quota_reached
    assert sum(path.startswith("/omdb/") for path in requests(fake_providers)) == 1
    assert Film.objects.filter(length_minutes=175).count() == 3  # the rest still filled


def test_refresh_renews_where_to_watch_checked_long_ago(providers):
    old = timezone.now() - datetime.timedelta(days=45)
    stale = Film.objects.create(
        title="Godfather, The", tmdb_id=238, watch_providers={"flatrate": ["Gone"]},
        watch_providers_updated_at=old, genres="Crime",
    )  # fmt: skip
    fresh = Film.objects.create(
        title="Other", tmdb_id=238, watch_providers={"flatrate": ["Kept"]},
        watch_providers_updated_at=timezone.now(),
    )  # fmt: skip
    enrich([Film], refresh_older_than=datetime.timedelta(days=30))
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.watch_providers["flatrate"] == ["Paramount Plus"]
    assert stale.watch_providers_updated_at > old
    assert stale.genres == "Crime"  # only where to watch is renewed
    assert fresh.watch_providers == {"flatrate": ["Kept"]}


def test_the_command_prints_json_and_refuses_bad_options(providers, catalog):
    out = io.StringIO()
    call_command("enrich", "--only", "films", "--fields", "runtime,rt", "--json", stdout=out)
    report = json.loads(out.getvalue())
    [films] = report["models"]
    assert films["filled"] == {"length_minutes": 1, "rotten_tomatoes": 1}
    assert Film.objects.get(pk=catalog["godfather"].pk).genres == ""  # not asked for
    run = Run.objects.get()  # recorded with the writes
    assert (report["run"], run.kind) == (str(run.id), "enrich")
    assert run.summary["films.film"]["rows_filled"] == 1
    with pytest.raises(CommandError, match="No field 'colour' for films"):
        call_command("enrich", "--fields", "colour", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--older-than takes 30d"):
        call_command("enrich", "--refresh-providers", "--older-than", "soon")


def test_the_command_text_report(providers, catalog):
    out = io.StringIO()
    call_command("enrich", "--only", "films", stdout=out)
    text = out.getvalue()
    assert (
        "films.film: 3 looked up, 1 filled in, 0 unchanged, 1 without a match, 1 ambiguous" in text
    )
    assert "1 row with several matches: pick one in the admin" in text
    out = io.StringIO()
    call_command("enrich", "--only", "films", "-v", "2", stdout=out)
    assert "several matches: Roma (id " in out.getvalue()


def test_undoing_an_enrich_run_empties_what_it_filled(providers, catalog):
    report = enrich([Film, Book])
    out = io.StringIO()
    call_command("undo_run", report.run, "--json", stdout=out)
    undone = json.loads(out.getvalue())
    assert (undone["kind"], len(undone["restored"]), undone["conflicts"]) == ("enrich", 2, [])
    godfather = Film.objects.get(pk=catalog["godfather"].pk)
    assert (godfather.length_minutes, godfather.rotten_tomatoes, godfather.grade) == (
        None,
        None,
        "A+",
    )
    assert Book.objects.get(pk=catalog["catcher"].pk).pages is None
