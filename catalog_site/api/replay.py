"""Cached API answers replayed by the WSGI application, before Django's request handling.

Even answered by the first middleware (api/middleware.py), a cached read pays for Django's
request object, its request signals and every middleware's response step: about three
quarters of its time, where a bare WSGI function answering from the database pays none of
it. So the WSGI application (wsgi.py) records, per process, the last 200 answer the whole
stack gave to an anonymous GET it could cache: status, every header and the body, exactly
as sent, with the table revision it was made at. The same request again, at the same
revision, gets that recording back, with the throttles counted; anything else goes to
Django as before.

"The same request" is one with the same path, host, scheme, Accept, gzip or not, Origin and
the query parameters the view reads (the rest, such as `_t`, change nothing): every input
that shapes the answer or its headers. A request with a cookie, credentials or
If-None-Match is never replayed, nor recorded; neither is an answer that sets a cookie.
"""

import re
import threading
from collections import OrderedDict
from typing import NamedTuple
from urllib.parse import parse_qsl

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from catalog_site.catalog.models import Revision

from .caching import MAX_SIGNATURE, accepts_gzip, shortcuts, throttle_wait
from .middleware import PREFIX

# Answers bigger than this are left to the cache (they are few, and memory is per process).
MAX_BODY = 256 * 1024
BUDGET = 32 * 1024 * 1024
FORWARDED_PROTO = "HTTP_X_FORWARDED_PROTO"
NOT_REPLAYED = ("HTTP_AUTHORIZATION", "HTTP_COOKIE", "HTTP_IF_NONE_MATCH")
TEXT_HTML = re.compile(r"text/html")


class Recording(NamedTuple):
    model: type
    revision: int
    throttles: tuple
    status: str
    headers: list
    body: bytes
    size: int  # what keeping it costs, roughly: body, headers and key


def size_of(key, headers, body):
    return len(body) + len(repr(key)) + sum(len(name) + len(value) for name, value in headers)


class Recordings:
    """The recordings of one process, the least recently replayed forgotten first beyond
    `budget` bytes (bodies, headers and keys)."""

    def __init__(self, budget=BUDGET):
        self.budget = budget
        self.size = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()
        self.replayed = 0  # how many answers were replays (for tests and benchmarks)

    def get(self, key):
        with self.lock:
            recording = self.entries.get(key)
            if recording is not None:
                self.entries.move_to_end(key)
            return recording

    def put(self, key, recording):
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= old.size
            self.entries[key] = recording
            self.size += recording.size
            while self.size > self.budget:
                _, dropped = self.entries.popitem(last=False)
                self.size -= dropped.size

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


recordings = Recordings()


class Client:
    """What the throttles read of a request: its environ, as META."""

    def __init__(self, environ):
        self.META = environ


def replay_key(environ):
    """The key of a request that may be replayed, or None."""
    path = environ.get("PATH_INFO", "")
    if (
        environ.get("REQUEST_METHOD") != "GET"
        or not path.startswith(PREFIX)
        or any(name in environ for name in NOT_REPLAYED)
        or TEXT_HTML.search(environ.get("HTTP_ACCEPT", ""))
    ):
        return None
    route = shortcuts.routes.get(path)
    if route is None:
        return None
    query = environ.get("QUERY_STRING", "")
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        # By name only: the values of a repeated name keep their order (the last may win).
        query = tuple(sorted((p for p in pairs if p[0] in route.parameters), key=first))
    key = (
        path,
        query,
        environ.get("SCRIPT_NAME", ""),
        environ.get("HTTP_HOST", ""),
        environ.get("wsgi.url_scheme", ""),
        environ.get(FORWARDED_PROTO, ""),
        environ.get("HTTP_ACCEPT", ""),
        accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", "")),
        environ.get("HTTP_ORIGIN", ""),
    )
    # Memory is per process: a request of outsize headers is answered, never recorded.
    return key if len(repr(key)) <= MAX_SIGNATURE else None


REVISION_SQL = f'SELECT revision FROM {Revision._meta.db_table} WHERE "table" = '


def revision_now(model):
    """The table's revision, asked on the driver's own connection: Django's cursor (its
    query log, its error translation) would cost a third of a replay. As in
    middleware.checked_revision, the query is the connection's health check: one the server
    has dropped fails it and is closed, and the request goes to Django, which opens another."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.ensure_connection()
        connection.health_check_done = True
        mark = "%s" if connection.vendor == "postgresql" else "?"
        cursor = connection.connection.execute(REVISION_SQL + mark, [model._meta.db_table])
        row = cursor.fetchone()
    except (DatabaseError, connection.Database.Error):
        connection.close()
        return None
    return None if row is None else row[0]


def first(pair):
    return pair[0]


class ReplayingApplication:
    """A WSGI application around Django's that replays recorded answers."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        key = replay_key(environ)
        if key is None:
            return self.application(environ, start_response)
        recording = recordings.get(key)
        if recording is not None:
            answer = self.replay(recording, environ, start_response)
            if answer is not None:
                return answer
        sent = {}

        def capture(status, headers, exc_info=None):
            sent["status"], sent["headers"] = status, headers
            return start_response(status, headers, exc_info)

        response = self.application(environ, capture)
        self.record(key, environ, response, sent)
        return response

    def replay(self, recording, environ, start_response):
        if revision_now(recording.model) != recording.revision:
            return None  # the full path answers, and is recorded
        wait = throttle_wait([throttle() for throttle in recording.throttles], Client(environ))
        if wait is not False:
            # Counted here, answered by the middleware as the full path answers it.
            environ["catalog.throttle_wait"] = wait
            return None
        recordings.replayed += 1
        start_response(recording.status, list(recording.headers))
        return [recording.body]

    def record(self, key, environ, response, sent):
        made = environ.get("catalog.answer")  # (model, revision, throttles): api/caching.py
        if (
            made is None
            or getattr(response, "status_code", None) != 200
            or getattr(response, "streaming", True)
            or response.cookies
            or len(response.content) > MAX_BODY
            or any(name.lower() == "set-cookie" for name, _ in sent.get("headers", ()))
        ):
            return
        model, revision, throttles = made
        status, headers, body = sent["status"], sent["headers"], response.content
        size = size_of(key, headers, body)
        recordings.put(key, Recording(model, revision, throttles, status, headers, body, size))
