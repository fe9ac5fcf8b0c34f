"""Attributes the changes a signed-in person makes through the site (the admin sites, and the
API with a session) to them. Token requests to the API are attributed by the API itself, as
the REST framework authenticates them inside the view."""

from .context import acting

READS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class HistoryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.method in READS or user is None or not user.is_authenticated:
            return self.get_response(request)
        where = "api" if request.path.startswith("/api/") else "admin"
        with acting(f"{where}:{user.get_username()}"):
            return self.get_response(request)
