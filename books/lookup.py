"""Looking a book up as the old site did: Google Books for the cover, page count, publication
date, ISBN, description and Google Books id; Open Library when Google Books knows nothing."""

import re

from catalog_site.catalog.text import fold, split_people
from catalog_site.providers.base import ProviderError
from catalog_site.providers.google_books import GoogleBooks
from catalog_site.providers.isbn import InvalidISBN, normalise_isbn
from catalog_site.providers.lookup import Lookup, same_title
from catalog_site.providers.open_library import OpenLibrary

MAX_CANDIDATES = 10


def look_up(book, *, isbn=None, google_books_id=None, cache_age=None, ask_omdb=True):
    """What the providers know about `book`, found by `google_books_id`, else by `isbn` or
    the book's own ISBN, else by its title and author. Writes nothing but the providers'
    answer cache, when `cache_age` is given (see Provider). (`ask_omdb` is for films.)"""
    lookup = Lookup()
    isbn = isbn or book.isbn
    if isbn:
        try:
            isbn = normalise_isbn(isbn)
        except InvalidISBN as error:
            lookup.problems.append(str(error))
            return lookup
    with GoogleBooks(cache_age=cache_age) as google, OpenLibrary(cache_age=cache_age) as library:
        if google_books_id:
            try:
                found = google.volume(google_books_id)
            except ProviderError as error:
                lookup.problems.append(str(error))
                return lookup
            if found is None:
                lookup.problems.append(f"Google Books has no book with the id {google_books_id}.")
            else:
                lookup.values.update(found.fields)
            return lookup
        for provider in (google, library):
            try:
                results = search(provider, book, isbn)
            except ProviderError as error:
                lookup.problems.append(str(error))
                continue
            if results:
                choose(book, results, isbn, lookup)
                return lookup
        lookup.problems.append(f"No book found for {describe(book, isbn)}.")
    return lookup


def choice_of(candidate):
    """The query parameters that choose a search result on the look-up page: its Google
    Books id, or for an Open Library result its ISBN."""
    if candidate.google_books_id:
        return {"google_books_id": candidate.google_books_id}
    return {"isbn": candidate.fields.get("isbn", "")}


def search(provider, book, isbn):
    if isbn:
        return provider.search(isbn=isbn)
    people = split_people(book.author)
    surname = people[0].split()[-1] if people else ""
    return provider.search(title=book.display_title, author=surname)


def choose(book, results, isbn, lookup):
    """Take the match when there is one book behind the results (editions of one work by
    the same authors count as one); else offer them as candidates."""
    if isbn:
        lookup.values.update(results[0].fields)
        return
    plausible = [
        result
        for result in results
        if same_title(result.title.split(":")[0], book.display_title)
        and (not book.author or by_the_same_author(result.authors, book.author))
    ]
    authors = {fold(result.authors) for result in plausible}
    if len(authors) == 1:
        lookup.values.update(plausible[0].fields)
    else:
        lookup.candidates = (plausible or results)[:MAX_CANDIDATES]


def by_the_same_author(found, typed):
    """Whether the surname of the first author typed is among a result's authors."""
    people = split_people(typed)
    return bool(people) and fold(people[0].split()[-1]) in re.findall(r"\w+", fold(found))


def describe(book, isbn):
    if isbn:
        return f"ISBN {isbn}"
    by = f" by {book.author_display}" if book.author else ""
    return f"{book.display_title!r}{by}"
