"""Fixtures shared by the test suites of all apps."""

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Templates resolve static names without a collectstatic run (tested on its own)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """A test's rolled-back writes also roll back the revision counters that cache keys use."""
    cache.clear()


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
