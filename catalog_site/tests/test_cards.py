"""What a shared link shows: every kind of public page has its Open Graph and Twitter card
and one canonical address, read here with an HTML parser."""

from html.parser import HTMLParser

import pytest

from books.models import Book
from films.models import Film
from shows.models import Show

pytestmark = pytest.mark.django_db

REQUIRED = ("og:title", "og:description", "og:url", "og:type", "og:site_name", "twitter:card")


class Head(HTMLParser):
    """The <meta property|name=... content=...> and <link rel=canonical> of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.canonical = {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (key := attrs.get("property") or attrs.get("name")):
            assert key not in self.meta, f"{key} twice"
            self.meta[key] = attrs.get("content")
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])


def card(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    head = Head()
    head.feed(response.content.decode())
    for key in REQUIRED:
        assert head.meta.get(key), (path, key)
    (canonical,) = head.canonical
    assert canonical == head.meta["og:url"] == f"http://testserver{path.split('?')[0]}"
    return head.meta


@pytest.fixture
def entries():
    poster = "http://image.tmdb.org/t/p/w500/godfather.jpg"  # shown over https
    return {
        "films": Film.objects.create(title="Godfather, The", release_year=1972, grade="A+",
                                     date_text="1990s", image_url=poster),
        "books": Book.objects.create(title="Right Stuff, The", author="Wolfe, Tom", grade="A",
                                     date_text="May-99", notes="Test pilots. " * 40),
        "shows": Show.objects.create(title="Wire, The", start_year=2002, end_year=2008,
                                     image_url="javascript:alert(1)"),
    }  # fmt: skip


def test_a_detail_page_shares_its_title_grade_and_poster(client, entries):
    film = card(client, f"/films/{entries['films'].pk}/")
    assert (film["og:title"], film["og:type"]) == ("The Godfather (1972)", "video.movie")
    assert film["og:description"] == "Graded A+. Seen 1990s."
    assert film["og:image"] == "https://image.tmdb.org/t/p/w500/godfather.jpg"
    assert film["twitter:card"] == "summary_large_image"
    book = card(client, f"/books/{entries['books'].pk}/")
    assert (book["og:title"], book["og:type"]) == ("The Right Stuff by Tom Wolfe", "book")
    assert book["og:description"].startswith("Graded A. Read May-99. Test pilots.")
    assert book["og:description"].endswith("…")
    assert len(book["og:description"]) < 250
    show = card(client, f"/shows/{entries['shows'].pk}/")
    assert (show["og:title"], show["og:type"]) == ("The Wire (2002–2008)", "video.tv_show")
    assert "og:image" not in show  # a javascript: address is no image
    assert show["twitter:card"] == "summary"


def test_a_list_shares_its_first_poster_and_the_others_the_site(client, entries):
    films = card(client, "/films/?ordering=title")
    assert films["og:title"] == "Films"
    assert films["og:image"] == "https://image.tmdb.org/t/p/w500/godfather.jpg"
    assert "og:image" not in card(client, "/books/")
    for path in ("/", "/films/stats/", "/books/stats/", "/shows/stats/", "/shows/"):
        meta = card(client, path)
        assert meta["og:site_name"] == "Catalog"
        assert meta["og:type"] == "website"
    assert (
        card(client, "/")["og:description"] == "Films, books and TV shows, with grades and notes."
    )
    assert card(client, "/shows/stats/")["og:title"] == "TV shows in numbers"


def test_the_site_is_named_by_its_settings(client, entries, settings):
    settings.SITE_NAME = "Ada Lovelace - Films & Books"
    settings.SITE_DESCRIPTION = "What I watch and read."
    home = card(client, "/")
    assert (home["og:site_name"], home["og:title"]) == (settings.SITE_NAME, settings.SITE_NAME)
    assert home["og:description"] == "What I watch and read."
    assert card(client, "/books/")["og:description"] == "What I watch and read."
    html = client.get("/").content.decode()
    assert '<meta name="description" content="What I watch and read.">' in html
    assert '<meta property="og:site_name" content="Ada Lovelace - Films &amp; Books">' in html
