"""Odd ids and parameters in the admin answer 404, a message or the list again, never 500:
an id that is not a number in the history and look-up pages, a filter the export cannot
apply, a format that does not exist, a JSON file nested past Python's limit."""

import html
import io

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/films/admin/films/film/abc/history/",
        "/films/admin/films/film/abc/lookup/",
        "/films/admin/films/film/999999999999999999999/history/",
        "/books/admin/books/book/abc/history/",
        "/books/admin/books/book/abc/lookup/",
    ],
)
def test_an_id_that_is_not_one_is_a_404(owner, url):
    assert owner.get(url).status_code == 404


def test_an_export_with_a_filter_it_cannot_apply_returns_to_the_list(owner):
    response = owner.get("/films/admin/films/film/export/csv/?release_year=abc")
    assert (response.status_code, response["Location"]) == (302, "/films/admin/films/film/?e=1")


def upload(content, name):
    file = io.BytesIO(content)
    file.name = name
    return file


def test_a_format_that_does_not_exist_is_a_message(owner):
    diary = b"Date,Name,Year,Letterboxd URI\r\n2020-01-01,Heat,1995,https://boxd.it/h\r\n"
    page = owner.post(
        "/films/admin/films/film/import/", {"file": upload(diary, "diary.csv"), "format": "bogus"}
    )
    assert page.status_code == 200
    assert "There is no format &#x27;bogus&#x27;" in page.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "x.json is not a catalog backup (item 1)."),
        (b'[{"model": "films.film", "fields": {"a": ' + b"[" * 5000, "nests its JSON too deeply"),
        (b'{"format": "catalog", "films": [' + b"[" * 5000, "is not a list of rows"),
        (b'{"format": "catalog", "x": ' + b'{"a": ' * 100_000, "nests its JSON too deeply"),
    ],
)
def test_json_nested_past_the_limit_is_a_message(owner, content, message):
    page = owner.post("/films/admin/films/film/import/", {"file": upload(content, "x.json")})
    assert page.status_code == 200
    assert message in html.unescape(page.content.decode())


def test_a_json_field_nested_past_pythons_limit_is_a_form_error(owner):
    from films.models import Film

    film = Film.objects.create(title="Heat", release_year=1995)
    page = owner.get(f"/films/admin/films/film/{film.pk}/change/")
    form = {
        name: value
        for name, value in page.context["adminform"].form.initial.items()
        if value is not None and not isinstance(value, (dict, list))
    }
    form.update(title="Heat", watch_providers="[" * 100_000)
    response = owner.post(f"/films/admin/films/film/{film.pk}/change/", form)
    assert response.status_code == 200
    assert "This JSON nests too deeply." in response.content.decode()
    film.refresh_from_db()
    assert film.watch_providers is None


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000,
        b'{"title": "Heat", "watch_providers": ' + b"[" * 100_000 + b"}",
    ],
)
def test_an_api_body_nested_past_pythons_limit_is_a_400(admin_user, body):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    response = client.post("/api/films", body, content_type="application/json")
    assert response.status_code == 400
    assert "nests too deeply" in response.json()["detail"]
