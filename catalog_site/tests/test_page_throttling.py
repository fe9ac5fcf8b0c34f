"""The public pages' rate limit per address (pages/throttling.py, PAGES_THROTTLE_RATE): a
429 with Retry-After past it, counted apart from the API's, for each address on its own,
and never for the admin sites or staff."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ADDRESS = {"REMOTE_ADDR": "203.0.113.9"}


@pytest.fixture(autouse=True)
def three_a_minute(settings):
    settings.PAGES_THROTTLE_RATE = "3/min"


def statuses(client, paths, **extra):
    return [client.get(path, **{**ADDRESS, **extra}).status_code for path in paths]


@pytest.mark.parametrize("path", ["/", "/films/", "/books/stats/", "/films/?q=heat"])
def test_past_the_rate_a_page_is_429_with_retry_after(path):
    client = Client()
    assert statuses(client, [path] * 3) == [200, 200, 200]
    refused = client.get(path, **ADDRESS)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Too many requests" in refused.content.decode()
    assert refused["Cache-Control"] == "no-store"


def test_every_public_page_counts_and_each_address_on_its_own():
    client = Client()
    assert statuses(client, ["/", "/films/", "/books/"]) == [200, 200, 200]
    assert statuses(client, ["/films/stats/"]) == [429]
    assert statuses(client, ["/films/stats/"], REMOTE_ADDR="198.51.100.3") == [200]


def test_the_api_and_the_admin_are_not_counted_with_the_pages(admin_user, settings):
    settings.API_THROTTLE_RATES = {"burst": "100/min", "sustained": None}
    client = Client()
    assert statuses(client, ["/api/films"] * 5 + ["/films/admin/login/"] * 5) == [200] * 10
    assert statuses(client, ["/films/"] * 3) == [200] * 3
    staff = Client()
    staff.force_login(admin_user)
    assert statuses(staff, ["/films/"] * 6) == [200] * 6


def test_an_empty_rate_turns_the_limit_off(settings):
    settings.PAGES_THROTTLE_RATE = None
    assert statuses(Client(), ["/films/"] * 10) == [200] * 10
