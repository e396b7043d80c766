"""Django's Redis cache, without building a new Redis client for every command.

Django's `RedisCacheClient.get_client` makes a new `redis.Redis` around the connection pool for
every cache call; redis-py 8 fills a table of about 170 response callbacks and an event
dispatcher for each one, which costs more than the round trip to Redis itself (a cached page
makes three such calls: the session, the page and its version). A `redis.Redis` built on a
connection pool is safe to share between threads (every command borrows a connection from the
pool, which also notices a fork), so one client per pool serves every call."""

import threading

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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
    """`django.core.cache.backends.redis.RedisCache` with the reusing client; same options."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
