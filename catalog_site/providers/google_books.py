"""Google Books: a book found by ISBN or by title and author, then its cover, page count,
publication date, ISBN, description, rating and Google Books id.

GOOGLE_BOOKS_API_KEY is optional: without it Google allows fewer requests a day.
"""

from typing import NamedTuple
from urllib.parse import quote

from django.conf import settings

from .base import Provider, year_of
from .isbn import isbn13, normalise_isbn


class Candidate(NamedTuple):
    """One search result, enough for a person to tell it from the others."""

    google_books_id: str
    title: str
    authors: str
    year: int | None
    overview: str
    image_url: str
    fields: dict  # the book's fields in the models' vocabulary


class GoogleBooks(Provider):
    name = "Google Books"
    url_setting = "GOOGLE_BOOKS_API_URL"
    requests_per_second = 5.0

    def auth(self):
        return ({"key": settings.GOOGLE_BOOKS_API_KEY} if settings.GOOGLE_BOOKS_API_KEY else {}), {}

    def search(self, *, title="", author="", isbn=""):
        """The volumes Google Books finds for an ISBN, else for a title (and author)."""
        if isbn:
            query = f"isbn:{normalise_isbn(isbn)}"
        else:
            query = " ".join(
                f"{field}:{value}"
                for field, value in (("intitle", title), ("inauthor", author))
                if value
            )
        answer = self.get("/volumes", q=query, maxResults=10, printType="books")
        return [candidate(item) for item in (answer or {}).get("items") or []]

    def volume(self, google_books_id):
        """One volume by its Google Books id, or None when Google has none by that id."""
        answer = self.get(f"/volumes/{quote(google_books_id, safe='')}")
        return candidate(answer) if answer else None


def candidate(item):
    info = item.get("volumeInfo") or {}
    authors = ", ".join(info.get("authors") or [])
    return Candidate(
        google_books_id=item.get("id") or "",
        title=" ".join(filter(None, [info.get("title"), info.get("subtitle")])),
        authors=authors,
        year=year_of(info.get("publishedDate")),
        overview=(info.get("description") or "")[:300],
        image_url=cover(info.get("imageLinks")),
        fields=book_fields(item),
    )


def book_fields(item):
    """A volume's fields in the models' vocabulary."""
    info = item.get("volumeInfo") or {}
    return {
        "google_books_id": item.get("id") or "",
        "image_url": cover(info.get("imageLinks")),
        "pages": info.get("pageCount") or None,
        "published_date": (info.get("publishedDate") or "")[:20],
        "isbn": best_isbn(info.get("industryIdentifiers")),
        "description": info.get("description") or "",
        "average_rating": info.get("averageRating"),
        "ratings_count": info.get("ratingsCount"),
    }


def cover(image_links):
    """The largest cover Google offers, over https (it lists them as http)."""
    links = image_links or {}
    for size in ("large", "medium", "small", "thumbnail", "smallThumbnail"):
        if links.get(size):
            url = links[size]
            return "https://" + url.removeprefix("http://") if url.startswith("http://") else url
    return ""


def best_isbn(identifiers):
    """The ISBN-13 of a volume (made from its ISBN-10 if that is all it has), or ''."""
    found = {item.get("type"): item.get("identifier") for item in identifiers or []}
    for kind in ("ISBN_13", "ISBN_10"):
        try:
            return isbn13(normalise_isbn(found.get(kind)))
        except ValueError:
            continue
    return ""
