"""/api/shows and the Flask-era show routes: legacy field names, filters, analytics, writes."""

import pytest
from rest_framework.test import APIClient

from shows.models import Show

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def titles(response):
    assert response.status_code == 200, response.content
    return [show["title"] for show in response.json()]


def test_the_list_has_the_old_tables_names_newest_id_first(api, shows):
    data = api.get("/api/shows", {"_t": "1733230000000"}).json()
    assert [show["id"] for show in data] == sorted((s.pk for s in shows.values()), reverse=True)
    wire = next(show for show in data if show["title"] == "Wire, The")
    for name in (
        "id",
        "title",
        "start_year",
        "end_year",
        "is_ongoing",
        "seasons",
        "episodes",
        "j_rayting",
        "score",
        "imdb_rating",
        "imdb_id",
        "tmdb_id",
        "genres",
        "poster_url",
        "details_commentary",
        "date_watched",
        "a_grade_rank",
        "created_at",
        "updated_at",
        "watch_providers",
        "watch_providers_updated_at",
    ):
        assert name in wire, name
    assert (wire["j_rayting"], wire["score"], wire["imdb_rating"]) == ("A+", 20, "9.3/10")
    assert (wire["date_watched"], wire["details_commentary"]) == (
        "March 2, 2014",
        "A city as the main character.",
    )
    assert wire["display_title"] == "The Wire"
    assert wire["years"] == "2002–2008"
    bare = next(show for show in data if show["title"] == "Untitled Pilot")
    assert (bare["imdb_rating"], bare["j_rayting"], bare["score"]) == (None, "", None)
    assert api.get("/api/shows/").json() == data


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"search": "wire"}, {"Wire, The"}),
        ({"search": "TWIN"}, {"Twin Peaks"}),
        ({"genre": "Drama"}, {"Wire, The", "Twin Peaks", "Severance"}),
        ({"genre": "comedy"}, {"Cheers", "Office, The"}),
        ({"genre": "Sci-Fi & Fantasy"}, {"Severance"}),
        ({"rating": "A"}, {"Severance", "Office, The"}),
        ({"rating": "A+"}, {"Wire, The"}),
        ({"rating": "A,B"}, {"Severance", "Office, The", "Twin Peaks"}),
        ({"ongoing": "true"}, {"Severance"}),
        ({"decade": "1990"}, {"Twin Peaks"}),
        ({"watched": "2025"}, {"Severance"}),
    ],
)
def test_filters_of_the_old_api_and_more(api, shows, params, expected):
    assert set(titles(api.get("/api/shows", params))) == expected


def test_a_plus_sent_unencoded_is_still_a_plus(api, shows):
    """?rating=A+ arrives as "A " (a '+' in a query string is a space); no grade has one."""
    assert titles(api.get("/api/shows?rating=A+")) == ["Wire, The"]
    assert titles(api.get("/api/shows?grade=A+,B")) == ["Twin Peaks", "Wire, The"]
    assert titles(api.get("/api/shows?grade=A, B")) == ["Office, The", "Severance", "Twin Peaks"]


@pytest.mark.parametrize("value", ["maybe", "1", "yes"])
def test_a_still_running_value_it_cannot_use_is_a_400(api, shows, value):
    response = api.get("/api/shows", {"ongoing": value})
    assert response.status_code == 400
    assert "ongoing" in response.json()


def test_a_grade_that_does_not_exist_is_a_400_naming_it(api, shows):
    response = api.get("/api/shows", {"rating": "Q"})
    assert response.status_code == 400
    assert "Unknown grade Q" in response.json()["rating"][0]


def test_orderings(api, shows):
    assert titles(api.get("/api/shows", {"ordering": "rating"}))[:3] == [
        "Wire, The", "Severance", "Office, The",
    ]  # fmt: skip
    assert titles(api.get("/api/shows", {"ordering": "-imdb_rating"}))[:2] == [
        "Wire, The", "Twin Peaks",
    ]  # fmt: skip


def test_one_show_by_id_or_uuid_and_a_404_the_old_front_end_reads(api, shows):
    wire = shows["Wire, The"]
    assert api.get(f"/api/shows/{wire.pk}").json()["title"] == "Wire, The"
    assert api.get(f"/api/shows/{wire.uuid}").json()["id"] == wire.pk
    for path in ("/api/shows/999999", "/api/shows/00000000-0000-0000-0000-000000000000"):
        missing = api.get(path)
        assert missing.status_code == 404
        assert missing.json() == {"detail": "Show not found", "error": "Show not found"}


def test_by_year_groups_by_start_decade_with_pre_1990_first(api, shows):
    rows = api.get("/api/analytics/shows/by-year").json()
    assert rows == [
        {"decade": "Pre-1990", "count": 1, "avg_score": 8.0},
        {"decade": "1990s", "count": 1, "avg_score": 12.0},
        {"decade": "2000s", "count": 2, "avg_score": 19.0},
        {"decade": "2020s", "count": 1, "avg_score": 18.0},
    ]


