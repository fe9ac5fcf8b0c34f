"""The year in review: which rows make a year (CatalogQuerySet.of_year and years()), its
numbers (catalog.years.review), its pages and its API."""

import re
import xml.etree.ElementTree as ET

import pytest

from books.models import Book
from catalog_site.catalog.years import A_LIST_LIMIT, review
from films.analytics import YEAR_REVIEW as FILM_YEAR
from films.models import Film
from shows.models import Show

pytestmark = pytest.mark.django_db


def film(title, date_text="", year_watched="", grade="", **values):
    return Film.objects.create(
        title=title, date_text=date_text, year_watched=year_watched, grade=grade, **values
    )


@pytest.fixture
def films_2023_2024():
    """Two years of films, written every way the owner writes them."""
    return {
        "opening": film("Opening", "January 3, 2024", grade="A-", length_minutes=100),
        "ranked": film("Ranked First", "2024-06", grade="A-", a_grade_rank=1, length_minutes=95),
        "unranked": film("Best Unranked", "March 2024", grade="A+", length_minutes=None),
        "longest": film("Longest", "2024-05-20", grade="B", length_minutes=201),
        "closing": film("Closing", "December 30, 2024", grade="C", length_minutes=90),
        # The year written wins over the date's, as the old spreadsheet's did.
        "written": film("Written 2024", "2023-12-30", year_watched="2024", grade="B"),
        "year only": film("Year Only", "2024", length_minutes=80),
        "last year": film("Last Year", "May 5, 2023", grade="A", length_minutes=120),
        "other last year": film("Other Last Year", "2023", grade="C+"),
        "decade": film("Nineties", "1990s", grade="B"),
        "period": film("Before", year_watched="Pre-2006", grade="B"),
        "undated": film("Undated", grade="B"),
    }


def test_a_row_belongs_to_the_year_its_owner_wrote_else_to_its_dates(films_2023_2024):
    assert Film.objects.years() == {2023: 2, 2024: 7}
    in_2024 = {row.title for row in Film.objects.of_year(2024)}
    assert in_2024 == {
        "Opening",
        "Ranked First",
        "Best Unranked",
        "Longest",
        "Closing",
        "Written 2024",
        "Year Only",
    }
    assert {row.title for row in Film.objects.of_year(2023)} == {"Last Year", "Other Last Year"}
    # "1990s" names no year, nor does "Pre-2006".
    assert not Film.objects.of_year(1990).exists()
    assert not Film.objects.of_year(2006).exists()


def test_years_and_of_year_agree_for_every_catalog():
    Book.objects.create(title="Written", author="A", year=2020, date_text="2019-04-01")
    Book.objects.create(title="Dated", author="B", date_text="June 2021")
    Book.objects.create(title="Decade", author="C", date_text="1990s")
    Show.objects.create(title="Dated Show", date_text="2022-02-02")
    Show.objects.create(title="Decade Show", date_text="2000s")
    film("Film", "2022-01-01")
    for model in (Film, Book, Show):
        years = model.objects.years()
        assert years, model
        for year, count in years.items():
            assert model.objects.of_year(year).count() == count, (model, year)
        counted = sum(years.values())
        assert counted < model.objects.count() or model is Film
    assert Book.objects.years() == {2020: 1, 2021: 1}
    assert Show.objects.years() == {2022: 1}


def test_the_review_counts_compares_and_names(films_2023_2024):
    result = review(Film, 2024, FILM_YEAR)
    assert result.totals.count == 7
    assert result.totals.graded == 6
    assert result.previous.year == 2023
    assert result.previous.count == 2
    # A- 16, A- 16, A+ 20, B 12, C 6, B 12: 82 / 6.
    assert result.totals.average_score == pytest.approx(82 / 6)
    months = {row["label"]: row["count"] for row in result.tables["month"]}
    assert months == {"January": 1, "March": 1, "May": 1, "June": 1, "December": 1,
                      "Month unknown": 2}  # fmt: skip
    assert [row["label"] for row in result.tables["month"]][-1] == "Month unknown"
    grades = [row["label"] for row in result.tables["grade"]]
    assert grades == ["A+", "A-", "B", "C", "Ungraded"]
    # The best grade first; within a grade, the owner's ranking.
    assert [row.title for row in result.a_list] == ["Best Unranked", "Ranked First", "Opening"]
    assert result.a_count == 3
    assert result.first.title == "Opening"
    assert result.last.title == "Closing"
    assert result.longest.title == "Longest"
    assert (result.total_length, result.measured) == (100 + 95 + 201 + 90 + 80, 5)
    assert (result.earlier, result.later) == (2023, None)
    assert review(Film, 2022, FILM_YEAR) is None


