"""Cached API answers served from the top of the middleware stack.

A cached read through the whole stack spends most of its time before the cache is asked:
sessions, CSRF, authentication, messages, the login lockout, URL resolving and the REST
framework's request. None of them changes an anonymous reader's answer, so this middleware,
placed after those that add headers to every answer (security, CSP, CORS, content length,
frame options) and before the rest, answers a request the full path has answered before
(api/caching.Shortcuts) from the same cache, with the same throttles counted and the same
headers. Anything else (a first request, a signed-in user, a token, a miss) goes on down
the stack as before.
"""

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.utils.cache import patch_vary_headers

from catalog_site.catalog.models import Revision

from .caching import anonymous, cacheable, cached_answer, shortcuts, throttle_wait
from .throttling import throttled_response

PREFIX = "/api/"


class CachedReadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.answer(request)
        return self.get_response(request) if response is None else response

    def answer(self, request):
        if not (request.path_info.startswith(PREFIX) and cacheable(request) and anonymous(request)):
            return None
        if "catalog.throttle_wait" in request.META:  # counted by api/replay.py
            return throttled_response(request.META["catalog.throttle_wait"])
        found = shortcuts.find(request)
        if found is None:
            return None
        route, name = found
        wait = throttle_wait([throttle() for throttle in route.throttles], request)
        if wait is not False:
            return throttled_response(wait)
        request.throttles_checked = True  # a miss goes down the stack, not counted twice
        revision = checked_revision(route.model)
        if revision is None:
            return None
        response = cached_answer(request, route.model, name, revision)
        if response is None:  # not rendered at this revision yet: the full path does it
            request.revision_read = (route.model, revision)
        else:
            # As the full path's, whose throttles look for a user in the (empty) session.
            patch_vary_headers(response, ("Cookie",))
            request.META["catalog.answer"] = (route.model, revision, route.throttles)
        return response


def checked_revision(model):
    """The table's revision, the query doubling as the connection's health check (which
    would cost a round trip of its own on PostgreSQL). A connection the server has dropped
    fails it and is closed; the request then takes the full path, which opens a new one."""
    connection = connections[DEFAULT_DB_ALIAS]
    connection.health_check_done = True
    try:
        return Revision.of(model)
    except DatabaseError:
        connection.close()
        return None
