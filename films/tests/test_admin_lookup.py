"""Filling films from TMDB and OMDb in the admin (a local fake of both)."""

import pytest
from django.contrib.messages import get_messages

from films.models import Film

pytestmark = pytest.mark.django_db

CHANGELIST = "/films/admin/films/film/"
GODFATHER = {
    "id": 238,
    "title": "The Godfather",
    "release_date": "1972-03-14",
    "overview": "The aging patriarch...",
    "poster_path": "/3bhkrj58Vtu7enYsRolD1fZdja1.jpg",
}
SEARCH = {"query": "Parasite", "include_adult": "false", "api_key": "v3-key"}


@pytest.fixture
def providers(fake_providers, provider_answer):
    fake_providers.expect_request("/3/movie/238").respond_with_json(
        provider_answer("tmdb_movie_238.json")
    )
    fake_providers.expect_request("/3/movie/496243").respond_with_json(
        {"id": 496243, "title": "Parasite", "release_date": "2019-05-30", "runtime": 133,
         "genres": [{"name": "Comedy"}, {"name": "Thriller"}], "imdb_id": "tt6751668",
         "poster_path": "/7IiTTgloJzvGI1TAYymCfbfl3vT.jpg"}
    )  # fmt: skip
    omdb = {"i": "tt0068646", "apikey": "omdb-key"}
    fake_providers.expect_request("/omdb/", query_string=omdb).respond_with_json(
        provider_answer("omdb_tt0068646.json")
    )
    parasite = {"Ratings": [{"Source": "Rotten Tomatoes", "Value": "99%"}], "Response": "True"}
    omdb = {"i": "tt6751668", "apikey": "omdb-key"}
    fake_providers.expect_request("/omdb/", query_string=omdb).respond_with_json(parasite)
    fake_providers.expect_request("/3/search/movie", query_string=SEARCH).respond_with_json(
        provider_answer("tmdb_search_parasite.json")
    )
    fake_providers.expect_request("/3/search/movie").respond_with_json(
        {"page": 1, "results": [GODFATHER], "total_pages": 1, "total_results": 1}
    )
    return fake_providers


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_adding_a_title_alone_fills_in_the_blanks(client, film_editor, providers):
    client.force_login(film_editor)
    response = client.post(
        f"{CHANGELIST}add/", {"title": "Godfather, The", "grade": "A+"}, follow=True
    )
    film = Film.objects.get()
    assert (film.release_year, film.length_minutes, film.genres) == (1972, 175, "Drama, Crime")
    assert (film.rotten_tomatoes, film.imdb_id, film.tmdb_id) == (97, "tt0068646", 238)
    assert film.image_url == "https://image.tmdb.org/t/p/w500/3bhkrj58Vtu7enYsRolD1fZdja1.jpg"
    assert (film.title, film.grade) == ("Godfather, The", "A+")  # as typed
    assert any(message.startswith("Filled in from the providers: ") for message in said(response))


def test_several_matches_are_picked_on_a_page_with_posters(client, film_editor, providers):
    client.force_login(film_editor)
    response = client.post(f"{CHANGELIST}add/", {"title": "Parasite"})
    film = Film.objects.get()  # saved all the same
    assert response["Location"] == f"{CHANGELIST}{film.pk}/lookup/"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Parasite</strong> (2019)" in html
    assert "Parasite</strong> (1982)" in html
    assert 'src="https://image.tmdb.org/t/p/w500/7IiTTgloJzvGI1TAYymCfbfl3vT.jpg"' in html
    assert f'href="{CHANGELIST}{film.pk}/lookup/?tmdb_id=496243"' in html

    chosen = client.get(f"{CHANGELIST}{film.pk}/lookup/?tmdb_id=496243")
    rows = {row["name"]: row for row in chosen.context["rows"]}
    assert rows["length_minutes"]["found"] == 133
    assert rows["length_minutes"]["blank"]
    response = client.post(
        f"{CHANGELIST}{film.pk}/lookup/",
        {"tmdb_id": "496243", "field": ["length_minutes", "release_year", "rotten_tomatoes"]},
    )
    assert response["Location"] == f"{CHANGELIST}{film.pk}/change/"
    film.refresh_from_db()
    assert (film.length_minutes, film.release_year, film.rotten_tomatoes) == (133, 2019, 99)
    assert film.genres == ""  # not ticked


def test_refresh_from_provider_replaces_only_what_is_ticked(client, film_editor, providers):
    film = Film.objects.create(title="Godfather, The", tmdb_id=238, genres="Crime")
    client.force_login(film_editor)
    assert (
        f'href="{CHANGELIST}{film.pk}/lookup/">Refresh from provider'
        in client.get(f"{CHANGELIST}{film.pk}/change/").content.decode()
    )
    page = client.get(f"{CHANGELIST}{film.pk}/lookup/")
    rows = {row["name"]: row for row in page.context["rows"]}
    assert (rows["genres"]["current"], rows["genres"]["found"]) == ("Crime", "Drama, Crime")
    assert not rows["genres"]["blank"]  # typed: not ticked by default
    assert 'value="genres" id="field-genres">' in page.content.decode()
    client.post(f"{CHANGELIST}{film.pk}/lookup/", {"field": ["genres"]})
    film.refresh_from_db()
    assert film.genres == "Drama, Crime"
    assert film.length_minutes is None  # not ticked


def test_a_provider_down_leaves_the_row_saved_and_says_so(client, film_editor, fake_providers):
    fake_providers.expect_request("/3/search/movie").respond_with_data("down", status=503)
    client.force_login(film_editor)
    response = client.post(
        f"{CHANGELIST}add/", {"title": "Arrival", "release_year": "2016"}, follow=True
    )
    assert Film.objects.get().title == "Arrival"
    assert "TMDB is not answering (503); try again later." in said(response)


def test_providers_without_keys_say_so_in_one_line_each(client, film_editor):
    client.force_login(film_editor)
    response = client.post(f"{CHANGELIST}add/", {"title": "Arrival"}, follow=True)
    assert Film.objects.get().title == "Arrival"
    assert "TMDB is off: set TMDB_API_KEY or TMDB_READ_TOKEN to use it." in said(response)


def test_the_action_fills_the_selected_rows(client, film_editor, providers):
    known = Film.objects.create(title="Godfather, The", tmdb_id=238)
    unclear = Film.objects.create(title="Parasite")
    client.force_login(film_editor)
    response = client.post(
        CHANGELIST,
        {"action": "fill_in_missing_details", "_selected_action": [known.pk, unclear.pk]},
        follow=True,
    )
    known.refresh_from_db()
    assert known.length_minutes == 175
    messages = said(response)
    assert "Details filled in for 1; 0 had nothing to add." in messages
    assert any(
        f'<a href="{CHANGELIST}{unclear.pk}/lookup/">Parasite</a>' in message
        for message in messages
    )


def test_the_lookup_page_needs_the_change_permission(client, make_staff, providers):
    film = Film.objects.create(title="Godfather, The", tmdb_id=238)
    viewer = make_staff("viewer", "films.view_film")
    client.force_login(viewer)
    response = client.post(f"{CHANGELIST}{film.pk}/lookup/", {"field": ["genres"]})
    assert response.status_code in (302, 403)
    film.refresh_from_db()
    assert film.genres == ""
