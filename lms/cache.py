"""Django's Redis cache, without building a new Redis client for every command.

Django's `RedisCacheClient.get_client` makes a new `redis.Redis` around the connection pool for
every cache call; redis-py 8 fills a table of about 170 response callbacks and an event
dispatcher for each one, which costs more than the round trip to Redis itself (a cached page
makes three such calls: the session, the page and its version). A `redis.Redis` built on a
connection pool is safe to share between threads (every command borrows a connection from the
pool, which also notices a fork), so one client per pool serves every call."""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._lock = threading.Lock()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            with self._lock:
                client = self._clients.get(id(pool))
                if client is None:
                    client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """`django.core.cache.backends.redis.RedisCache` with the reusing client; same options.

    Redis is a cache here, not a store: when it does not answer, reads find nothing and writes
    are dropped, so the site keeps serving from the database (slower) instead of answering 500.
    After a failure Redis is left alone for RETRY_AFTER_SECONDS, so that each request does not
    wait for a connection that will not come. Sessions are written through to the database
    (cached_db), login lockouts live there, and the rate limit fails open (settings)."""

    RETRY_AFTER_SECONDS = 10

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._down_until = 0.0

    def ping(self) -> bool:
        """Whether Redis answers now (for /health/), whatever happened before."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except RedisError:
            return False

    def _or(self, fallback, method, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return method(*args, **kwargs)
        except RedisError as error:
            self._down_until = time.monotonic() + self.RETRY_AFTER_SECONDS
            logger.warning("Redis does not answer (%s); serving without the cache", error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._or(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._or({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._or(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._or(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._or(None, super().delete_many, keys, version)

    def clear(self):
        return self._or(False, super().clear)

    def incr(self, key, delta=1, version=None):
        result = self._or(None, super().incr, key, delta, version)
        if result is None:  # as for a missing key: callers (django-ratelimit) expect ValueError
            raise ValueError(f"Key '{key}' not found (the cache does not answer).")
        return result
