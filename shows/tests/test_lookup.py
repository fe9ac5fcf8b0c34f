"""Looking shows up on TMDB's TV endpoints and OMDb (a local fake of both), as the API, the
admin and enrich do."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from catalog_site.providers.lookup import fill
from shows.lookup import look_up
from shows.models import Show

pytestmark = pytest.mark.django_db

ANSWERS = Path(__file__).parent / "providers"
BREAKING_BAD = {
    "id": 1396, "name": "Breaking Bad", "first_air_date": "2008-01-20",
    "overview": "Walter White...", "poster_path": "/ztkUQFLlC19CCMYHW9o1zWhJRNq.jpg",
}  # fmt: skip
CHANGELIST = "/shows/admin/shows/show/"


def answer(name):
    return json.loads((ANSWERS / name).read_text(encoding="utf-8"))


@pytest.fixture
def tmdb(fake_providers):
    fake_providers.expect_request(
        "/3/tv/1396",
        query_string={"append_to_response": "external_ids,watch/providers", "api_key": "v3-key"},
    ).respond_with_json(answer("tmdb_tv_1396.json"))
    fake_providers.expect_request(
        "/omdb/", query_string={"i": "tt0903747", "apikey": "omdb-key"}
    ).respond_with_json(
        {"Title": "Breaking Bad", "Year": "2008–2013", "imdbRating": "9.5", "imdbID": "tt0903747",
         "Type": "series", "totalSeasons": "5", "Response": "True"}
    )  # fmt: skip
    return fake_providers


def test_a_title_with_one_match_fills_every_blank(tmdb):
    tmdb.expect_request(
        "/3/search/tv",
        query_string={"query": "Breaking Bad", "include_adult": "false", "api_key": "v3-key"},
    ).respond_with_json({"page": 1, "results": [BREAKING_BAD], "total_results": 1})
    show = Show.objects.create(
        title="Breaking Bad", updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    lookup = look_up(show)
    assert lookup.problems == []
    written = fill(show, lookup.values)
    show.refresh_from_db()
    assert written == [
        "end_year", "episodes", "genres", "image_url", "imdb_id", "imdb_rating", "is_ongoing",
        "seasons", "start_year", "tmdb_id", "watch_providers", "watch_providers_updated_at",
    ]  # fmt: skip
    assert (show.start_year, show.end_year, show.is_ongoing) == (2008, 2013, False)
    assert (show.seasons, show.episodes, show.genres) == (5, 62, "Drama, Crime")
    assert (show.tmdb_id, show.imdb_id, show.imdb_rating) == (1396, "tt0903747", 9.5)
    assert show.image_url == "https://image.tmdb.org/t/p/w500/ztkUQFLlC19CCMYHW9o1zWhJRNq.jpg"
    assert show.watch_providers["flatrate"] == ["Netflix"]
    assert show.watch_providers["region"] == "US"
    assert show.updated_at.year > 2020  # a sync carries the new details


def test_a_show_still_made_has_no_last_year(fake_providers):
    running = {**answer("tmdb_tv_1396.json"), "id": 95396, "in_production": True,
               "status": "Returning Series", "last_air_date": "2025-03-21"}  # fmt: skip
    running["external_ids"] = {"imdb_id": None}
    fake_providers.expect_request("/3/tv/95396").respond_with_json(running)
    lookup = look_up(Show(title="Severance", tmdb_id=95396), ask_omdb=False)
    assert (lookup.values["is_ongoing"], lookup.values["end_year"]) == (True, None)
    assert lookup.values["imdb_id"] == ""


def test_the_year_is_asked_and_several_matches_are_offered(fake_providers):
    fake_providers.expect_request(
        "/3/search/tv",
        query_string={"query": "The Office", "include_adult": "false", "api_key": "v3-key"},
    ).respond_with_json(answer("tmdb_search_tv_office.json"))
    lookup = look_up(Show(title="Office, The"))
    assert lookup.ambiguous
    assert [(c.tmdb_id, c.year) for c in lookup.candidates] == [(2316, 2005), (2996, 2001)]
    fake_providers.expect_request(
        "/3/search/tv",
        query_string={
            "query": "The Office",
            "first_air_date_year": "2001",
            "include_adult": "false",
            "api_key": "v3-key",
        },
    ).respond_with_json(
        {"page": 1, "results": [answer("tmdb_search_tv_office.json")["results"][1]]}
    )
    fake_providers.expect_request("/3/tv/2996").respond_with_json(
        {"id": 2996, "name": "The Office", "first_air_date": "2001-07-09",
         "last_air_date": "2003-12-27", "status": "Ended", "number_of_seasons": 2}
    )  # fmt: skip
    found = look_up(Show(title="Office, The", start_year=2001), ask_omdb=False)
    assert (found.values["tmdb_id"], found.values["end_year"]) == (2996, 2003)
    assert found.values["is_ongoing"] is False


@pytest.mark.parametrize(
    ("omdb", "problem"),
    [
        ({"imdbRating": "N/A", "Response": "True"}, "OMDb has no IMDb rating for tt0903747."),
        ({"Response": "False", "Error": "Request limit reached!"}, "daily request limit"),
        ({"Response": "False", "Error": "Incorrect IMDb ID."}, "OMDb has no IMDb rating"),
    ],
)
def test_omdb_without_a_rating_is_a_problem_not_a_failure(fake_providers, omdb, problem):
    fake_providers.expect_request("/3/tv/1396").respond_with_json(answer("tmdb_tv_1396.json"))
    fake_providers.expect_request("/omdb/").respond_with_json(omdb)
    lookup = look_up(Show(title="Breaking Bad", tmdb_id=1396))
    assert lookup.values["seasons"] == 5
    assert "imdb_rating" not in lookup.values
    assert any(problem in text for text in lookup.problems)


def test_tmdb_without_such_a_show_and_providers_off(fake_providers, settings):
    fake_providers.expect_request("/3/tv/7").respond_with_data("", status=404)
    assert look_up(Show(title="X", tmdb_id=7)).problems == ["TMDB has no TV show with the id 7."]
    settings.TMDB_API_KEY = settings.OMDB_API_KEY = ""
    lookup = look_up(Show(title="Breaking Bad"))
    assert lookup.values == {}
    assert "TMDB" in lookup.problems[0]


def test_the_api_fills_a_new_show_by_title(tmdb, show_editor):
    tmdb.expect_request("/3/search/tv").respond_with_json({"results": [BREAKING_BAD]})
    api = APIClient()
    api.force_authenticate(show_editor)
    created = api.post("/api/shows", {"title": "Breaking Bad", "j_rayting": "A+"}, format="json")
    assert created.status_code == 201, created.content
    show = Show.objects.get()
    assert (show.seasons, show.imdb_rating, show.grade) == (5, 9.5, "A+")


def test_adding_a_title_in_the_admin_fills_in_the_blanks(client, tmdb, show_editor):
    tmdb.expect_request("/3/search/tv").respond_with_json({"results": [BREAKING_BAD]})
    client.force_login(show_editor)
    client.post(f"{CHANGELIST}add/", {"title": "Breaking Bad", "grade": "A+"}, follow=True)
    show = Show.objects.get()
    assert (show.start_year, show.episodes, show.imdb_id) == (2008, 62, "tt0903747")


def test_several_matches_are_picked_on_the_admin_page(client, fake_providers, show_editor):
    fake_providers.expect_request("/3/search/tv").respond_with_json(
        answer("tmdb_search_tv_office.json")
    )
    fake_providers.expect_request("/3/tv/2996").respond_with_json(
        {"id": 2996, "name": "The Office", "first_air_date": "2001-07-09",
         "last_air_date": "2003-12-27", "in_production": False, "number_of_seasons": 2,
         "number_of_episodes": 14, "genres": [{"name": "Comedy"}]}
    )  # fmt: skip
    client.force_login(show_editor)
    response = client.post(f"{CHANGELIST}add/", {"title": "Office, The"})
    show = Show.objects.get()
    assert response["Location"] == f"{CHANGELIST}{show.pk}/lookup/"
    html = client.get(response["Location"]).content.decode()
    assert "2005" in html
    assert "2001" in html
    assert f"{CHANGELIST}{show.pk}/lookup/?tmdb_id=2996" in html
    chosen = client.get(f"{CHANGELIST}{show.pk}/lookup/?tmdb_id=2996")
    rows = {row["name"]: row for row in chosen.context["rows"]}
    assert (rows["episodes"]["found"], rows["episodes"]["blank"]) == (14, True)
    response = client.post(
        f"{CHANGELIST}{show.pk}/lookup/",
        {"tmdb_id": "2996", "field": ["start_year", "end_year", "episodes", "tmdb_id"]},
    )
    assert response["Location"] == f"{CHANGELIST}{show.pk}/change/"
    show.refresh_from_db()
    assert (show.tmdb_id, show.start_year, show.episodes) == (2996, 2001, 14)
    assert show.genres == ""  # not ticked


@pytest.mark.django_db(transaction=True)  # look-ups run in threads with their own connections
def test_enrich_only_shows_fills_blanks(tmdb):
    Show.objects.create(title="Breaking Bad", tmdb_id=1396, genres="Crime")
    out = io.StringIO()
    call_command("enrich", "--only", "shows", stdout=out)
    show = Show.objects.get()
    assert (show.seasons, show.imdb_rating, show.genres) == (5, 9.5, "Crime")
    assert out.getvalue().startswith("shows.show: 1 looked up, 1 filled in, 0 unchanged")


@pytest.mark.django_db(transaction=True)
def test_refresh_renews_where_to_watch_checked_long_ago(tmdb):
    old = timezone.now() - datetime.timedelta(days=45)
    stale = Show.objects.create(
        title="Breaking Bad", tmdb_id=1396, watch_providers={"flatrate": ["Gone"]},
        watch_providers_updated_at=old, genres="Crime",
    )  # fmt: skip
    out = io.StringIO()
    call_command("enrich", "--only", "shows", "--refresh-providers", "--older-than", "30d",
                 stdout=out)  # fmt: skip
    stale.refresh_from_db()
    assert stale.watch_providers["flatrate"] == ["Netflix"]
    assert stale.watch_providers_updated_at > old
    assert (stale.genres, stale.seasons) == ("Crime", None)  # only where to watch is renewed
