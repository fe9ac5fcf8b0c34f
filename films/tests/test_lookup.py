"""Looking films up on TMDB and OMDb (a local fake of both), and filling the blanks."""

import datetime

import pytest
from rest_framework.test import APIClient

from catalog_site.providers.lookup import fill
from films.lookup import look_up
from films.models import Film

pytestmark = pytest.mark.django_db

GODFATHER_SEARCH = {
    "page": 1,
    "results": [
        {"id": 238, "title": "The Godfather", "release_date": "1972-03-14",
         "overview": "The aging patriarch...", "poster_path": "/3bhkrj58Vtu7enYsRolD1fZdja1.jpg"},
        {"id": 240, "title": "The Godfather Part II", "release_date": "1974-12-20",
         "overview": "In the continuing saga...", "poster_path": "/hek3koDUyRQ.jpg"},
    ],
    "total_pages": 1,
    "total_results": 2,
}  # fmt: skip


@pytest.fixture
def tmdb(fake_providers, provider_answer):
    fake_providers.expect_request("/3/movie/238").respond_with_json(
        provider_answer("tmdb_movie_238.json")
    )
    fake_providers.expect_request(
        "/omdb/", query_string={"i": "tt0068646", "apikey": "omdb-key"}
    ).respond_with_json(provider_answer("omdb_tt0068646.json"))
    return fake_providers


