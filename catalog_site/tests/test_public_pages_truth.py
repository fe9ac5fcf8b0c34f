"""What the public pages and /api/ say, as a reader finds them: an index at /api/, a
favicon, the current page marked in the navigation, "Pre-2006" first among the years
watched, and no odd sentences on a film or book page."""

import pytest
from django.test import Client

from books.models import Book
from films.models import Film

pytestmark = pytest.mark.django_db


def test_api_answers_an_index_of_itself(client):
    index = client.get("/api/", HTTP_ACCEPT="application/json")
    assert index.status_code == 200
    links = index.json()
    assert links["films"] == "http://testserver/api/films"
    assert links["books"] == "http://testserver/api/books"
    assert links["docs"] == "http://testserver/api/docs/"
    for link in links.values():
        assert client.get(link).status_code == 200, link


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (
        301,
        "/static/catalog_site/favicon.svg",
    )


def test_every_page_has_a_favicon(client, admin_user):
    assert 'rel="icon"' in client.get("/").content.decode()
    client.force_login(admin_user)
    assert 'rel="icon"' in client.get("/films/admin/").content.decode()


def test_the_navigation_marks_the_page_it_is_on(client):
    stats = client.get("/films/stats/").content.decode()
    assert '<a href="/films/stats/" aria-current="page">Film stats</a>' in stats
    assert '<a href="/films/">Films</a>' in stats
    films = client.get("/films/").content.decode()
    assert '<a href="/films/" aria-current="page">Films</a>' in films
    assert '<a href="/films/stats/">Film stats</a>' in films


def test_pre_2006_comes_first_among_the_years_watched(client):
    Film.objects.create(title="Old", year_watched="Pre-2006")
    Film.objects.create(title="New", year_watched="2019")
    Film.objects.create(title="Never said")
    chart = client.get("/films/stats/").context["charts"][0]
    assert [bar.label for bar in chart.bars] == ["Pre-2006", "2019", "unknown"]


@pytest.mark.parametrize(
    ("date_text", "year_watched", "seen"),
    [
        ("1990s", "Pre-2006", "1990s"),
        ("Summer", "2019", "Summer (2019)"),
        ("2019-07-01", "2019", "2019-07-01"),
        ("", "Pre-2006", "Pre-2006"),
    ],
)
def test_seen_says_the_date_and_a_year_only_where_it_adds_one(date_text, year_watched, seen):
    film = Film.objects.create(title="Heat", date_text=date_text, year_watched=year_watched)
    page = Client().get(f"/films/{film.pk}/").content.decode()
    assert f"<dt>Seen</dt><dd>{seen}</dd>" in page


def test_no_rotten_tomatoes_line_without_a_score_or_link():
    film = Film.objects.create(title="Heat")
    assert "Rotten Tomatoes" not in Client().get(f"/films/{film.pk}/").content.decode()
    film.rotten_tomatoes = 87
    film.save()
    assert "<dd>87%</dd>" in Client().get(f"/films/{film.pk}/").content.decode()


def test_a_ranked_book_says_among_the_a_books():
    book = Book.objects.create(title="Dune", grade="A", a_grade_rank=1)
    assert "No. 1 among the A books" in Client().get(f"/books/{book.pk}/").content.decode()
