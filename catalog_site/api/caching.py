"""Every JSON read of the API rendered once per table revision, and served with HTTP's own
caching: an ETag (304 on If-None-Match), Cache-Control, and gzip when the client takes it.

A read of the catalog is the same for everyone, and the revision counter changes with every
write whoever makes it (catalog.models.Revision); so a cached answer is keyed by the
revision and by what the request asks (path and the query parameters the view knows). A
repeated GET then costs one small query and no filter set, serializer or renderer; a client
that already has the answer gets a 304 without a body.
"""

import hashlib
import threading
import zlib
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from rest_framework import exceptions

from catalog_site.catalog.cache import revision_key
from catalog_site.catalog.models import Revision

from .throttling import throttled_response

# A compressed answer bigger than this (a list of about 100,000 films) is not kept.
MAX_CACHED_BYTES = 8 * 1024 * 1024
# An answer bigger than this (a list of about 500 films) is kept compressed only: the few
# clients that do not take gzip get it unpacked as it is sent, a piece at a time.
MAX_PLAIN_BYTES = 512 * 1024
WORTH_COMPRESSING = 1024
PAGING = frozenset({"limit", "offset"})
# A request whose path, host, Accept and query together are longer is not remembered.
MAX_SIGNATURE = 1024
PACKED_PIECE = 32 * 1024  # unpacks to about 300 KB of JSON


class CachedAnswer:
    """A rendered JSON answer: its bytes (unless big), its gzip form (unless compressing
    does not pay) and its length."""

    def __init__(self, body, content_type="application/json"):
        self.content_type = content_type
        self.pack([body])

    @classmethod
    def of_pieces(cls, pieces, content_type="application/json"):
        """The answer whose bytes are the pieces one after another, never all held at once
        unless small."""
        answer = cls.__new__(cls)
        answer.content_type = content_type
        answer.pack(pieces)
        return answer

    def pack(self, pieces):
        packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip framing
        packed, plain, self.length = [], [], 0
        for piece in pieces:
            self.length += len(piece)
            if self.length <= MAX_PLAIN_BYTES:
                plain.append(piece)
            packed.append(packer.compress(piece))
        packed.append(packer.flush())
        gzipped = b"".join(packed)
        self.body = b"".join(plain) if self.length <= MAX_PLAIN_BYTES else None
        pays = self.length >= WORTH_COMPRESSING and len(gzipped) < self.length
        self.gzipped = gzipped if pays or self.body is None else None

    @property
    def size(self):
        """What keeping it costs."""
        return len(self.body or b"") + len(self.gzipped or b"")

    def response(self, request):
        """The answer to `request`: gzipped if it takes gzip; for HEAD, the headers of the
        GET with no body."""
        packed = self.gzipped is not None and accepts_gzip(
            request.META.get("HTTP_ACCEPT_ENCODING", "")
        )
        if request.method == "HEAD":
            response = HttpResponse(b"", content_type=self.content_type)
            response["Content-Length"] = str(len(self.gzipped) if packed else self.length)
        elif packed:
            response = HttpResponse(self.gzipped, content_type=self.content_type)
        elif self.body is not None:
            response = HttpResponse(self.body, content_type=self.content_type)
        else:
            response = StreamingHttpResponse(unpacked(self.gzipped), self.content_type)
            response["Content-Length"] = str(self.length)
        if packed:
            response["Content-Encoding"] = "gzip"
        return response


def accepts_gzip(header):
    """Whether an Accept-Encoding takes gzip: named, or as `*`, with a q above 0
    (`gzip;q=0` refuses it)."""
    star = False
    for part in header.split(","):
        coding, _, parameters = part.partition(";")
        coding = coding.strip().lower()
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if coding in ("gzip", "x-gzip"):
            return quality > 0
        if coding == "*":
            star = quality > 0
    return star


def unpacked(gzipped):
    """The bytes of a gzip member, a piece at a time."""
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    view = memoryview(gzipped)
    for start in range(0, len(view), PACKED_PIECE):
        piece = unpacker.decompress(view[start : start + PACKED_PIECE])
        if piece:
            yield piece
    rest = unpacker.flush()
    if rest:
        yield rest


def cacheable(request):
    """A GET for JSON that any reader would get the same answer to. Requests with a token
    go through the REST framework, which checks it; the browsable API is not kept."""
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and "text/html" not in request.META.get("HTTP_ACCEPT", "")
    )


def anonymous(request):
    """No session cookie: nobody signed in, the same answer and headers for everyone."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


class BoundedMap:
    """A dict that forgets its least recently used entries beyond `size` (thread-safe)."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def set(self, key, value):
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


class Route(NamedTuple):
    """What a path's view told the full path: the table its answers come from, the query
    parameters that change them, and the throttles that count a request."""

    model: type
    parameters: frozenset
    throttles: tuple


