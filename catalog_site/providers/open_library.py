"""Open Library: books Google Books does not know, by ISBN or by title and author. No key.

Covers are images on a separate host (OPEN_LIBRARY_COVERS_URL), named by the cover id of
a search result; the catalog stores their URL and never downloads them.
"""

from django.conf import settings

from .base import Provider
from .google_books import Candidate
from .isbn import isbn13, normalise_isbn

# The fields of a search result the catalog reads; asking for these alone keeps answers small.
FIELDS = "key,title,subtitle,author_name,first_publish_year,isbn,cover_i,number_of_pages_median"


class OpenLibrary(Provider):
    name = "Open Library"
    url_setting = "OPEN_LIBRARY_URL"
    requests_per_second = 3.0

    def search(self, *, title="", author="", isbn=""):
        """The works Open Library finds for an ISBN, else for a title (and author)."""
        if isbn:
            answer = self.get("/search.json", isbn=normalise_isbn(isbn), fields=FIELDS, limit=10)
        else:
            answer = self.get("/search.json", title=title, author=author, fields=FIELDS, limit=10)
        return [candidate(doc) for doc in (answer or {}).get("docs") or []]


def candidate(doc):
    image_url = cover(doc.get("cover_i"))
    return Candidate(
        google_books_id="",
        title=" ".join(filter(None, [doc.get("title"), doc.get("subtitle")])),
        authors=", ".join(doc.get("author_name") or []),
        year=doc.get("first_publish_year"),
        overview="",
        image_url=image_url,
        fields={
            "image_url": image_url,
            "pages": doc.get("number_of_pages_median") or None,
            "year_written": doc.get("first_publish_year"),
            "isbn": first_isbn(doc.get("isbn")),
        },
    )


def cover(cover_id):
    if not isinstance(cover_id, int) or cover_id <= 0:
        return ""
    return f"{settings.OPEN_LIBRARY_COVERS_URL.rstrip('/')}/b/id/{cover_id}-L.jpg"


def first_isbn(isbns):
    """The first valid ISBN of a work, as ISBN-13, or ''."""
    for value in isbns or []:
        try:
            return isbn13(normalise_isbn(value))
        except ValueError:
            continue
    return ""
