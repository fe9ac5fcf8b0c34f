""" "Where can I watch it": the films streaming on the services a visitor has, in WATCH_REGION,
from the stored where-to-watch data, on the public list and in the API."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from rest_framework.test import APIClient

from catalog_site.catalog.filters import distinct_streaming_names, in_region, streaming_services
from films.models import Film
from shows.models import Show

pytestmark = pytest.mark.django_db

CHECKED = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def films(settings):
    settings.WATCH_REGION = "US"
    rows = {
        "Heat": {"region": "US", "flatrate": ["Netflix", "Max"], "rent": ["Apple TV"]},
        "Alien": {"region": "US", "flatrate": ["Max Amazon Channel"], "buy": ["Netflix"]},
        "Ran": {"region": "GB", "flatrate": ["Netflix"]},
        "Roma": {"flatrate": ["Netflix"]},  # the old site kept no region
        "Up": {"region": "US", "flatrate": ["Disney Plus"]},
        "Jaws": None,
        "Odd": ["Netflix"],  # not the shape a look-up stores
    }
    return {
        title: Film.objects.create(
            title=title, watch_providers=offers, watch_providers_updated_at=CHECKED
        )
        for title, offers in rows.items()
    }


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(film["title"] for film in response.json())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("streaming=netflix", ["Heat", "Roma"]),
        ("streaming=NETFLIX,disney plus", ["Heat", "Roma", "Up"]),
        ("streaming=max&streaming=Disney%20Plus", ["Heat", "Up"]),
        ("streaming=Max", ["Heat"]),  # a whole name: not "Max Amazon Channel"
        ("streaming=apple tv", []),  # rent and buy are not streaming
        ("streaming=", ["Alien", "Heat", "Jaws", "Odd", "Ran", "Roma", "Up"]),
        # Only the first 50 names count: a thousand cost what fifty do.
        ("streaming=" + ",".join(f"a{n}" for n in range(200)) + ",netflix", []),
    ],
)
def test_the_api_finds_the_films_streaming_on_any_service_named(films, query, expected):
    assert titles(APIClient().get(f"/api/films?{query}")) == expected


def test_the_region_is_watch_region(films, settings):
    settings.WATCH_REGION = "GB"
    assert titles(APIClient().get("/api/films?streaming=netflix")) == ["Ran", "Roma"]


@pytest.mark.parametrize("value", ["x" * 5000, "net%00flix"])
def test_a_value_it_cannot_use_is_a_400(films, value):
    response = APIClient().get(f"/api/films?streaming={value}")
    assert response.status_code == 400
    assert "streaming" in response.json()


def test_the_list_offers_the_services_found_and_says_when_each_was_checked(
    client, films, django_assert_max_num_queries
):
    response = client.get("/films/")
    facets = {facet.name: facet for facet in response.context["facets"]}
    assert [option.label for option in facets["streaming"].options] == [
        "Disney Plus", "Max", "Max Amazon Channel", "Netflix",
    ]  # fmt: skip
    assert "Streaming checked" not in response.content.decode()
    with django_assert_max_num_queries(8):
        filtered = client.get("/films/?streaming=Netflix")
    assert [film.title for film in filtered.context["page_obj"].object_list] == ["Heat", "Roma"]
    html = filtered.content.decode()
    assert html.count('<span class="checked">Streaming checked 2 Nov 2026</span>') == 2
    assert "Streaming on: Netflix" in html


def test_the_form_takes_several_services_and_one_chip_removes_them(client, films):
    response = client.get("/films/?streaming=netflix&streaming=Max&grade=")
    assert [film.title for film in response.context["page_obj"].object_list] == ["Heat", "Roma"]
    html = response.content.decode()
    checked = sorted(re.findall(r'name="streaming" value="([^"]+)" checked', html))
    assert checked == ["Max", "Netflix"]
    assert "<summary>Max, Netflix</summary>" in html
    chip = re.search(r'<a href="([^"]*)" aria-label="Remove Streaming on: Max, Netflix"', html)
    assert "streaming" not in chip.group(1)
    # The comma-separated form of the API reads the same.
    same = client.get("/films/?streaming=Netflix,max")
    assert "<summary>Max, Netflix</summary>" in same.content.decode()


def test_shows_are_filtered_the_same_way(client, settings):
    settings.WATCH_REGION = "US"
    for title, offers in {"Severance": ["Apple TV Plus"], "Fleabag": ["Prime Video"],
                          "Cheers": None}.items():  # fmt: skip
        Show.objects.create(
            title=title,
            watch_providers=offers and {"region": "US", "flatrate": offers},
            watch_providers_updated_at=CHECKED,
        )
    assert [row["title"] for row in client.get("/api/shows?streaming=apple tv plus").json()] == [
        "Severance"
    ]
    page = client.get("/shows/?streaming=Prime Video&streaming=Apple TV Plus")
    found = sorted(show.title for show in page.context["page_obj"].object_list)
    assert found == ["Fleabag", "Severance"]
    assert page.content.decode().count("Streaming checked 2 Nov 2026") == 2


def test_a_name_with_accents_and_commas_is_found_on_either_engine(films):
    Film.objects.create(
        title="Amour",
        watch_providers={"region": "US", "flatrate": ['Canal+ "Séries", Extra']},
        watch_providers_updated_at=CHECKED,
    )
    # PostgreSQL's jsonb gives "é" back, SQLite the "\u00e9" Django wrote: both are asked.
    query = urlencode({"streaming": 'Canal+ "Séries", Extra'})
    assert titles(APIClient().get(f"/api/films?{query}")) == ["Amour"]


def test_the_services_offered_are_the_same_on_either_path(films):
    for offers in ({"region": "US", "flatrate": ["netflix", " ", 7, None, ["Max"], "Mubi"]},
                   {"region": "US", "flatrate": "Netflix"}, "Netflix", 12, {"flatrate": None},
                   {"region": "US", "flatrate": [{"name": "Hulu"}]}):  # fmt: skip
        Film.objects.create(title="Odd shape", watch_providers=offers)
    expected = ["Disney Plus", "Max", "Max Amazon Channel", "Mubi", "Netflix"]
    assert streaming_services(Film.objects.all()) == expected
    if connection.vendor == "postgresql":
        found = sorted(distinct_streaming_names(Film.objects.filter(in_region())))
        assert {name.casefold() for name in found if name.strip()} == {
            name.casefold() for name in expected
        }
    assert streaming_services(Film.objects.filter(title="Jaws")) == []
    assert streaming_services(Film.objects.none()) == []


def test_a_name_with_a_comma_is_one_service_not_two(client, films):
    Film.objects.create(
        title="Succession Movie",
        watch_providers={"region": "US", "flatrate": ["HBO, Max"]},
        watch_providers_updated_at=CHECKED,
    )
    query = urlencode({"streaming": "hbo, max"})
    assert titles(APIClient().get(f"/api/films?{query}")) == ["Succession Movie"]
    # Where no service has the whole name, the commas separate names, as before.
    assert titles(APIClient().get("/api/films?streaming=max,disney plus")) == ["Heat", "Up"]
    page = client.get("/films/", {"streaming": "HBO, Max"})
    assert [film.title for film in page.context["page_obj"].object_list] == ["Succession Movie"]
    html = page.content.decode()
    assert re.findall(r'name="streaming" value="([^"]+)" checked', html) == ["HBO, Max"]
    assert "<summary>HBO, Max</summary>" in html
