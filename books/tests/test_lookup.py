"""Looking books up on Google Books, then Open Library (local fakes of both)."""

import pytest

from books.lookup import look_up
from books.models import Book
from catalog_site.providers.lookup import fill

pytestmark = pytest.mark.django_db

NOTHING = {"kind": "books#volumes", "totalItems": 0}


def volume(volume_id, title, authors, **info):
    return {
        "kind": "books#volume",
        "id": volume_id,
        "volumeInfo": {"title": title, "authors": authors, **info},
    }


def test_an_isbn_fills_the_blanks_from_google_books(fake_providers, provider_answer):
    fake_providers.expect_request("/books/v1/volumes").respond_with_json(
        provider_answer("google_books_isbn.json")
    )
    book = Book.objects.create(title="Catcher in the Rye, The", isbn="0316769487", pages=277)
    assert fill(book, look_up(book).values) == [
        "average_rating", "description", "google_books_id", "image_url", "published_date",
        "ratings_count",
    ]  # fmt: skip
    book.refresh_from_db()
    assert book.pages == 277  # as typed
    assert book.isbn == "0316769487"  # as typed, too
    assert book.google_books_id == "gBqQEAAAQBAJ"
    [request] = [request for request, _ in fake_providers.log]
    assert request.args["q"] == "isbn:0316769487"


def test_a_title_and_author_find_the_book(fake_providers):
    query = {
        "q": "intitle:The Right Stuff inauthor:Wolfe",
        "maxResults": "10",
        "printType": "books",
    }
    items = [
        volume("a1", "The Right Stuff", ["Tom Wolfe"], pageCount=436, publishedDate="1979"),
        volume("a2", "The Right Stuff: A Novel", ["Tom Wolfe"], pageCount=448),
        volume("b1", "The Right Stuff Workbook", ["Someone Else"]),
    ]
    fake_providers.expect_request("/books/v1/volumes", query_string=query).respond_with_json(
        {"kind": "books#volumes", "totalItems": 3, "items": items}
    )
    lookup = look_up(Book(title="Right Stuff, The", author="Wolfe, Tom"))
    assert (lookup.values["google_books_id"], lookup.values["pages"]) == ("a1", 436)
    assert not lookup.candidates


def test_the_same_title_by_different_authors_is_for_the_owner_to_choose(fake_providers):
    fake_providers.expect_request("/books/v1/volumes").respond_with_json({"items": [
        volume("d1", "Dune", ["Frank Herbert"]),
        volume("d2", "Dune", ["Somebody Else"]),
    ]})  # fmt: skip
    lookup = look_up(Book(title="Dune"))
    assert lookup.ambiguous
    assert [(found.google_books_id, found.authors) for found in lookup.candidates] == [
        ("d1", "Frank Herbert"),
        ("d2", "Somebody Else"),
    ]


def test_open_library_when_google_books_knows_nothing(fake_providers, provider_answer):
    fake_providers.expect_request("/books/v1/volumes").respond_with_json(NOTHING)
    fake_providers.expect_request("/ol/search.json").respond_with_json(
        provider_answer("open_library_search.json")
    )
    lookup = look_up(Book(title="Fantastic Mr Fox", author="Dahl, Roald"))
    assert lookup.values == {
        "image_url": "https://covers.example/b/id/6498519-L.jpg",
        "pages": 96,
        "year_written": 1970,
        "isbn": "9780140328721",
    }


def test_google_books_down_is_said_and_open_library_still_asked(fake_providers, provider_answer):
    fake_providers.expect_request("/books/v1/volumes").respond_with_data("busy", status=500)
    fake_providers.expect_request("/ol/search.json").respond_with_json(
        provider_answer("open_library_search.json")
    )
    lookup = look_up(Book(title="Fantastic Mr Fox", author="Roald Dahl"))
    assert lookup.problems == ["Google Books is not answering (500); try again later."]
    assert lookup.values["pages"] == 96


def test_nothing_anywhere_is_said(fake_providers):
    fake_providers.expect_request("/books/v1/volumes").respond_with_json(NOTHING)
    fake_providers.expect_request("/ol/search.json").respond_with_json({"numFound": 0, "docs": []})
    assert look_up(Book(title="Xyzzy", author="Nobody")).problems == [
        "No book found for 'Xyzzy' by Nobody."
    ]


def test_a_wrong_isbn_is_said_before_asking_anyone(fake_providers):
    assert look_up(Book(title="X", isbn="0316769488")).problems == [
        "'0316769488' is not a valid ISBN (its check digit does not match)."
    ]
    assert fake_providers.log == []


def test_a_chosen_google_books_id_is_fetched(fake_providers, provider_answer):
    fake_providers.expect_request("/books/v1/volumes/gBqQEAAAQBAJ").respond_with_json(
        provider_answer("google_books_isbn.json")["items"][0]
    )
    fake_providers.expect_request("/books/v1/volumes/nope").respond_with_json(
        {"error": {"code": 404, "message": "The volume ID could not be found."}}, status=404
    )
    assert look_up(Book(title="X"), google_books_id="gBqQEAAAQBAJ").values["pages"] == 224
    assert look_up(Book(title="X"), google_books_id="nope").problems == [
        "Google Books has no book with the id nope."
    ]
