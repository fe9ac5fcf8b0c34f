"""Rate limits of the API (api/throttling.py): anonymous clients get 429 with Retry-After
beyond API_THROTTLE_RATES, whether the answer comes from the cache or the REST framework;
staff are not counted; /healthz never is."""

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from films.models import Film

pytestmark = pytest.mark.django_db

ONE = {"REMOTE_ADDR": "203.0.113.7"}
OTHER = {"REMOTE_ADDR": "198.51.100.1"}


@pytest.fixture
def rates(settings):
    settings.API_THROTTLE_RATES = {"burst": "3/min", "sustained": None}
    Film.objects.create(title="Heat", release_year=1995, grade="A")
    return settings.API_THROTTLE_RATES


def statuses(client, path, times, **extra):
    return [client.get(path, **extra).status_code for _ in range(times)]


def assert_throttled(response, longest):
    assert response.status_code == 429
    # JSON for JSON clients; the browsable API and the schema answer in their own types.
    if response["Content-Type"] == "application/json":
        assert "throttled" in response.json()["detail"]
    assert "Request was throttled" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= longest


@pytest.mark.parametrize(
    "path", ["/api/films", "/api/films/summary", "/api/analytics/by-genre", "/api/schema/"]
)
def test_an_anonymous_client_over_the_rate_gets_429(client, rates, path):
    # The first answer is rendered by the REST framework, the next two come from the cache.
    assert statuses(client, path, 3, **ONE) == [200, 200, 200]
    assert_throttled(client.get(path, **ONE), 60)
    # Another address has its own count.
    assert client.get(path, **OTHER).status_code == 200


def test_cached_and_uncached_reads_share_one_count(client, rates):
    assert client.get("/api/films", **ONE).status_code == 200
    # The browsable API always goes through the REST framework.
    assert client.get("/api/films", HTTP_ACCEPT="text/html", **ONE).status_code == 200
    assert client.get("/api/films", **ONE).status_code == 200
    assert_throttled(client.get("/api/films", HTTP_ACCEPT="text/html", **ONE), 60)
    assert_throttled(client.get("/api/films", **ONE), 60)


def test_the_sustained_rate_has_its_own_window(client, settings, rates):
    settings.API_THROTTLE_RATES = {"burst": None, "sustained": "2/day"}
    assert statuses(client, "/api/films", 2, **ONE) == [200, 200]
    response = client.get("/api/films", **ONE)
    assert_throttled(response, 86400)
    assert int(response["Retry-After"]) > 86000


def test_behind_a_proxy_each_forwarded_client_has_its_own_count(client, settings, rates):
    settings.TRUSTED_PROXY_HOPS = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    first = {"HTTP_X_FORWARDED_FOR": "192.0.2.1", **proxy}
    # A client cannot get a fresh count by writing addresses of its own on the left.
    forged = [{"HTTP_X_FORWARDED_FOR": f"6.6.6.{n}, 192.0.2.1", **proxy} for n in range(3)]
    assert [client.get("/api/films", **extra).status_code for extra in forged] == [200] * 3
    assert_throttled(client.get("/api/films", **first), 60)
    assert client.get("/api/films", HTTP_X_FORWARDED_FOR="192.0.2.2", **proxy).status_code == 200


def test_signed_in_staff_are_not_throttled(client, rates, film_editor):
    client.force_login(film_editor)
    assert statuses(client, "/api/films", 6, **ONE) == [200] * 6
    assert statuses(client, "/api/films", 2, HTTP_ACCEPT="text/html", **ONE) == [200] * 2


def test_staff_tokens_are_not_throttled_and_other_accounts_are(rates, film_editor):
    staff = APIClient()
    staff.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=film_editor).key}")
    assert statuses(staff, "/api/films", 6, **ONE) == [200] * 6
    reader = User.objects.create_user("reader", password="pw-for-tests-8c1d")
    script = APIClient()
    script.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reader).key}")
    # Counted by account, whatever the address.
    assert statuses(script, "/api/films", 3, **OTHER) == [200] * 3
    assert_throttled(script.get("/api/films", **ONE), 60)


def test_health_checks_are_never_throttled(client, rates):
    assert statuses(client, "/healthz", 10, **ONE) == [200] * 10
    # ... nor counted against the API.
    assert client.get("/api/films", **ONE).status_code == 200


def test_a_rate_of_none_turns_throttling_off(client, settings, rates):
    settings.API_THROTTLE_RATES = {"burst": None, "sustained": None}
    assert statuses(client, "/api/films", 10, **ONE) == [200] * 10


def test_staff_are_counted_when_the_setting_says_so(client, settings, rates, film_editor):
    settings.API_THROTTLE_STAFF = True
    client.force_login(film_editor)
    assert statuses(client, "/api/films", 3, **ONE) == [200] * 3
    assert_throttled(client.get("/api/films", **ONE), 60)
