"""The public book pages: /books/, /books/<id>/ and /books/stats/."""

import pytest

from books.models import Book

pytestmark = pytest.mark.django_db


@pytest.fixture
def books():
    rows = [
        dict(title="Right Stuff, The", author="Wolfe, Tom", grade="A", a_grade_rank=1,
             date_text="February 15, 1999", year=1999, type="NF/HIST", format="Book", pages=436,
             notes="Still the best book about test pilots.\n\nRead it twice."),
        dict(title="Bonfire of the Vanities, The", author="Wolfe, Tom", grade="B+",
             date_text="May-2003", year=2003, type="FICT", format="kindle", pages=690),
        dict(title="Innovator's Solution, The",
             author="Christensen, Clayton & Raynor, Michael", grade="B", year=2004,
             type="NF/BUS", format="Book", pages=320,
             image_url="https://covers.example/innovator.jpg"),
        dict(title="Educated", author="Westover, Tara", grade="A-", year=2019,
             date_text="2019-03-02", type="NF/BIO", format="Audible"),
    ]  # fmt: skip
    return {row["title"]: Book.objects.create(**row) for row in rows}


def shown(response):
    return [book.title for book in response.context["page_obj"].object_list]


def test_list_shows_every_book_best_first(client, books):
    response = client.get("/books/")
    assert response.status_code == 200
    assert shown(response)[:2] == ["Right Stuff, The", "Educated"]
    html = response.content.decode()
    assert "The Right Stuff" in html
    assert "Tom Wolfe" in html
    assert "Wolfe, Tom" not in html
    assert "4 books" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=tom+wolfe", ["Right Stuff, The", "Bonfire of the Vanities, The"]),
        ("author=Tom+Wolfe", ["Right Stuff, The", "Bonfire of the Vanities, The"]),
        ("grade=B%2B", ["Bonfire of the Vanities, The"]),
        ("year=2019", ["Educated"]),
        ("type=FICT", ["Bonfire of the Vanities, The"]),
        ("form=Kindle", ["Bonfire of the Vanities, The"]),
        ("ordering=-date_read", ["Educated", "Bonfire of the Vanities, The", "Right Stuff, The",
                                 "Innovator's Solution, The"]),
        ("ordering=-pages", ["Bonfire of the Vanities, The", "Right Stuff, The",
                             "Innovator's Solution, The", "Educated"]),
    ],
)  # fmt: skip
def test_search_filters_and_sorts(client, books, query, expected):
    assert shown(client.get(f"/books/?{query}")) == expected


def test_an_author_filter_is_shown_and_kept_by_the_form(client, books):
    html = client.get("/books/?author=Tom+Wolfe").content.decode()
    assert "Author: Tom Wolfe" in html
    assert '<input type="hidden" name="author" value="Tom Wolfe">' in html


def test_compact_list_view(client, books):
    html = client.get("/books/?view=list").content.decode()
    assert "<td>Clayton Christensen &amp; Michael Raynor</td>" in html
    assert "<td>February 15, 1999</td>" in html


def test_detail_shows_everything_public(client, books):
    html = client.get(f"/books/{books['Right Stuff, The'].pk}/").content.decode()
    assert "<h1>The Right Stuff</h1>" in html
    assert '<a href="/books/?author=Tom%20Wolfe">Tom Wolfe</a>' in html
    assert "No. 1 among the A books" in html
    assert "February 15, 1999" in html
    assert "<dd>436</dd>" in html
    assert '<a href="/books/?type=NF/HIST">NF/HIST</a>' in html
    assert "<p>Still the best book about test pilots.</p>\n\n<p>Read it twice.</p>" in html
    assert 'class="placeholder" aria-hidden="true">RS</span>' in html


def test_detail_links_each_author_and_shows_the_cover(client, books):
    book = books["Innovator's Solution, The"]
    html = client.get(f"/books/{book.pk}/").content.decode()
    assert '<a href="/books/?author=Clayton%20Christensen">Clayton Christensen</a>' in html
    assert '<a href="/books/?author=Michael%20Raynor">Michael Raynor</a>' in html
    assert 'alt="Cover of The Innovator&#x27;s Solution" loading="eager"' in html


def test_detail_of_a_missing_book_is_404(client):
    assert client.get("/books/424242/").status_code == 404


def test_stats_page_draws_each_chart(client, books):
    response = client.get("/books/stats/")
    html = response.content.decode()
    assert html.count("<svg") == 4
    charts = {chart.name: chart for chart in response.context["charts"]}
    assert [(bar.label, bar.count) for bar in charts["authors"].bars][0] == ("Tom Wolfe", 2)
    assert [(bar.label, bar.count) for bar in charts["form"].bars][0] == ("Book", 2)
    assert [bar.label for bar in charts["year"].bars] == ["1999", "2003", "2004", "2019"]
    assert "4 books, 4 graded" in html
