"""lms.cache.RedisCache: Django's Redis cache with one redis client per connection pool."""

import threading

import pytest
import redis

from lms.cache import RedisCache

URL = "redis://127.0.0.1:6379/11"


def make_cache(**options):
    return RedisCache(URL, {"KEY_PREFIX": "lms-test-cache", "OPTIONS": options})


def redis_is_up() -> bool:
    try:
        return redis.Redis.from_url(URL, socket_timeout=1).ping()
    except redis.RedisError:
        return False


def test_one_client_serves_every_call():
    cache = make_cache()
    # Building a client does not connect: no Redis needed here.
    first = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is first
    assert cache._cache.get_client("c", write=True) is first  # one server: one pool
    assert isinstance(first, redis.Redis)


def test_replicas_each_get_their_own_client():
    cache = RedisCache(
        "redis://127.0.0.1:6379/11,redis://127.0.0.1:6380/11", {"KEY_PREFIX": "lms-test-cache"}
    )
    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client(write=False)  # the only replica
    assert writer is not reader
    assert cache._cache.get_client(write=False) is reader
    assert writer.connection_pool is not reader.connection_pool


@pytest.mark.skipif(not redis_is_up(), reason="needs Redis on 127.0.0.1:6379")
def test_cache_operations_from_many_threads():
    cache = make_cache()
    cache.clear()
    cache.set("counter", 0, None)
    errors = []

    def work(n):
        try:
            for i in range(50):
                cache.set(f"key-{n}-{i}", (n, i), 30)
                cache.incr("counter")
                assert cache.get_many([f"key-{n}-{i}", "missing"]) == {f"key-{n}-{i}": (n, i)}
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cache.get("counter") == 8 * 50
    cache.clear()
