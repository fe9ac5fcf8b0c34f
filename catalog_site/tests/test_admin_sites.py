"""Between the sites: each admin's header links to the other admin sites the user may use
(Django's own only for those it lets see something), the change form links to the row's
public page, and the home page offers "Edit" only to those its admin site lets in."""

import re

import pytest
from django.test import Client

from books.models import Book
from films.models import Film

pytestmark = pytest.mark.django_db


def site_links(page):
    nav = re.search(r'<nav class="catalog-admin-sites".*?</nav>', page.content.decode(), re.S)
    return re.findall(r'<a href="([^"]+)"', nav.group(0)) if nav else []


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_owner_sees_every_site_from_each(admin_user):
    client = logged_in(admin_user)
    for path in ["/films/admin/", "/books/admin/books/book/", "/admin/auth/user/"]:
        assert site_links(client.get(path)) == [
            "/films/admin/",
            "/books/admin/",
            "/shows/admin/",
            "/admin/",
        ]
    page = client.get("/books/admin/").content.decode()
    assert '<a href="/books/admin/" aria-current="page">Books</a>' in page


def test_an_editor_of_both_catalogs_is_not_offered_djangos_own(make_staff):
    editor = make_staff("both", "films.view_film", "books.view_book")
    assert site_links(logged_in(editor).get("/films/admin/")) == ["/films/admin/", "/books/admin/"]


def test_an_editor_of_one_catalog_sees_no_links_to_others(film_editor):
    assert site_links(logged_in(film_editor).get("/films/admin/")) == []


def test_the_change_form_links_to_the_public_page(admin_user):
    film = Film.objects.create(title="Heat", release_year=1995)
    book = Book.objects.create(title="Dune")
    client = logged_in(admin_user)
    page = client.get(f"/films/admin/films/film/{film.pk}/change/").content.decode()
    assert "View on site" in page
    assert film.get_absolute_url() == f"/films/{film.pk}/"
    assert book.get_absolute_url() == f"/books/{book.pk}/"
    view = re.search(r'href="(/films/admin/r/[^"]+)"', page).group(1)
    assert client.get(view)["Location"].endswith(f"/films/{film.pk}/")


def test_the_home_page_offers_edit_only_to_who_may(client, film_editor):
    assert "Edit films" not in client.get("/").content.decode()
    page = logged_in(film_editor).get("/").content.decode()
    assert '<a href="/films/admin/">Edit films</a>' in page
    assert "Edit books" not in page
