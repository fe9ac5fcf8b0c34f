"""Fixtures shared by the test suites of all apps."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache, caches

from catalog_site.api.replay import recordings


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Templates resolve static names without a collectstatic run (tested on its own)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """A test's rolled-back writes also roll back the revision counters that cache keys use
    (and the answers each process records, api/replay.py)."""
    cache.clear()
    caches["throttle"].clear()
    recordings.clear()


@pytest.fixture
def make_staff(django_user_model):
    """Create a staff user holding the given permissions ('films.change_film', ...)."""

    def make(username, *perms, password="pw-for-tests-8c1d"):
        user = django_user_model.objects.create_user(
            username=username, password=password, is_staff=True
        )
        for perm in perms:
            app_label, codename = perm.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return user

    return make


@pytest.fixture
def film_editor(make_staff):
    return make_staff(
        "film-editor", "films.view_film", "films.add_film", "films.change_film", "films.delete_film"
    )


@pytest.fixture
def book_editor(make_staff):
    return make_staff(
        "book-editor", "books.view_book", "books.add_book", "books.change_book", "books.delete_book"
    )


PROVIDER_ANSWERS = Path(__file__).parent / "catalog_site" / "tests" / "providers"
# Port 9 (discard) on this machine: nothing listens, so a connection is refused at once.
NOWHERE = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def _providers_go_nowhere(settings):
    """No test reaches a real provider: those that need one use `fake_providers`; for the
    rest the keyless providers (Google Books, Open Library) are refused at once."""
    for name in ("TMDB_API_URL", "OMDB_API_URL", "GOOGLE_BOOKS_API_URL", "OPEN_LIBRARY_URL"):
        setattr(settings, name, NOWHERE)
    settings.TMDB_API_KEY = settings.TMDB_READ_TOKEN = settings.OMDB_API_KEY = ""


@pytest.fixture
def provider_answer():
    """A provider's documented answer, from the JSON files in catalog_site/tests/providers/."""
    return lambda name: json.loads((PROVIDER_ANSWERS / name).read_text(encoding="utf-8"))


@pytest.fixture
def fake_providers(httpserver, settings):
    """Every metadata provider pointed at a real HTTP server on 127.0.0.1, keys set. Tests
    tell it what to answer (pytest-httpserver); nothing reaches the network."""
    settings.TMDB_API_URL = httpserver.url_for("/3")
    settings.TMDB_API_KEY = "v3-key"
    settings.TMDB_READ_TOKEN = ""
    settings.OMDB_API_URL = httpserver.url_for("/omdb")
    settings.OMDB_API_KEY = "omdb-key"
    settings.GOOGLE_BOOKS_API_URL = httpserver.url_for("/books/v1")
    settings.GOOGLE_BOOKS_API_KEY = ""
    settings.OPEN_LIBRARY_URL = httpserver.url_for("/ol")
    settings.OPEN_LIBRARY_COVERS_URL = "https://covers.example"
    settings.WATCH_REGION = "US"
    return httpserver
