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