def test_the_year_page_tells_the_year_and_links_its_neighbours(client, films_2023_2024):
    response = client.get("/films/year/2024/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Films of 2024</h1>" in html
    assert "7</strong> films seen in 2024, 5 more than in 2023 (2)." in html
    assert 'href="/films/year/2023/" rel="prev"' in html
    assert 'rel="next"' not in html
    assert re.search(r"First of the year.*Opening.*Last of the year.*Closing", html, re.S)
    assert re.search(r"The longest.*>Longest<.*201 minutes", html, re.S)
    a_list = html[html.index('class="ranked"') : html.index("</ol>", html.index('class="ranked"'))]
    assert a_list.index("Best Unranked") < a_list.index("Ranked First") < a_list.index("Opening")
    for name in ("month", "grade", "genre"):
        assert f'id="chart-{name}"' in html
    assert '<meta property="og:title" content="Films of 2024">' in html
    assert "7 films seen in 2024, on average" in html


def test_the_list_link_of_a_year_finds_the_same_rows(client, films_2023_2024):
    html = client.get("/films/year/2024/").content.decode()
    link = re.search(r'href="(/films/\?year_watched=2024)">All 7 in the list', html).group(1)
    listed = client.get(f"{link}&view=list").content.decode()
    assert listed.count('<th scope="row">') == 7
    assert client.get("/api/films", {"year_watched": "2024"}).json().__len__() == 7


def test_a_year_has_one_address(client, films_2023_2024):
    response = client.get("/films/year/02024/")
    assert response.status_code == 301
    assert response["Location"] == "/films/year/2024/"


def test_a_year_without_rows_is_not_found(client, films_2023_2024):
    for path in ("/films/year/2022/", "/films/year/0/", "/films/year/99999999999999999999/",
                 "/books/year/2024/", "/shows/year/2024/"):  # fmt: skip
        assert client.get(path).status_code == 404, path


def test_the_years_page_and_the_stats_page_link_every_year(client, films_2023_2024):
    html = client.get("/films/year/").content.decode()
    assert html.index('href="/films/year/2024/"') < html.index('href="/films/year/2023/"')
    assert "7 films" in html
    assert "2 films" in html
    stats = client.get("/films/stats/").content.decode()
    assert 'href="/films/year/2024/"' in stats
    assert 'href="/films/year/2023/"' in stats
    assert client.get("/books/year/").status_code == 200


def test_the_year_page_costs_a_few_queries_and_none_once_cached(
    client, films_2023_2024, django_assert_max_num_queries
):
    for extra in range(30):
        film(f"More {extra}", f"2024-02-{extra % 28 + 1:02d}", grade="B", genres="Drama, Crime")
    with django_assert_max_num_queries(16):
        assert client.get("/films/year/2024/").status_code == 200
    with django_assert_max_num_queries(2):  # the revision, and the session-less page
        assert client.get("/films/year/2024/").status_code == 200


def test_the_api_gives_the_same_numbers(client, films_2023_2024):
    assert client.get("/api/films/year").json() == [
        {"year": 2023, "count": 2},
        {"year": 2024, "count": 7},
    ]
    data = client.get("/api/films/year/2024").json()
    assert data["year"] == 2024
    assert data["count"] == 7
    assert data["graded"] == 6
    assert data["average_score"] == 13.67
    assert data["average_grade"] == "B+"
    assert data["previous"]["count"] == 2
    assert data["previous"]["year"] == 2023
    assert [row["title"] for row in data["a_list"]] == ["Best Unranked", "Ranked First", "Opening"]
    # Entries as the rest of the API gives them (the Flask-era names).
    assert data["a_list"][0]["letter_rating"] == "A+"
    assert data["first"]["title"] == "Opening"
    assert data["longest"]["length_minutes"] == 201
    assert data["length"] == {"field": "length_minutes", "unit": "minutes", "total": 566,
                              "known": 5}  # fmt: skip
    assert data["charts"]["grade"][0] == {"label": "A+", "count": 1, "average_score": None}
    assert (data["earlier"], data["later"]) == (2023, None)
    page = client.get("/films/year/2024/").content.decode()
    assert f"{data['count']}</strong> films" in page


def test_the_api_reads_a_year_as_the_pages_do(client, films_2023_2024):
    assert client.get("/api/films/year/02024").json()["year"] == 2024
    Show.objects.create(title="Severance", date_text="2024-03-01")
    html = client.get("/shows/year/2024/").content.decode()
    assert "<h1>TV shows of 2024</h1>" in html
    assert "See it in the list" in html


def test_the_api_answers_a_year_without_rows_with_json(client, films_2023_2024):
    for path in ("/api/films/year/2022", "/api/films/year/99999999999999999999"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["years"] == [2023, 2024]


def test_the_year_filters_match_the_year_pages(client):
    Book.objects.create(title="Written", author="A", year=2020)
    Book.objects.create(title="Dated only", author="B", date_text="2020-03-01")
    Book.objects.create(title="Written elsewhere", author="C", year=2019, date_text="2020-05-01")
    titles = {row["book_name"] for row in client.get("/api/books", {"year": "2020"}).json()}
    assert titles == {"Written", "Dated only"}
    assert client.get("/api/books", {"year": "2020.5"}).json() == []
    film("Nineties", "1990s")
    assert client.get("/api/films", {"year_watched": "1990"}).json() == []


def test_the_sitemap_lists_the_year_pages(client, films_2023_2024):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    urls = {node.text for node in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {"http://testserver/films/year/", "http://testserver/films/year/2023/",
            "http://testserver/films/year/2024/"} <= urls  # fmt: skip


def test_an_a_list_longer_than_the_page_links_to_all_of_it(client):
    for number in range(A_LIST_LIMIT + 1):
        film(f"Great {number:03d}", "2022-05-05", grade=["A+", "A", "A-"][number % 3])
    film("Good", "2022-05-06", grade="B+")
    html = client.get("/films/year/2022/").content.decode()
    a_list = html[html.index('class="ranked"') : html.index("</ol>", html.index('class="ranked"'))]
    assert a_list.count("<li>") == A_LIST_LIMIT
    link = re.search(r'<a href="([^"]+)">All 101 A-grade films of 2022</a>', html).group(1)
    listed = client.get(link.replace("&amp;", "&"))
    assert listed.context["page_obj"].paginator.count == A_LIST_LIMIT + 1
    assert listed.context["page_obj"].object_list[0].grade == "A+"
