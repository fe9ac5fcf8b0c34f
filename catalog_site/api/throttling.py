"""Rate limits of the API for anonymous clients (REST framework throttles).

Two windows, each from settings.API_THROTTLE_RATES ("120/min", "5000/day"; None turns one
off): a burst limit for scrapers, a sustained one for slow crawls. A client over either gets
429 with Retry-After. Clients are counted by address (catalog_site.clients.client_ip, which
knows the proxies in front); a signed-in user by account, and staff not at all unless
API_THROTTLE_STAFF is set.

The counts live in the "throttle" cache, apart from the answers in the default cache, so
that a burst of new answers cannot push them out. With REDIS_URL set that cache is shared
by every worker and every instance, so a client gets its rate once however many processes
answer it; without it each process counts on its own.

A count is one number per client and window, raised atomically (the cache's `incr`,
Redis's INCR), not the REST framework's list of request times, which each request reads
and writes back whole: that costs more as the list grows, and two workers writing it at
once lose a request. A window opens with a client's first request and lasts the rate's
period; within it the client gets exactly the rate.
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

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        return self.count() <= self.num_requests

    def count(self):
        """Counts this request in the client's window, opening one if none is open."""
        for _ in range(3):
            try:
                count = self.cache.incr(self.key)
            except ValueError:  # no window open
                if self.cache.add(self.key, 1, self.duration):
                    self.cache.set(f"{self.key}:opened", self.now, self.duration)
                    return 1
                continue  # another process opened it just now
            if count == 1:
                # The window closed between the cache's check and its INCR, which then made
                # a new count that would never expire.
                self.cache.touch(self.key, self.duration)
            return count
        return 1

    def wait(self):
        opened = self.cache.get(f"{self.key}:opened")
        if opened is None:
            return None
        return max(0.0, opened + self.duration - self.now)


class BurstThrottle(ClientRateThrottle):
    scope = "burst"


class SustainedThrottle(ClientRateThrottle):
    scope = "sustained"


def throttled_response(wait):
    """The REST framework's 429, for views that answer before it runs (api/caching.py)."""
    exc = Throttled(wait)
    # Compact, as the REST framework's renderer writes it.
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    response = JsonResponse({"detail": str(exc.detail)}, status=429, json_dumps_params=compact)
    if wait is not None:
        response["Retry-After"] = str(math.ceil(wait))
    return response
