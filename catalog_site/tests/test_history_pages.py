"""The history and look-up pages say what is true: the newest version is the current one
(nothing to restore), only fields a person edits are listed as changed, demo rows name the
demo loader, and with TMDB off the look-up page says so and offers no TMDB id box."""

import pytest
from django.test import Client

from catalog_site.demo import load_demo_data
from catalog_site.history.context import acting
from catalog_site.history.models import Change
from films.models import Film

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def test_the_current_version_offers_no_restore_and_derived_fields_are_not_changes(owner):
    with acting("admin:owner"):
        film = Film.objects.create(title="Heat", release_year=1995, grade="B")
        film.grade = "A"
        film.save()
    page = owner.get(f"/films/admin/films/film/{film.pk}/history/")
    versions = page.context["versions"]
    assert [version["current"] for version in versions] == [True, False]
    html = page.content.decode()
    assert html.count("Restore this version") == 1
    assert "the current version" in html
    assert versions[0]["diff"] == [("grade", "B", "A")]  # not score, search text or keys
    update = Change.objects.filter(row_uuid=film.uuid, action="update").get()
    assert {"score", "updated_at"} <= set(update.changed_fields())


def test_demo_rows_are_recorded_as_the_demo_loader(owner):
    load_demo_data()
    film = Film.objects.order_by("pk").first()
    assert set(Change.objects.filter(row_uuid=film.uuid).values_list("actor", flat=True)) == {
        "load_demo_data"
    }
    html = owner.get(f"/films/admin/films/film/{film.pk}/history/").content.decode()
    assert "load_demo_data" in html
    assert "code or SQL" not in html


def test_with_tmdb_off_the_look_up_page_says_so_and_offers_no_id_box(owner, settings):
    settings.TMDB_API_KEY = settings.TMDB_READ_TOKEN = ""
    film = Film.objects.create(title="Heat", release_year=1995)
    html = owner.get(f"/films/admin/films/film/{film.pk}/lookup/").content.decode()
    assert "TMDB is off: set TMDB_API_KEY or TMDB_READ_TOKEN to use it." in html
    assert 'name="tmdb_id"' not in html


def test_with_tmdb_on_the_look_up_page_offers_the_id_box(owner, settings, fake_providers):
    film = Film.objects.create(title="Heat", release_year=1995)
    html = owner.get(f"/films/admin/films/film/{film.pk}/lookup/").content.decode()
    assert 'name="tmdb_id"' in html


def test_an_empty_json_field_is_an_empty_box_not_null(owner):
    film = Film.objects.create(title="Heat")
    html = owner.get(f"/films/admin/films/film/{film.pk}/change/").content.decode()
    assert ">null</textarea>" not in html
    look_up = owner.get(f"/films/admin/films/film/{film.pk}/lookup/").content.decode()
    assert f'href="/films/admin/films/film/{film.pk}/change/">← Back to Heat' in look_up
