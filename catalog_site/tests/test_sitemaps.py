"""The sitemap of the public pages, and robots.txt, which points crawlers to it and away
from the admin sites."""

import xml.etree.ElementTree as ET

import pytest

from books.models import Book
from catalog_site.demo import load_demo_data
from films.models import Film
from shows.models import Show

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.findall(f"{SITEMAP}url")
    }


def test_the_sitemap_lists_every_public_page(client, django_assert_max_num_queries):
    load_demo_data()
    # A catalog's count and rows, its revision and its years, whatever its size.
    with django_assert_max_num_queries(12):
        found = locations(client)
    for path in ("/", "/films/", "/films/stats/", "/films/year/", "/books/", "/books/stats/",
                 "/books/year/", "/shows/", "/shows/stats/", "/shows/year/"):  # fmt: skip
        assert f"http://testserver{path}" in found, path
    years = 0
    for model in (Film, Book, Show):
        for year in model.objects.years():
            assert f"http://testserver/{model._meta.app_label}/year/{year}/" in found
            years += 1
    for model in (Film, Book, Show):
        for entry in model.objects.all():
            url = f"http://testserver{entry.get_absolute_url()}"
            assert found[url] == entry.updated_at.date().isoformat()
    entries = Film.objects.count() + Book.objects.count() + Show.objects.count()
    assert len(found) == 10 + years + entries
    assert not any("/admin/" in url or "/api/" in url for url in found)


def test_every_url_of_the_sitemap_answers(client):
    load_demo_data()
    for url in locations(client):
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


def test_robots_txt_points_to_the_sitemap_and_away_from_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/films/admin/", "/books/admin/", "/shows/admin/"):
        assert f"Disallow: {path}" in lines
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"
    assert client.post("/robots.txt").status_code == 405
