"""No input makes the API answer 500: schemathesis sends requests generated from the
OpenAPI schema, anonymous and as a superuser with a token, to the real application."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from catalog_site.demo import load_demo_data
from catalog_site.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go straight to the WSGI app, so Django would close the test's connection
    after each one (inside the test transaction); its test client does the same as this."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(django_user_model):
    load_demo_data()
    admin = django_user_model.objects.create_superuser("fuzz", password="fuzz-pw-8e2a")
    return Token.objects.create(user=admin).key


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_request_makes_a_server_error(case, token):
    case.call_and_validate(checks=[not_a_server_error])
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=[not_a_server_error])
