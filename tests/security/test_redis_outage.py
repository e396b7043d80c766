"""Issue 17 item 10: Redis is a cache. When it stops, every page, the login, the certificate
check and /health/ keep working (from the database, slower), and /health/ says "degraded" with
a 200 so that load balancers keep routing. The cache points at a closed port, with the
production settings' cache, session engine and rate limit."""

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    redis = {"BACKEND": "lms.cache.RedisCache", "LOCATION": CLOSED_PORT, "KEY_PREFIX": "lms"}
    settings.CACHES = {"default": redis, "ratelimit": redis}
    settings.RATELIMIT_USE_CACHE = "ratelimit"
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.AXES_ENABLED = True
    # Whatever the production settings keep in the cache, it is on here.
    settings.PAGE_CACHE_SECONDS = settings.USER_CACHE_SECONDS = settings.SITE_CACHE_SECONDS = 600


def test_pages_login_and_logout_work_without_redis(world, redis_down):
    client = Client()
    assert client.get("/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200
    wrong = client.post("/accounts/login/", {"username": "learner_a", "password": "nope"})
    assert wrong.status_code == 200  # refused, counted by django-axes in the database
    response = client.post(
        "/accounts/login/", {"username": "learner_a", "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/learning/").status_code == 200  # the session is read from the database
    assert client.get("/certificates/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/learning/").status_code == 302


def test_the_certificate_check_works_without_redis(world, practical, redis_down):
    response = Client().get(f"/verify/{practical.certificate.verification_code}/")
    assert response.status_code == 200
    assert "Valid certificate" in response.text


def test_health_says_degraded_and_answers_200(world, redis_down):
    response = Client().get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["cache"]["status"] == "degraded"
    assert body["database"]["status"] == "ok"


def test_health_says_ok_with_a_local_cache(client, world):
    body = client.get("/health/").json()
    assert body["status"] == "ok"
    assert body["cache"]["status"] == "ok"
