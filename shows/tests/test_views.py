"""The public show pages: /shows/, /shows/<id>/ and /shows/stats/, and the home page."""

import pytest

pytestmark = pytest.mark.django_db


def shown(response):
    assert response.status_code == 200
    return [show.title for show in response.context["page_obj"].object_list]


def test_list_shows_every_show_best_first(client, shows):
    response = client.get("/shows/")
    assert shown(response)[:3] == ["Wire, The", "Severance", "Office, The"]
    html = response.content.decode()
    assert "The Wire" in html
    assert "6 TV shows" in html
    assert "2002–2008" in html
    assert "2022–" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=wire", ["Wire, The"]),
        ("grade=A", ["Severance", "Office, The"]),
        ("genre=Comedy", ["Office, The", "Cheers"]),
        ("genre=Sci-Fi+%26+Fantasy", ["Severance"]),
        ("decade=1980", ["Cheers"]),
        ("watched=1990", []),  # "1990s" names no year
        ("watched=2014", ["Wire, The"]),
        ("ongoing=true", ["Severance"]),
        ("ordering=-start_year", ["Severance", "Office, The", "Wire, The", "Twin Peaks",
                                  "Cheers", "Untitled Pilot"]),
    ],
)  # fmt: skip
def test_search_filters_and_sorts(client, shows, query, expected):
    assert shown(client.get(f"/shows/?{query}")) == expected


def test_the_facets_offer_what_the_shows_hold(client, shows):
    facets = {facet.name: facet for facet in client.get("/shows/").context["facets"]}
    assert [option.label for option in facets["decade"].options] == [
        "2020s", "2000s", "1990s", "1980s",
    ]  # fmt: skip
    assert [option.value for option in facets["watched"].options] == ["2025", "2014"]
    assert "Sci-Fi & Fantasy" in [option.label for option in facets["genre"].options]


def test_detail_shows_everything_public(client, shows):
    html = client.get(f"/shows/{shows['Wire, The'].pk}/").content.decode()
    assert '<h1>The Wire <span class="year">(2002–2008)</span></h1>' in html
    assert "<dd>5 seasons, 60 episodes</dd>" in html
    assert "<dd>9.3/10</dd>" in html
    assert '<a href="/shows/?genre=Crime">Crime</a>' in html
    assert '<a href="https://www.themoviedb.org/tv/1438" rel="noopener">TMDB</a>' in html
    assert '<a href="https://www.imdb.com/title/tt0306414/" rel="noopener">IMDb</a>' in html
    assert "<p>A city as the main character.</p>" in html
    assert "Edit in admin" not in html


def test_detail_of_a_running_show_and_of_a_bare_one(client, shows):
    html = client.get(f"/shows/{shows['Severance'].pk}/").content.decode()
    assert "No. 1 among the A shows" in html
    assert "<dt>Still running</dt><dd>Yes</dd>" in html
    bare = client.get(f"/shows/{shows['Untitled Pilot'].pk}/")
    assert bare.status_code == 200
    assert "<dt>" not in bare.content.decode().split("<h1>")[1].split("</article>")[0]


def test_detail_of_a_missing_show_is_404(client):
    assert client.get("/shows/424242/").status_code == 404


def test_stats_page_draws_each_chart(client, shows):
    response = client.get("/shows/stats/")
    html = response.content.decode()
    assert html.count("<svg") == 4
    charts = {chart.name: chart for chart in response.context["charts"]}
    assert [(bar.label, bar.count) for bar in charts["genre"].bars][0] == ("Drama", 3)
    assert [bar.label for bar in charts["decade"].bars] == [
        "1980s", "1990s", "2000s", "2020s", "unknown",
    ]  # fmt: skip
    assert [bar.label for bar in charts["year-watched"].bars] == ["2014", "2025", "unknown"]
    assert "6 TV shows, 5 graded" in html


def test_home_and_navigation_show_three_catalogs(client, shows):
    html = client.get("/").content.decode()
    for link in ('href="/films/"', 'href="/books/"', 'href="/shows/"', 'href="/shows/stats/"'):
        assert link in html
    assert "TV shows" in html
    assert "Untitled Pilot" in html  # recently added
    assert '<a href="/api/shows">/api/shows</a>' in html


def test_one_show_is_one_show(client, shows):
    html = client.get("/shows/stats/?q=wire").content.decode()
    assert "1 TV show matching" in html
