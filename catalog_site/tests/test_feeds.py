"""The RSS 2.0 and Atom 1.0 feeds of each catalog and of all, read with a real XML parser:
the elements each format requires, newest first, and ids that do not change with an edit."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from books.models import Book
from films.models import Film
from shows.models import Show

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def entries():
    return {
        "film": Film.objects.create(title="Godfather, The", release_year=1972, grade="A+",
                                    date_text="2024-03-02",
                                    image_url="http://image.tmdb.org/t/p/w500/godfather.jpg"),
        "book": Book.objects.create(title="Right Stuff, The", author="Wolfe, Tom", grade="A",
                                    date_text="2024-05-10",
                                    notes="Test pilots.\n\nAnd <b>more</b>."),
        "show": Show.objects.create(title="Wire, The", start_year=2002, end_year=2008,
                                    date_text="2023-11-30", notes="A city."),
        "undated": Film.objects.create(title="Heat", grade="B"),
    }  # fmt: skip


def parsed(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    return ET.fromstring(response.content)


def rss_items(client, url):
    root = parsed(client, url, "application/rss+xml")
    assert (root.tag, root.get("version")) == ("rss", "2.0")
    (channel,) = root.findall("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    items = channel.findall("item")
    for item in items:
        for required in ("title", "link", "description", "guid", "pubDate"):
            assert item.findtext(required), required
        assert item.find("guid").get("isPermaLink") == "false"
    return channel, items


def atom_entries(client, url):
    root = parsed(client, url, "application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{required}"), required
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    found = root.findall(f"{ATOM}entry")
    for entry in found:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}"), required
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/")
    return root, found


def test_the_feed_of_everything_is_newest_first_by_the_date(client, entries):
    channel, items = rss_items(client, "/feed/rss/")
    assert channel.findtext("title") == "Catalog: Films, books and TV shows"
    assert [item.findtext("title") for item in items] == [
        "The Right Stuff by Tom Wolfe – A", "The Godfather (1972) – A+", "The Wire (2002–2008)",
    ]  # fmt: skip
    assert items[0].findtext("pubDate") == "Fri, 10 May 2024 12:00:00 +0000"
    assert items[0].findtext("link") == f"http://testserver/books/{entries['book'].pk}/"
    assert items[0].findtext("category") == "Books"


def test_an_item_has_the_poster_grade_date_and_notes(client, entries):
    _, items = rss_items(client, "/feed/rss/")
    film, book = items[1].findtext("description"), items[0].findtext("description")
    assert '<img src="https://image.tmdb.org/t/p/w500/godfather.jpg"' in film
    assert "Grade A+ · 2024-03-02" in film
    assert "<p>Test pilots.</p>" in book
    assert "&lt;b&gt;more&lt;/b&gt;" in book  # the notes are text, not markup


def test_each_catalog_has_its_own_feeds(client, entries):
    channel, items = rss_items(client, "/shows/feed/rss/")
    assert channel.findtext("title") == "Catalog: TV shows"
    assert [item.findtext("title") for item in items] == ["The Wire (2002–2008)"]
    root, found = atom_entries(client, "/films/feed/atom/")
    assert root.findtext(f"{ATOM}title") == "Catalog: Films"
    assert [entry.findtext(f"{ATOM}title") for entry in found] == ["The Godfather (1972) – A+"]
    assert client.get("/plays/feed/rss/").status_code == 404
    assert client.get("/films/feed/json/").status_code == 404


def test_an_edit_keeps_the_items_id(client, entries):
    _, before = atom_entries(client, "/feed/atom/")
    film = entries["film"]
    film.title = "The Godfather"
    film.grade = "A"
    film.save()
    _, after = atom_entries(client, "/feed/atom/")
    ids = [entry.findtext(f"{ATOM}id") for entry in after]
    assert ids == [entry.findtext(f"{ATOM}id") for entry in before]
    assert f"urn:uuid:{film.uuid}" in ids
    titles = [entry.findtext(f"{ATOM}title") for entry in after]
    assert "The Godfather (1972) – A" in titles


def test_a_feed_holds_the_latest_fifty(client):
    start = datetime.date(2020, 1, 1)
    for day in range(60):
        Film.objects.create(title=f"Film {day}", date_text=str(start + datetime.timedelta(day)))
    _, items = rss_items(client, "/films/feed/rss/")
    assert len(items) == 50
    assert items[0].findtext("title") == "Film 59"


def test_an_empty_catalog_has_a_valid_empty_feed(client, db):
    _, items = rss_items(client, "/books/feed/rss/")
    assert items == []
    _, found = atom_entries(client, "/feed/atom/")
    assert found == []


def test_every_page_links_its_feeds(client, entries):
    html = client.get("/films/").content.decode()
    for kind, title, href in [
        ("rss", "Films (RSS)", "/films/feed/rss/"),
        ("atom", "Everything (Atom)", "/feed/atom/"),
    ]:
        link = f'<link rel="alternate" type="application/{kind}+xml" title="{title}" href="{href}">'
        assert link in html
    home = client.get("/").content.decode()
    assert 'href="/feed/rss/"' in home
    assert "/films/feed/" not in home
    assert (
        'href="/shows/feed/atom/"' in client.get(f"/shows/{entries['show'].pk}/").content.decode()
    )
