"""The public film pages: /films/, /films/<id>/ and /films/stats/."""

import datetime
import re

import pytest

from catalog_site.pages.lists import PAGE_SIZE
from films.models import Film

pytestmark = pytest.mark.django_db


@pytest.fixture
def films():
    rows = [
        dict(title="Godfather, The", release_year=1972, grade="A+", genres="Drama, Crime",
             format="VHS", year_watched="Pre-2006", rotten_tomatoes=97, length_minutes=175,
             date_text="1990s", location="Home"),
        dict(title="Amélie", release_year=2001, grade="A", a_grade_rank=2,
             genres="Comedy, Romance", format="Theatre", location="Palo Alto",
             rotten_tomatoes=89, date_text="December 8, 2001", year_watched="Pre-2006",
             image_url="https://images.example/amelie.jpg"),
        dict(title="Casablanca", release_year=1942, grade="A", a_grade_rank=1,
             genres="Drama, Romance", format="DVD", rotten_tomatoes=99, date_text="2004-02-14",
             rt_link="https://www.rottentomatoes.com/m/casablanca"),
        dict(title="Arrival", release_year=2016, grade="A-/A", genres="Drama, Sci Fi",
             format="Theatre", rotten_tomatoes=94, date_text="November 12, 2016",
             year_watched="2016"),
        dict(title="Cats", release_year=2019, grade="D", genres="Comedy, Music",
             format="netflix", rotten_tomatoes=None, date_text="2020-01-04", year_watched=""),
    ]  # fmt: skip
    return {row["title"]: Film.objects.create(**row) for row in rows}


def shown(response):
    return [film.title for film in response.context["page_obj"].object_list]


def test_list_shows_every_film_best_first_with_display_titles(client, films):
    response = client.get("/films/")
    assert response.status_code == 200
    # Rating order: A+, then the two A films by the owner's ranking, then A-/A, then D.
    assert shown(response) == ["Godfather, The", "Casablanca", "Amélie", "Arrival", "Cats"]
    html = response.content.decode()
    assert "The Godfather" in html
    assert "Godfather, The" not in html
    assert "5 films" in html
    assert f'href="/films/{films["Casablanca"].pk}/"' in html


def test_viewing_the_list_leaves_the_stored_text_as_written(client, films):
    client.get("/films/")
    client.get(f"/films/{films['Godfather, The'].pk}/")
    assert Film.objects.get(pk=films["Godfather, The"].pk).title == "Godfather, The"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=amelie", ["Amélie"]),
        ("q=the+godfather", ["Godfather, The"]),
        ("grade=A", ["Casablanca", "Amélie"]),
        ("grade=A%2B,A/A%2B,A,A-/A,A-", ["Godfather, The", "Casablanca", "Amélie", "Arrival"]),
        ("decade=1970", ["Godfather, The"]),
        ("year_watched=2016", ["Arrival"]),
        ("year_watched=2020", ["Cats"]),
        ("year_watched=Pre-2006", ["Godfather, The", "Amélie"]),
        ("genre=Science+Fiction", ["Arrival"]),
        ("format=Netflix", ["Cats"]),
        ("genre=Drama&format=Theatre", ["Arrival"]),
        ("ordering=-release_year", ["Cats", "Arrival", "Amélie", "Godfather, The", "Casablanca"]),
        ("ordering=release_year", ["Casablanca", "Godfather, The", "Amélie", "Arrival", "Cats"]),
        (
            "ordering=-rotten_tomatoes",
            ["Casablanca", "Godfather, The", "Arrival", "Amélie", "Cats"],
        ),  # noqa: E501
        ("ordering=-date_seen", ["Cats", "Arrival", "Casablanca", "Amélie", "Godfather, The"]),
        ("ordering=title", ["Amélie", "Arrival", "Casablanca", "Cats", "Godfather, The"]),
    ],
)
def test_search_filters_and_sorts(client, films, query, expected):
    assert shown(client.get(f"/films/?{query}")) == expected


def test_the_form_shows_the_state_of_the_url(client, films):
    html = client.get("/films/?genre=Drama&ordering=-release_year&q=a").content.decode()
    assert '<option value="Drama" selected>Drama</option>' in html
    assert '<option value="-release_year" selected>Newest release</option>' in html
    assert 'value="a"' in html
    # Each active filter can be removed alone; the others stay.
    assert 'href="?genre=Drama&amp;ordering=-release_year"' in html
    assert 'href="?ordering=-release_year&amp;q=a"' in html