def test_by_genre_counts_each_genre_once_per_show(api, shows):
    rows = api.get("/api/analytics/shows/by-genre/").json()
    assert rows[0] == {"genre": "Drama", "count": 3, "avg_score": 16.67}
    assert {"genre": "Sci-Fi & Fantasy", "count": 1, "avg_score": 18.0} in rows
    assert [row["count"] for row in rows] == sorted((row["count"] for row in rows), reverse=True)


def test_summary_has_the_old_names(api, shows):
    assert api.get("/api/analytics/shows/summary").json() == {
        "total_shows": 6,
        "avg_score": 15.2,  # (20 + 12 + 8 + 18 + 18) / 5: the show without a grade is left out
        "total_seasons": 20,
        "total_episodes": 384,
        "avg_imdb_rating": 8.7,
    }


def test_summary_of_no_shows(api, db):
    assert api.get("/api/analytics/shows/summary").json() == {
        "total_shows": 0,
        "avg_score": None,
        "total_seasons": 0,
        "total_episodes": 0,
        "avg_imdb_rating": None,
    }


def test_anonymous_users_cannot_write(api, shows):
    assert api.post("/api/shows", {"title": "Lost"}, format="json").status_code in (401, 403)
    wire = shows["Wire, The"]
    assert api.patch(f"/api/shows/{wire.pk}", {"j_rayting": "D"}, format="json").status_code in (
        401,
        403,
    )
    assert Show.objects.get(pk=wire.pk).grade == "A+"


def test_an_editor_writes_under_the_old_names(api, show_editor):
    api.force_authenticate(show_editor)
    created = api.post(
        "/api/shows?fetch=false",
        {"title": "Lost", "start_year": 2004, "end_year": 2010, "j_rayting": "B-",
         "imdb_rating": "8.3/10", "details_commentary": "The island.", "date_watched": "May-10",
         "genres": "Drama, Mystery"},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    lost = Show.objects.get(title="Lost")
    assert (lost.grade, lost.score, lost.imdb_rating, lost.notes) == ("B-", 10, 8.3, "The island.")
    assert created.json()["imdb_rating"] == "8.3/10"
    changed = api.patch(f"/api/shows/{lost.pk}", {"imdb_rating": 8.4}, format="json")
    assert changed.status_code == 200
    assert changed.json()["imdb_rating"] == "8.4/10"
    assert api.delete(f"/api/shows/{lost.pk}").status_code == 204


@pytest.mark.parametrize(
    ("field", "value"),
    [("imdb_rating", "11/10"), ("imdb_rating", "great"), ("imdb_rating", True),
     ("start_year", -5), ("end_year", 1999), ("seasons", 0), ("j_rayting", "Z")],
)  # fmt: skip
def test_bad_values_are_a_400_naming_the_field(api, show_editor, field, value):
    api.force_authenticate(show_editor)
    response = api.post(
        "/api/shows?fetch=false", {"title": "Lost", "start_year": 2004, field: value}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not Show.objects.exists()


def test_a_possible_duplicate_is_a_409_with_the_matches_as_they_are(api, shows, show_editor):
    api.force_authenticate(show_editor)
    response = api.post("/api/shows?fetch=false", {"title": "The Wire", "start_year": 2002},
                        format="json")  # fmt: skip
    assert response.status_code == 409
    (match,) = response.json()["matches"]
    assert (match["id"], match["start_year"], match["is_ongoing"]) == (
        shows["Wire, The"].pk, 2002, False,
    )  # fmt: skip
    assert match["watch_providers"] is None
    wire = {"title": "The Wire", "start_year": 2002}
    again = api.post("/api/shows?fetch=false&intended=true", wire, format="json")
    assert again.status_code == 201


@pytest.mark.parametrize("value", ["{not json", ["Netflix"], 3])
def test_where_to_watch_is_an_object_or_nothing(api, show_editor, value):
    api.force_authenticate(show_editor)
    response = api.post(
        "/api/shows?fetch=false", {"title": "Lost", "watch_providers": value}, format="json"
    )
    assert response.status_code == 400
    assert "watch_providers" in response.json()


def test_a_film_editor_cannot_write_shows(api, film_editor):
    api.force_authenticate(film_editor)
    assert api.post("/api/shows?fetch=false", {"title": "Lost"}, format="json").status_code == 403


def test_the_new_analytics_and_summary(api, shows):
    imdb = api.get("/api/shows/analytics/imdb").json()
    assert imdb[0] == {"label": "9–10", "count": 1, "average_score": 20.0}
    assert imdb[-1]["label"] == "no rating"
    summary = api.get("/api/shows/summary").json()
    assert (summary["count"], summary["seasons"], summary["episodes"]) == (6, 20, 384)
