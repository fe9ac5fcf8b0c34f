"""Filling books from Google Books and Open Library in the admin (local fakes of both)."""

import pytest
from django.contrib.messages import get_messages

from books.models import Book

pytestmark = pytest.mark.django_db

CHANGELIST = "/books/admin/books/book/"


def test_adding_a_book_by_isbn_fills_in_the_blanks(
    client, book_editor, fake_providers, provider_answer
):
    fake_providers.expect_request("/books/v1/volumes").respond_with_json(
        provider_answer("google_books_isbn.json")
    )
    client.force_login(book_editor)
    response = client.post(
        f"{CHANGELIST}add/",
        {"title": "Catcher in the Rye, The", "isbn": "0-316-76948-7"},
        follow=True,
    )
    book = Book.objects.get()
    assert (book.pages, book.google_books_id, book.published_date) == (
        224,
        "gBqQEAAAQBAJ",
        "1991-05-01",
    )
    assert book.image_url.startswith("https://books.google.com/books/content?id=gBqQEAAAQBAJ")
    assert book.isbn == "0-316-76948-7"  # as typed
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(message.startswith("Filled in from the providers: ") for message in messages)


def test_a_book_without_a_match_is_saved_and_the_reason_said(client, book_editor, fake_providers):
    fake_providers.expect_request("/books/v1/volumes").respond_with_json({"totalItems": 0})
    fake_providers.expect_request("/ol/search.json").respond_with_json({"numFound": 0, "docs": []})
    client.force_login(book_editor)
    response = client.post(f"{CHANGELIST}add/", {"title": "Xyzzy", "author": "Nobody"}, follow=True)
    assert Book.objects.get().title == "Xyzzy"
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert "No book found for 'Xyzzy' by Nobody." in messages


def test_books_of_one_title_by_different_authors_are_picked_on_the_lookup_page(
    client, book_editor, fake_providers, provider_answer
):
    book = Book.objects.create(title="Fantastic Mr Fox")
    fake_providers.expect_request("/books/v1/volumes").respond_with_json(
        {"items": [
            {"id": "x1", "volumeInfo": {"title": "Fantastic Mr Fox", "authors": ["Roald Dahl"]}},
            {"id": "x2", "volumeInfo": {"title": "Fantastic Mr Fox", "authors": ["A Parody"]}},
        ]}
    )  # fmt: skip
    client.force_login(book_editor)
    page = client.get(f"{CHANGELIST}{book.pk}/lookup/")
    assert [candidate.authors for candidate, _ in page.context["candidates"]] == [
        "Roald Dahl",
        "A Parody",
    ]
    assert f'href="{CHANGELIST}{book.pk}/lookup/?google_books_id=x1"' in page.content.decode()