def test_a_title_with_one_match_fills_every_blank(tmdb):
    tmdb.expect_request("/3/search/movie").respond_with_json(GODFATHER_SEARCH)
    film = Film.objects.create(
        title="Godfather, The", updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    lookup = look_up(film)
    assert lookup.problems == []
    written = fill(film, lookup.values)
    film.refresh_from_db()
    assert written == [
        "genres", "image_url", "imdb_id", "length_minutes", "release_year", "rotten_tomatoes",
        "tmdb_id", "watch_providers", "watch_providers_updated_at",
    ]  # fmt: skip
    assert (film.release_year, film.length_minutes, film.genres) == (1972, 175, "Drama, Crime")
    assert (film.tmdb_id, film.imdb_id, film.rotten_tomatoes) == (238, "tt0068646", 97)
    assert film.watch_providers["flatrate"] == ["Paramount Plus"]
    assert film.title == "Godfather, The"  # as typed
    assert film.updated_at.year > 2020  # a sync carries the new details


def test_what_the_owner_typed_is_never_replaced(tmdb):
    film = Film.objects.create(
        title="Godfather, The", tmdb_id=238, genres="Crime", length_minutes=177
    )
    written = fill(film, look_up(film).values)
    film.refresh_from_db()
    assert (film.genres, film.length_minutes) == ("Crime", 177)
    assert "genres" not in written
    assert film.release_year == 1972  # a blank is filled
    assert fill(film, look_up(film).values, overwrite={"genres"}) == ["genres"]
    film.refresh_from_db()
    assert film.genres == "Drama, Crime"


def test_several_plausible_films_are_offered_to_choose_from(fake_providers, provider_answer):
    fake_providers.expect_request(
        "/3/search/movie",
        query_string={"query": "Parasite", "include_adult": "false", "api_key": "v3-key"},
    ).respond_with_json(provider_answer("tmdb_search_parasite.json"))
    lookup = look_up(Film(title="Parasite"))
    assert lookup.ambiguous
    assert [(film.tmdb_id, film.year) for film in lookup.candidates] == [
        (496243, 2019),
        (27440, 1982),
    ]
    assert [request.path for request, _ in fake_providers.log] == ["/3/search/movie"]


def test_a_year_narrows_the_search(fake_providers, provider_answer):
    search = provider_answer("tmdb_search_parasite.json")
    search["results"] = search["results"][1:]  # TMDB filters by the year it is given
    fake_providers.expect_request(
        "/3/search/movie",
        query_string={
            "query": "Parasite",
            "year": "1982",
            "include_adult": "false",
            "api_key": "v3-key",
        },
    ).respond_with_json(search)
    fake_providers.expect_request("/3/movie/27440").respond_with_json(
        {"id": 27440, "title": "Parasite", "release_date": "1982-03-12", "runtime": 85,
         "genres": [{"id": 27, "name": "Horror"}], "imdb_id": None, "poster_path": None}
    )  # fmt: skip
    lookup = look_up(Film(title="Parasite", release_year=1982))
    assert (lookup.values["tmdb_id"], lookup.values["length_minutes"]) == (27440, 85)
    assert lookup.values["imdb_id"] == ""  # so OMDb is not asked
    assert "rotten_tomatoes" not in lookup.values


def test_no_match_and_a_missing_id_are_said(fake_providers):
    fake_providers.expect_request("/3/search/movie").respond_with_json(
        {"page": 1, "results": [], "total_pages": 0, "total_results": 0}
    )
    fake_providers.expect_request("/3/movie/999999").respond_with_json(
        {"success": False, "status_code": 34, "status_message": "Not found."}, status=404
    )
    assert look_up(Film(title="Xyzzy", release_year=1999)).problems == [
        "TMDB found no film called 'Xyzzy' (1999)."
    ]
    assert look_up(Film(title="Xyzzy"), tmdb_id=999999).problems == [
        "TMDB has no film with the id 999999."
    ]


def test_a_provider_failure_is_said_and_nothing_is_half_written(fake_providers, provider_answer):
    fake_providers.expect_request("/3/movie/238").respond_with_json(
        provider_answer("tmdb_movie_238.json")
    )
    fake_providers.expect_request("/omdb/").respond_with_data(
        "<html>Service Unavailable</html>", status=503
    )
    film = Film.objects.create(title="Godfather, The", tmdb_id=238)
    lookup = look_up(film)
    assert lookup.problems == ["OMDb is not answering (503); try again later."]
    assert lookup.values["length_minutes"] == 175  # what TMDB gave is kept


def test_providers_without_keys_are_off_in_one_line_each(fake_providers, settings):
    settings.TMDB_API_KEY = settings.OMDB_API_KEY = ""
    film = Film.objects.create(title="Godfather, The", imdb_id="tt0068646")
    lookup = look_up(film)
    assert lookup.problems == [
        "TMDB is off: set TMDB_API_KEY or TMDB_READ_TOKEN to use it.",
        "OMDb is off: set OMDB_API_KEY to use it.",
    ]
    assert fake_providers.log == []


def test_a_value_the_model_refuses_is_left_out(db):
    film = Film.objects.create(title="Old")
    assert fill(film, {"release_year": 1820, "length_minutes": 90}) == ["length_minutes"]


def test_posting_a_title_alone_to_the_api_fills_the_film(tmdb, film_editor):
    tmdb.expect_request("/3/search/movie").respond_with_json(GODFATHER_SEARCH)
    client = APIClient()
    client.force_authenticate(film_editor)
    response = client.post("/api/films", {"title": "The Godfather"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["release_year"], body["length_minutes"], body["rotten_tomatoes"]) == (
        1972,
        175,
        "97%",
    )
    assert body["poster_url"] == "https://image.tmdb.org/t/p/w500/3bhkrj58Vtu7enYsRolD1fZdja1.jpg"
    assert "poster_url" in body["lookup"]["filled"]
    assert body["lookup"]["problems"] == []
    assert Film.objects.get().imdb_id == "tt0068646"


def test_fetch_false_skips_the_providers(fake_providers, film_editor):
    client = APIClient()
    client.force_authenticate(film_editor)
    response = client.post("/api/films?fetch=false", {"title": "The Godfather"}, format="json")
    assert response.status_code == 201
    assert "lookup" not in response.json()
    assert fake_providers.log == []


def test_an_ambiguous_title_is_created_with_the_candidates_listed(
    fake_providers, provider_answer, film_editor
):
    fake_providers.expect_request("/3/search/movie").respond_with_json(
        provider_answer("tmdb_search_parasite.json")
    )
    client = APIClient()
    client.force_authenticate(film_editor)
    body = client.post("/api/films", {"title": "Parasite", "fetch": True}, format="json").json()
    assert body["lookup"]["filled"] == []
    assert [c["tmdb_id"] for c in body["lookup"]["candidates"]] == [496243, 27440]
    assert body["release_year"] is None
