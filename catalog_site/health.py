"""/healthz, for the host's health check (on Railway: Settings -> Healthcheck Path).

Answered by a middleware placed first, before the HTTPS redirect, the host check, sessions
and authentication: the host's checker calls over plain HTTP with a host name of its own,
and needs nothing but "can this process reach its database". Never cached, never throttled.
"""

from django.db import DatabaseError, connection
from django.http import JsonResponse

PATH = "/healthz"


def database_health():
    """200 {"database": "ok"} when the database answers a query, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"database": "unavailable"}, status=503)
    else:
        response = JsonResponse({"database": "ok"})
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") == PATH and request.method in ("GET", "HEAD"):
            return database_health()
        return self.get_response(request)
