"""The OpenAPI schema, its docs page and CORS for the public site."""

import pytest
import yaml
from django.core.management import call_command
from django.test import override_settings
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_valid_and_lists_both_catalogs():
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert {"/api/films/", "/api/books/{id}/", "/api/films/analytics/{kind}/"} <= set(
        schema["paths"]
    )


def test_schema_documents_the_flask_era_routes_and_the_analytics_kinds():
    schema = yaml.safe_load(APIClient().get("/api/schema/").content)
    legacy = {path for path in schema["paths"] if path.startswith("/api/analytics/")}
    assert legacy == {
        *(
            f"/api/analytics/{name}/"
            for name in ("by-year", "by-film-year", "by-rt-score", "by-genre")
        ),
        *(
            f"/api/analytics/books/{name}/"
            for name in ("by-year", "by-type", "by-form", "by-author")
        ),
        "/api/analytics/books/summary/",
        *(f"/api/analytics/shows/{name}/" for name in ("by-year", "by-genre", "summary")),
    }
    assert "/api/books/cover-proxy/" in schema["paths"]
    for catalog, kinds in (("films", {"year-watched", "decade", "rt", "genre"}),
                           ("books", {"year", "type", "form", "authors"}),
                           ("shows", {"year-watched", "decade", "genre", "imdb"})):  # fmt: skip
        (kind,) = schema["paths"][f"/api/{catalog}/analytics/{{kind}}/"]["get"]["parameters"]
        assert set(kind["schema"]["enum"]) == kinds


def test_docs_page_works_without_internet():
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()


@override_settings(CORS_ALLOWED_ORIGINS=["https://public.example"])
def test_cors_allows_the_configured_origin_only():
    client = APIClient()
    allowed = client.get("/api/films", HTTP_ORIGIN="https://public.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://public.example"
    other = client.get("/api/films", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options(
        "/api/films",
        HTTP_ORIGIN="https://public.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert preflight.status_code == 200
    assert "POST" in preflight["Access-Control-Allow-Methods"]


def test_tokens_are_made_in_the_accounts_admin_or_by_command(admin_client, admin_user):
    assert admin_client.get("/admin/authtoken/tokenproxy/").status_code == 200
    call_command("drf_create_token", admin_user.username, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Token.objects.filter(user=admin_user).exists()
