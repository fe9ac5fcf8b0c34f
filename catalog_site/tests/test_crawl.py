"""Every link and GET form a person can click, followed as a browser resolves it, for each
kind of user: no 5xx, and no 404 reached from one of our own links (tests/crawler.py). On
the demo data, with a row of each kind besides: imported from a file, enriched by a
provider, edited in the admin, deleted."""

import pytest

from books.models import Book
from catalog_site.demo import load_demo_data
from catalog_site.files.runner import import_file
from catalog_site.history.context import acting
from films.models import Film

from .crawler import broken, crawl
from .test_import_file import DIARY, LETTERBOXD, write_csv

pytestmark = pytest.mark.django_db

STARTS = ["/", "/films/", "/books/", "/films/admin/", "/books/admin/", "/admin/"]


@pytest.fixture
def catalog_rows(tmp_path):
    load_demo_data()
    import_file(write_csv(tmp_path / "diary.csv", LETTERBOXD, DIARY), "default")
    film = Film.objects.order_by("pk").first()
    with acting("enrich"):
        film.tmdb_id = 238
        film.imdb_id = "tt0068646"
        film.image_url = "https://image.tmdb.org/t/p/w500/godfather.jpg"
        film.watch_providers = {"link": "https://www.themoviedb.org/movie/238/watch", "flatrate": [
            {"provider_name": "Paramount Plus"}]}  # fmt: skip
        film.save()
    book = Book.objects.order_by("pk").first()
    with acting("admin:owner"):
        book.grade = "A"
        book.save()
        Film.objects.order_by("-pk").first().delete()
    return film, book


@pytest.fixture(params=["superuser", "film editor", "view only", "anonymous"])
def user_client(request, client, django_user_model, film_editor, make_staff):
    if request.param == "superuser":
        client.force_login(django_user_model.objects.create_superuser("owner", password="x"))
    elif request.param == "film editor":
        client.force_login(film_editor)
    elif request.param == "view only":
        client.force_login(make_staff("viewer", "films.view_film", "books.view_book"))
    return client


def test_every_link_and_form_leads_somewhere(catalog_rows, user_client):
    visits = crawl(user_client, STARTS, limit=800)
    assert len(visits) > 20
    failures = [f"{v.status} {v.url} (from {v.source})" for v in broken(visits)]
    assert not failures, "\n".join(failures)
    assert len(visits) < 800, "the crawl did not reach every kind of page"