def test_filter_choices_come_from_the_data(client, films):
    facets = {facet.name: facet for facet in client.get("/films/").context["facets"]}
    assert [o.label for o in facets["decade"].options] == ["2010s", "2000s", "1970s", "1940s"]
    assert [o.value for o in facets["year_watched"].options] == ["2020", "2016", "2004", "Pre-2006"]
    assert "Science Fiction" in [o.label for o in facets["genre"].options]
    assert [o.value for o in facets["format"].options] == ["DVD", "netflix", "Theatre", "VHS"]
    grades = [o.label for o in facets["grade"].options]
    assert grades[:5] == ["Any A", "Any B", "Any C", "Any D", "A+"]


def test_filter_choices_follow_a_new_film(client, films):
    client.get("/films/")
    Film.objects.create(title="Metropolis", release_year=1927, format="Criterion")
    facets = {facet.name: facet for facet in client.get("/films/").context["facets"]}
    assert "1920s" in [o.label for o in facets["decade"].options]
    assert "Criterion" in [o.value for o in facets["format"].options]


def test_no_match_shows_an_empty_state_with_a_way_back(client, films):
    response = client.get("/films/?q=nothing-like-this")
    html = response.content.decode()
    assert response.status_code == 200
    assert "0 films" in html
    assert "No films match these filters." in html
    assert '<a href="?">Show all films</a>' in html


def test_an_empty_catalog(client):
    html = client.get("/films/").content.decode()
    assert "0 films" in html
    assert "No films match." in html


def test_an_unreadable_filter_says_so(client, films):
    response = client.get("/films/?decade=nineties")
    assert response.status_code == 200
    assert "Some filters could not be read" in response.content.decode()
    assert "Decade: Enter a number." in response.content.decode()
    assert shown(response) == []


def test_compact_list_view(client, films):
    html = client.get("/films/?view=list").content.decode()
    assert '<table class="entries entries-films">' in html
    assert "<td>December 8, 2001</td>" in html
    assert "<td>netflix</td>" in html


def test_posters_are_lazy_and_missing_ones_have_a_placeholder(client, films):
    html = client.get("/films/?ordering=title").content.decode()
    assert re.search(r'<img src="https://images.example/amelie.jpg" alt="" loading="lazy"', html)
    # Amélie's placeholder is there but hidden until its poster fails; Arrival's shows.
    assert re.search(r'class="placeholder" hidden aria-hidden="true">A</span>', html)
    assert re.search(r'class="placeholder" aria-hidden="true">A</span>', html)


def derived(**fields):
    """An unsaved film with its derived fields, for bulk_create (which skips save())."""
    film = Film(**fields)
    film.derive()
    return film


def test_pages_of_the_list(client):
    Film.objects.bulk_create(derived(title=f"Film {n:03}", grade="B") for n in range(PAGE_SIZE + 2))
    first = client.get("/films/?ordering=title")
    second = client.get("/films/?ordering=title&page=2")
    assert len(shown(first)) == PAGE_SIZE
    assert shown(second) == ["Film 048", "Film 049"]
    assert 'rel="next" data-more href="?ordering=title&amp;page=2"' in first.content.decode()
    assert f"{PAGE_SIZE + 2} films" in second.content.decode()
    assert client.get("/films/?page=3").status_code == 404


def test_list_costs_the_same_queries_for_any_number_of_films(client, django_assert_num_queries):
    def make(count):
        Film.objects.bulk_create(
            derived(title=f"T{n}-{count}", release_year=1950 + n % 70, format=f"F{n % 7}",
                    genres="Drama, War", date_text=f"{2000 + n % 20}", grade="A")
            for n in range(count)
        )  # fmt: skip

    make(3)
    with django_assert_num_queries(9) as cold:  # revision, 6 facet queries, count, page
        client.get("/films/?genre=Drama&ordering=-release_year")
    with django_assert_num_queries(3):  # revision, count, page: the facets are cached
        client.get("/films/?genre=Drama&ordering=-release_year")
    make(200)
    with django_assert_num_queries(len(cold.captured_queries)):
        client.get("/films/?genre=Drama&ordering=-release_year")
    with django_assert_num_queries(3):
        client.get("/films/?genre=Drama&ordering=-release_year&page=2")


def test_detail_shows_everything_public(client, films):
    casablanca = films["Casablanca"]
    html = client.get(f"/films/{casablanca.pk}/").content.decode()
    assert "<h1>Casablanca <span" in html
    assert "No. 1 among the A films" in html
    assert "2004-02-14" in html
    assert '<a href="/films/?format=DVD">DVD</a>' in html
    assert '<a href="/films/?genre=Romance">Romance</a>' in html
    assert "99%" in html
    assert 'href="https://www.rottentomatoes.com/m/casablanca"' in html
    assert "Edit in admin" not in html

    godfather = client.get(f"/films/{films['Godfather, The'].pk}/").content.decode()
    assert "2 h 55 min" in godfather
    assert "<dd>Home</dd>" in godfather
    assert "1990s" in godfather


