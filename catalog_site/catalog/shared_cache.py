"""Django's RedisCache, which a Redis outage slows the site down to a plain render instead of
taking it down.

The cache only ever saves work: every answer it holds can be computed again, and a rate
count that cannot be kept lets the request through. So while Redis cannot be reached
(stopped, restarting, out of connections), a read is a miss, a write is dropped, and a
warning says so once a minute; the site answers as it would with no cache at all. After a
failure the process leaves Redis alone for RETRY_AFTER seconds, so that a Redis that does
not answer costs one time-out (settings' REDIS_OPTIONS) every few seconds, not one per
request. Settings: CACHES (settings.py, when REDIS_URL is set).
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("catalog")
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
WARN_EVERY = 60.0
RETRY_AFTER = 5.0
_last_warning = 0.0
_down_until = 0.0


def failed(error):
    global _last_warning, _down_until
    now = time.monotonic()
    _down_until = now + RETRY_AFTER
    if now - _last_warning >= WARN_EVERY:
        _last_warning = now
        logger.warning("Redis cannot be reached (%s); answering without the cache", error)


def tolerant(method, fallback):
    def call(self, *args, **kwargs):
        if time.monotonic() < _down_until:
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            failed(error)
            return fallback(*args, **kwargs)

    call.__name__ = method.__name__
    return call


def not_found(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (Redis cannot be reached).")


class TolerantClient(RedisCacheClient):
    add = tolerant(RedisCacheClient.add, lambda *a, **k: False)
    get = tolerant(RedisCacheClient.get, lambda key, default: default)
    set = tolerant(RedisCacheClient.set, lambda *a, **k: None)
    touch = tolerant(RedisCacheClient.touch, lambda *a, **k: False)
    delete = tolerant(RedisCacheClient.delete, lambda *a, **k: False)
    get_many = tolerant(RedisCacheClient.get_many, lambda *a, **k: {})
    has_key = tolerant(RedisCacheClient.has_key, lambda *a, **k: False)
    incr = tolerant(RedisCacheClient.incr, not_found)
    set_many = tolerant(RedisCacheClient.set_many, lambda *a, **k: [])
    delete_many = tolerant(RedisCacheClient.delete_many, lambda *a, **k: None)
    clear = tolerant(RedisCacheClient.clear, lambda *a, **k: False)


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = TolerantClient
