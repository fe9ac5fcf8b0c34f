"""A rate limit of the public pages per client address, as the API has its own
(api/throttling.py): a list or stats page costs the database several queries, and a crawler
asking for thousands of filter combinations would otherwise have them all.

The pages are those of the catalogs' own URLs and the home page; the admin sites (behind a
login, with django-axes), the API (its own throttles), static files and the health check
are not counted. Staff are not counted unless API_THROTTLE_STAFF is set. Over the rate, a
429 with Retry-After, in a page that touches neither the database nor a template.
"""

import math

from django.conf import settings
from django.http import HttpResponse

from catalog_site.api.throttling import ClientRateThrottle
from catalog_site.catalog import registry


class PageThrottle(ClientRateThrottle):
    scope = "pages"

    def get_rate(self):
        return settings.PAGES_THROTTLE_RATE


def is_public_page(match):
    if match is None:
        return False
    catalogs = {config.catalog_name for config in registry.catalogs()}
    return (
        match.url_name == "home"
        and not match.namespaces
        or (len(match.namespaces) == 1 and match.namespaces[0] in catalogs)
    )


def too_many_requests(wait):
    response = HttpResponse(
        "<!doctype html><title>Too many requests</title><h1>Too many requests</h1>"
        "<p>This address has asked for more pages than the site answers in a while; "
        "try again in a moment.</p>",
        status=429,
    )
    if wait is not None:
        response["Retry-After"] = str(max(1, math.ceil(wait)))
    response["Cache-Control"] = "no-store"
    return response


class PageThrottleMiddleware:
    """Counts each request for a public page against its address's PAGES_THROTTLE_RATE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_public_page(request.resolver_match):
            return None
        throttle = PageThrottle()
        if throttle.allow_request(request, None):
            return None
        return too_many_requests(throttle.wait())
