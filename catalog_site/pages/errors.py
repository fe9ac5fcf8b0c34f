"""The answer to an error no view handled (settings: urls.handler500).

While the database is away (a restart, a failover, a full connection limit), every request
fails the same way; that is "come back in a moment", not a fault of the site: 503 with
Retry-After, which browsers, API clients and the host's proxy understand, instead of 500.
Anything else stays a 500: JSON under /api/, as every other answer of the API, and logged
with its traceback (settings.LOGGING, django.request). Nothing here touches the database or
a template that might.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.views.defaults import server_error as django_server_error

RETRY_SECONDS = 5
MESSAGE = "The catalog's database is not answering; try again in a few seconds."


def database_unavailable(request):
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": MESSAGE, "error": MESSAGE}, status=503)
    else:
        response = HttpResponse(
            "<!doctype html><title>Back in a moment</title>"
            f"<h1>Back in a moment</h1><p>{MESSAGE}</p>",
            status=503,
        )
    response["Retry-After"] = str(RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name="500.html"):
    """Called by Django inside its handling of the exception, which sys.exc_info() holds."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable(request)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "A server error occurred."}, status=500)
    return django_server_error(request, template_name)
