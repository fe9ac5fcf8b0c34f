"""A 500 (pages/errors.py): logged with its traceback, and JSON under /api/."""

import io
import logging

import pytest
from django.test import Client
from django.urls import include, path

from catalog_site import urls as site_urls


def broken(request):
    raise RuntimeError("a bug the tests planted")


urlpatterns = [
    path("api/broken", broken),
    path("broken/", broken),
    path("", include(site_urls)),
]
handler500 = site_urls.handler500


@pytest.fixture
def logged(settings):
    """What the django.request logger's handler writes, while the site has the planted bug."""
    settings.ROOT_URLCONF = __name__
    (handler,) = [
        handler
        for handler in logging.getLogger("django.request").handlers
        if type(handler) is logging.StreamHandler  # not pytest's own capturing handlers
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "content_type"), [("/api/broken", "application/json"), ("/broken/", "text/html")]
)
def test_a_500_is_logged_with_its_traceback(logged, url, content_type):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 500
    assert response["Content-Type"].startswith(content_type)
    text = logged.getvalue()
    assert f"Internal Server Error: {url}" in text
    assert "Traceback" in text
    assert "RuntimeError: a bug the tests planted" in text


@pytest.mark.django_db
def test_the_apis_500_is_json(logged):
    response = Client(raise_request_exception=False).get("/api/broken")
    assert response.json() == {"detail": "A server error occurred."}