def test_detail_offers_an_edit_link_to_film_editors(client, films, film_editor):
    client.force_login(film_editor)
    html = client.get(f"/films/{films['Arrival'].pk}/").content.decode()
    assert f'href="/films/admin/films/film/{films["Arrival"].pk}/change/"' in html


def test_detail_of_a_missing_film_is_404(client):
    assert client.get("/films/999999/").status_code == 404


def test_stats_page_draws_each_chart(client, films):
    response = client.get("/films/stats/")
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("year-watched", "decade", "rt", "genre"):
        assert f'id="chart-{name}"' in html
    assert html.count("<svg") == 4
    assert "5 films, 5 graded" in html
    genre = next(chart for chart in response.context["charts"] if chart.name == "genre")
    assert [(bar.label, bar.count) for bar in genre.bars][:3] == [
        ("Drama", 3),
        ("Comedy", 2),
        ("Romance", 2),
    ]


def test_stats_agree_with_the_api(client, films):
    charts = {chart.name: chart for chart in client.get("/films/stats/").context["charts"]}
    for kind in ("year-watched", "decade", "rt"):
        api = client.get(f"/api/films/analytics/{kind}").json()
        assert [(b.label, b.count, b.average_score) for b in charts[kind].bars] == [
            (row["label"], row["count"], row["average_score"]) for row in api
        ]


def test_stats_of_a_selection(client, films):
    response = client.get("/films/stats/?genre=Romance&ordering=title&view=list")
    html = response.content.decode()
    assert "2 films matching" in html
    assert 'href="/films/?genre=Romance"' in html
    decade = next(chart for chart in response.context["charts"] if chart.name == "decade")
    assert [bar.label for bar in decade.bars] == ["1940s", "2000s"]


def test_stats_follow_new_films(client, films):
    client.get("/films/stats/")
    Film.objects.create(title="Heat", release_year=1995, grade="A-")
    assert "6 films, 6 graded" in client.get("/films/stats/").content.decode()


@pytest.mark.parametrize(
    "ordering", ["rating", "-rating", "-release_year", "rotten_tomatoes", "-date_seen", "title"]
)
def test_every_page_holds_the_rows_of_the_whole_order(client, ordering):
    """Pages past the middle are read backwards (EitherEndPaginator): ties, empty values
    and the last short page must come out exactly as one forward read would have them."""
    grades = ["A", "A", "B", "", "C"]
    Film.objects.bulk_create(
        derived(title=f"Same {n % 7}", release_year=None if n % 5 == 0 else 1990 + n % 3,
                grade=grades[n % 5], a_grade_rank=n % 4 or None,
                rotten_tomatoes=None if n % 3 == 0 else n % 10,
                date_text=f"{2000 + n % 4}" if n % 6 else "")
        for n in range(3 * PAGE_SIZE + 5)
    )  # fmt: skip
    pages = [
        [film.pk for film in client.get(f"/films/?ordering={ordering}&page={page}")
         .context["page_obj"].object_list]
        for page in range(1, 5)
    ]  # fmt: skip
    whole = client.get(f"/films/?ordering={ordering}").context["filter"].qs
    forward = list(whole.order_by(*whole.query.order_by, "pk").values_list("pk", flat=True))
    assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, PAGE_SIZE, 5]
    assert sum(pages, []) == forward


def test_links_from_imported_data_must_be_web_links(client):
    # Legacy imports and syncs copy text the admin never validated.
    film = Film.objects.create(
        title="Odd Links", rt_link="javascript:alert(1)", image_url="javascript:alert(2)"
    )
    html = client.get(f"/films/{film.pk}/").content.decode()
    assert "javascript:" not in html
    assert 'class="placeholder" aria-hidden="true">OL</span>' in html


def test_where_to_watch_is_shown_with_the_date_it_was_checked(client):
    film = Film.objects.create(
        title="Godfather, The",
        watch_providers={
            "region": "US",
            "link": "https://www.themoviedb.org/movie/238-the-godfather/watch?locale=US",
            "flatrate": ["Paramount Plus"],
            "rent": [],
            "buy": ["Apple TV", "Amazon Video"],
        },
        watch_providers_updated_at=datetime.datetime(2026, 11, 2, 12, tzinfo=datetime.UTC),
    )
    html = client.get(f"/films/{film.pk}/").content.decode()
    assert "<dt>Where to watch</dt>" in html
    assert "<span>Stream: Paramount Plus</span>" in html
    assert "<span>Buy: Apple TV, Amazon Video</span>" in html
    assert "Rent:" not in html
    assert 'href="https://www.themoviedb.org/movie/238-the-godfather/watch?locale=US"' in html
    assert "Checked 2 November 2026 (US)" in html


def test_watch_data_of_another_shape_shows_nothing(client):
    film = Film.objects.create(title="Old row", watch_providers=[{"provider_name": "Netflix"}])
    assert "Where to watch" not in client.get(f"/films/{film.pk}/").content.decode()
