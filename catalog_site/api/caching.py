"""Every JSON read of the API rendered once per table revision, and served with HTTP's own
caching: an ETag (304 on If-None-Match), Cache-Control, and gzip when the client takes it.

A read of the catalog is the same for everyone, and the revision counter changes with every
write whoever makes it (catalog.models.Revision); so a cached answer is keyed by the
revision and by what the request asks (path and the query parameters the view knows). A
repeated GET then costs one small query and no filter set, serializer or renderer; a client
that already has the answer gets a 304 without a body.
"""

import gzip
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from rest_framework import exceptions

from catalog_site.catalog.cache import revision_key
from catalog_site.catalog.models import Revision

from .throttling import throttled_response

# An answer bigger than this (a list of about 10,000 films) is not kept: memory is per worker.
MAX_CACHED_BYTES = 8 * 1024 * 1024
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
WORTH_COMPRESSING = 1024


class CachedAnswer:
    """A rendered JSON answer and its gzip form (None when compressing does not pay)."""

    def __init__(self, body, content_type="application/json"):
        self.body = body
        self.content_type = content_type
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        self.gzipped = (
            packed if len(body) >= WORTH_COMPRESSING and len(packed) < len(body) else None
        )

    def response(self, request):
        if self.gzipped is not None and ACCEPTS_GZIP.search(
            request.META.get("HTTP_ACCEPT_ENCODING", "")
        ):
            response = HttpResponse(self.gzipped, content_type=self.content_type)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(self.body, content_type=self.content_type)
        return response


def cacheable(request):
    """A GET for JSON that any reader would get the same answer to. Requests with a token
    go through the REST framework, which checks it; the browsable API is not kept."""
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and "text/html" not in request.META.get("HTTP_ACCEPT", "")
    )


def cache_control(request):
    """Public for anonymous readers, so a CDN may keep the answer API_CACHE_SECONDS and
    revalidate it by ETag after that; private for a signed-in session."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return "private, no-cache"
    return f"public, max-age={settings.API_CACHE_SECONDS}, must-revalidate"


def finish(response, request, etag):
    response["ETag"] = etag
    response["Cache-Control"] = cache_control(request)
    patch_vary_headers(response, ("Accept", "Accept-Encoding"))
    return response


class CachedReadMixin:
    """For API views: GET and HEAD of JSON answered from the cache of the table's revision.

    The view says which table its answers come from (`cached_model()`) and which query
    parameters change them (`cached_parameters()`); any other parameter, such as the old
    front end's cache-busting `_t`, does not make a new entry. Only 200 answers are kept.
    """

    def cached_model(self):
        return self.model

    def cached_parameters(self):
        return ()

    def throttle_wait(self, request):
        """False when every throttle lets the request through, else the longest wait (or
        None when no throttle says how long). Each throttle counts the request it allows."""
        waits = [t.wait() for t in self.get_throttles() if not t.allow_request(request, self)]
        if not waits:
            return False
        known = [wait for wait in waits if wait is not None]
        return max(known, default=None)

    def check_throttles(self, request):
        if not getattr(request._request, "throttles_checked", False):
            super().check_throttles(request)

    def cache_name(self, request, media_type):
        known = set(self.cached_parameters())
        query = [(name, request.GET.getlist(name)) for name in sorted(request.GET) if name in known]
        # A page's answer holds absolute links to the pages around it.
        where = request.build_absolute_uri("/") if {"limit", "offset"} & set(request.GET) else ""
        text = f"{where}{request.path.rstrip('/')}?{query!r} {media_type}"
        return "api:" + hashlib.sha256(text.encode()).hexdigest()[:32]

    def json_media_type(self, request, kwargs):
        """The media type the REST framework answers `request` with, parameters and all
        ("application/json; indent=4" renders otherwise than "application/json"); None when
        it would not answer JSON (`?format=api`, an Accept it cannot meet)."""
        self.format_kwarg = self.get_format_suffix(**kwargs)
        try:
            negotiated = self.perform_content_negotiation(self.initialize_request(request))
        except exceptions.NotAcceptable:
            return None
        renderer, media_type = negotiated
        return media_type if renderer.format == "json" else None

    def dispatch(self, request, *args, **kwargs):
        if not cacheable(request):
            return super().dispatch(request, *args, **kwargs)
        # A cached answer skips the REST framework, so its throttles are asked here, once.
        wait = self.throttle_wait(request)
        if wait is not False:
            return throttled_response(wait)
        request.throttles_checked = True
        model = self.cached_model()
        revision = Revision.of(model)
        media_type = self.json_media_type(request, kwargs)
        if revision is None or media_type is None:
            return super().dispatch(request, *args, **kwargs)
        name = self.cache_name(request, media_type)
        etag = f'W/"{revision}-{name[4:24]}"'
        if etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
            return finish(HttpResponseNotModified(), request, etag)
        key = revision_key(model, revision, name)
        answer = cache.get(key)
        if answer is None:
            response = super().dispatch(request, *args, **kwargs)
            renderer = getattr(response, "accepted_renderer", None)
            if response.status_code != 200 or getattr(renderer, "format", None) != "json":
                return response
            answer = CachedAnswer(response.render().content, response["Content-Type"])
            if len(answer.body) <= MAX_CACHED_BYTES:
                cache.set(key, answer)
        return finish(answer.response(request), request, etag)