class Shortcuts:
    """The requests the full path has answered from the cache, remembered so that the
    middleware (api/middleware.py) can answer them again before sessions, authentication
    and the REST framework run.

    Each entry depends on the request only (path, host, Accept, the parameters the view
    reads), never on the data: the answer itself is still found by the table's revision,
    in the shared cache. So the memory is per process and bounded, and a process that has
    not yet seen a request takes the full path once.
    """

    def __init__(self, size=10_000):
        self.routes = BoundedMap(size)
        self.names = BoundedMap(size)

    @staticmethod
    def signature(request, parameters):
        query = tuple(
            (name, tuple(request.GET.getlist(name)))
            for name in sorted(request.GET)
            if name in parameters
        )
        return (
            request.path,
            request.is_secure(),
            request.get_host(),
            request.META.get("HTTP_ACCEPT", ""),
            query,
        )

    def remember(self, request, route, name):
        signature = self.signature(request, route.parameters)
        if len(repr(signature)) > MAX_SIGNATURE:  # memory is per process: no outsize keys
            return
        self.routes.set(request.path, route)
        self.names.set(signature, name)

    def find(self, request):
        """(route, the answer's cache name) of a request answered before, or None."""
        route = self.routes.get(request.path)
        if route is None:
            return None
        name = self.names.get(self.signature(request, route.parameters))
        return None if name is None else (route, name)

    def clear(self):
        self.routes.clear()
        self.names.clear()


shortcuts = Shortcuts()


def throttle_wait(throttles, request, view=None):
    """False when every throttle lets the request through, else the longest wait (or None
    when no throttle says how long). Each throttle counts the request it allows."""
    waits = [t.wait() for t in throttles if not t.allow_request(request, view)]
    if not waits:
        return False
    known = [wait for wait in waits if wait is not None]
    return max(known, default=None)


def etag_of(revision, name):
    return f'W/"{revision}-{name[4:24]}"'


def has_current(if_none_match, etag):
    """Whether If-None-Match names `etag` (compared weakly, as RFC 9110 says) or is `*`."""
    if not if_none_match:
        return False
    tags = parse_etags(if_none_match)
    return "*" in tags or etag.removeprefix("W/") in {tag.removeprefix("W/") for tag in tags}


def cached_answer(request, model, name, revision=None):
    """The response to `request` from the cache (a 304 when the client has it), or None
    when the answer is not there (or the table has no revision counter)."""
    if revision is None:
        revision = Revision.of(model)
    if revision is None:
        return None
    etag = etag_of(revision, name)
    if has_current(request.META.get("HTTP_IF_NONE_MATCH"), etag):
        return finish(HttpResponseNotModified(), request, etag)
    answer = cache.get(revision_key(model, revision, name))
    if answer is None:
        return None
    return finish(answer.response(request), request, etag)


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

    While `renders_in_pieces` is set, a view may answer a Response whose `json_pieces` are
    the JSON's bytes in order (a long list, rendered a thousand rows at a time); they are
    compressed as they come, and never held whole.
    """

    renders_in_pieces = False

    def cached_model(self):
        return self.model

    def cached_parameters(self):
        return ()

    def check_throttles(self, request):
        if not getattr(request._request, "throttles_checked", False):
            super().check_throttles(request)

    def cache_name(self, request, media_type):
        known = set(self.cached_parameters())
        query = [(n, request.GET.getlist(n)) for n in sorted(request.GET) if n in known]
        # A page's answer holds absolute links to the pages around it, made from the host
        # and the path as asked, and these parameters (api/pagination.py).
        paged = PAGING & set(request.GET)
        where = request.build_absolute_uri(request.path) if paged else request.path.rstrip("/")
        text = f"{where}?{query!r} {media_type}"
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
        # A cached answer skips the REST framework, so its throttles are asked here, once
        # (or were, by the middleware, which then found no answer).
        if not getattr(request, "throttles_checked", False):
            wait = throttle_wait(self.get_throttles(), request, self)
            if wait is not False:
                return throttled_response(wait)
            request.throttles_checked = True
        model = self.cached_model()
        read = getattr(request, "revision_read", None)  # by the middleware, just now
        revision = read[1] if read and read[0] is model else Revision.of(model)
        media_type = self.json_media_type(request, kwargs)
        if revision is None or media_type is None:
            return super().dispatch(request, *args, **kwargs)
        name = self.cache_name(request, media_type)
        response = cached_answer(request, model, name, revision)
        if response is None:
            # Plain JSON may be rendered a piece at a time (a list view's json_pieces).
            self.renders_in_pieces = media_type == "application/json"
            response = super().dispatch(request, *args, **kwargs)
            renderer = getattr(response, "accepted_renderer", None)
            if response.status_code != 200 or getattr(renderer, "format", None) != "json":
                return response
            pieces = getattr(response, "json_pieces", None)
            if pieces is not None:
                answer = CachedAnswer.of_pieces(pieces, media_type)
            else:
                answer = CachedAnswer(response.render().content, response["Content-Type"])
            if answer.size > MAX_CACHED_BYTES:
                return finish(answer.response(request), request, etag_of(revision, name))
            cache.set(revision_key(model, revision, name), answer)
            response = finish(answer.response(request), request, etag_of(revision, name))
        if anonymous(request):
            route = Route(
                model,
                frozenset(self.cached_parameters()),
                tuple(type(throttle) for throttle in self.get_throttles()),
            )
            shortcuts.remember(request, route, name)
            request.META["catalog.answer"] = (model, revision, route.throttles)  # api/replay.py
        return response
