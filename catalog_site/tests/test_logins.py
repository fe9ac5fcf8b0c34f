"""Login throttling on every admin site (django-axes, configured in settings.py): refusals,
their page and log, the reset on success, the end of a lock, and the client's address
behind a proxy."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory

from catalog_site.clients import client_ip

PASSWORD = "pw-for-tests-8c1d"
SITES = ["/films/admin/", "/books/admin/", "/admin/"]


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_superuser("owner", password=PASSWORD)


def log_in(client, username, password, site="/films/admin/", **extra):
    return client.post(
        f"{site}login/?next={site}",
        {"username": username, "password": password},
        **{"REMOTE_ADDR": "203.0.113.7", **extra},
    )


def logged_in(response):
    return response.status_code == 302 and response.wsgi_request.user.is_authenticated


def fail(client, times, username="owner", **extra):
    """Failed logins: the form again with its error, and the limit's own failure refused."""
    statuses = [log_in(client, username, "wrong", **extra).status_code for _ in range(times)]
    return statuses[-1]


@pytest.mark.django_db
@pytest.mark.parametrize("site", SITES)
def test_five_failures_from_an_address_refuse_even_the_right_password(client, owner, site, caplog):
    assert fail(client, 4) == 200
    assert fail(client, 1) == 429
    with caplog.at_level(logging.WARNING, logger="catalog.logins"):
        response = log_in(client, "owner", PASSWORD, site=site)
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated
    assert "Too many failed logins" in response.content.decode()
    assert "Try again in 15 minutes" in response.content.decode()
    assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60
    assert "manage.py axes_reset_username" in response.content.decode()
    assert "manage.py axes_reset_ip 203.0.113.7" in response.content.decode()
    assert "Login refused: too many failed logins from 203.0.113.7" in caplog.text
    assert "'owner'" in caplog.text
    # The owner, from another address, is not locked out with it.
    elsewhere = log_in(client, "owner", PASSWORD, site=site, REMOTE_ADDR="198.51.100.1")
    assert logged_in(elsewhere)


@pytest.mark.django_db
def test_an_attackers_failures_from_five_addresses_do_not_stop_the_owner(client, owner):
    for n in range(5):
        assert fail(client, 5, REMOTE_ADDR=f"198.51.100.{n}", HTTP_USER_AGENT=f"agent {n}") == 429
    assert log_in(client, "owner", "wrong", REMOTE_ADDR="198.51.100.4").status_code == 429
    assert logged_in(log_in(client, "owner", PASSWORD, REMOTE_ADDR="192.0.2.200"))


@pytest.mark.django_db
def test_axes_reset_username_lets_the_owner_in_again(client, owner):
    from django.core.management import call_command

    fail(client, 5)
    assert log_in(client, "owner", PASSWORD).status_code == 429
    call_command("axes_reset_username", "owner")
    assert logged_in(log_in(client, "owner", PASSWORD))


@pytest.mark.django_db
def test_four_failures_still_let_the_owner_in(client, owner):
    fail(client, 4)
    assert logged_in(log_in(client, "owner", PASSWORD))


@pytest.mark.django_db
def test_five_failures_from_one_address_lock_that_address(client, owner, django_user_model):
    django_user_model.objects.create_superuser("other", password=PASSWORD)
    for name in ["a", "b", "c", "d", "e"]:
        fail(client, 1, username=name)
    assert log_in(client, "other", PASSWORD).status_code == 429
    assert logged_in(log_in(client, "other", PASSWORD, REMOTE_ADDR="198.51.100.1"))


@pytest.mark.django_db
def test_a_successful_login_clears_the_count(client, owner):
    fail(client, 4)
    assert logged_in(log_in(client, "owner", PASSWORD))
    client.logout()
    fail(client, 4)
    assert logged_in(log_in(client, "owner", PASSWORD))


@pytest.mark.django_db
def test_the_lock_ends_fifteen_minutes_after_the_last_counted_failure(client, owner):
    fail(client, 5)
    assert log_in(client, "owner", PASSWORD).status_code == 429
    # A refused attempt does not extend the lock; time passing ends it.
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=14)
        attempt.save()
    assert log_in(client, "owner", PASSWORD).status_code == 429
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=1, seconds=1)
        attempt.save()
    assert logged_in(log_in(client, "owner", PASSWORD))
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
def test_behind_a_proxy_the_forwarded_address_is_counted(client, owner, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    # The attacker writes an address of its own on the left; the proxy appends the real one.
    for name in ["a", "b", "c", "d", "e"]:
        fail(client, 1, username=name, HTTP_X_FORWARDED_FOR="198.51.100.9, 192.0.2.66", **proxy)
    assert AccessAttempt.objects.filter(ip_address="192.0.2.66").count() == 5
    refused = log_in(client, "owner", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.66", **proxy)
    assert refused.status_code == 429
    # Another client behind the same proxy is not locked out with it.
    assert logged_in(log_in(client, "owner", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.1", **proxy))


@pytest.mark.django_db
def test_a_forwarded_entry_that_is_not_an_address_counts_the_proxy(client, owner, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "not-an-address"}
    fail(client, 1, username="owner", **proxy)
    assert AccessAttempt.objects.get().ip_address == "10.0.0.2"
    assert logged_in(log_in(client, "owner", PASSWORD, **proxy))


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),  # nothing trusted in front: the header is the client's
        (1, "", "10.0.0.2"),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),
        (2, "6.6.6.6, 192.0.2.1, 10.0.0.9", "192.0.2.1"),
        (2, "192.0.2.1", "192.0.2.1"),
        (1, " , 192.0.2.1 ", "192.0.2.1"),
        (1, "192.0.2.1:4711", "192.0.2.1"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:DB8::1", "2001:db8::1"),
        (1, "unknown", "10.0.0.2"),  # not an address: the proxy's own
        (1, "<script>", "10.0.0.2"),
        (1, "999.1.1.1", "10.0.0.2"),
    ],
)
def test_client_ip_trusts_only_our_proxies(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("next_page", [None, "https://evil.example/", "//evil.example/x"])
def test_a_login_without_a_safe_next_ends_at_an_admin_index(client, owner, site, next_page):
    form = {"username": "owner", "password": PASSWORD}
    if next_page is not None:
        form["next"] = next_page
    response = client.post(f"{site}login/", form, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200
