"""Rate limits of the API for anonymous clients (REST framework throttles).

Two windows, each from settings.API_THROTTLE_RATES ("120/min", "5000/day"; None turns one
off): a burst limit for scrapers, a sustained one for slow crawls. A client over either gets
429 with Retry-After. Clients are counted by address (catalog_site.clients.client_ip, which
knows the proxies in front); a signed-in user by account, and staff not at all unless
API_THROTTLE_STAFF is set.

The counts live in the "throttle" cache, apart from the answers in the default cache, so
that a burst of new answers cannot push them out. That cache is per process: with N gunicorn
workers a client may get up to N times the rate, depending on which workers answer it.
"""

import math

from django.conf import settings
from django.core.cache import caches
from django.http import JsonResponse
from rest_framework.exceptions import Throttled
from rest_framework.throttling import SimpleRateThrottle

from catalog_site.clients import client_ip


class ClientRateThrottle(SimpleRateThrottle):
    cache = caches["throttle"]

    def get_rate(self):
        # Read at each request, not at import as the REST framework does, so that a changed
        # setting (a test's, an operator's) applies.
        return settings.API_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.is_staff and not settings.API_THROTTLE_STAFF:
                return None
            ident = f"user-{user.pk}"
        else:
            ident = client_ip(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class BurstThrottle(ClientRateThrottle):
    scope = "burst"


class SustainedThrottle(ClientRateThrottle):
    scope = "sustained"


def throttled_response(wait):
    """The REST framework's 429, for views that answer before it runs (api/caching.py)."""
    exc = Throttled(wait)
    response = JsonResponse({"detail": str(exc.detail)}, status=429)
    if wait is not None:
        response["Retry-After"] = str(math.ceil(wait))
    return response
