import pytest

from catalog_site.catalog import registry
from catalog_site.demo import load_demo_data

pytestmark = pytest.mark.django_db


def test_home_page_shows_every_catalog(client, django_assert_max_num_queries):
    load_demo_data()
    with django_assert_max_num_queries(2 * len(registry.catalogs())):  # a count and the latest
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/films/">Films</a> <span class="count">32</span>' in html
    assert '<a href="/books/">Books</a> <span class="count">24</span>' in html
    assert '<a href="/shows/">TV shows</a> <span class="count">13</span>' in html
    assert 'href="/films/admin/"' not in html  # Edit links are for who may edit


def test_home_page_of_an_empty_site(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "No films yet." in response.content.decode()
