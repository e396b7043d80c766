"""Issue 17 item 6: behind the load balancer, the login lockout and the certificate check's rate
limit count per client, not per proxy. Every request below reaches the site from the proxy's
address; the client is what the proxy appended to X-Forwarded-For, and whatever the client wrote
there itself is not believed."""

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.7"


@pytest.fixture
def behind_proxy(settings):
    settings.PROXY_COUNT = 1
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def via_proxy(client_address: str, forged: str = "") -> Client:
    """A browser at `client_address`; `forged` is what it puts in X-Forwarded-For itself."""
    chain = f"{forged}, {client_address}" if forged else client_address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain)


def log_in(client, password="wrong-password", username="learner_a"):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_five_failures_with_five_forwarded_addresses_lock_only_that_client(world, behind_proxy):
    for n in range(5):
        assert log_in(via_proxy(ATTACKER, forged=f"198.51.100.{n}")).status_code in (200, 429)
    # The attacker is locked out, whatever address they claim next...
    assert log_in(via_proxy(ATTACKER, "198.51.100.99"), factories.PASSWORD).status_code == 429
    # ...and nobody else is: the account's owner and another person log in through the proxy.
    assert log_in(via_proxy("192.0.2.10"), factories.PASSWORD).status_code == 302
    assert log_in(via_proxy("192.0.2.11"), factories.PASSWORD, "learner_b").status_code == 302


def test_failures_from_many_clients_do_not_add_up(world, behind_proxy):
    for n in range(5):
        assert log_in(via_proxy(f"192.0.2.{20 + n}")).status_code == 200
    assert log_in(via_proxy("192.0.2.30"), factories.PASSWORD).status_code == 302


def test_the_certificate_check_is_limited_per_client_behind_the_proxy(world, settings):
    settings.PROXY_COUNT = 1
    settings.CERTIFICATE_VERIFY_RATE = (3, 60)
    for n in range(3):
        response = via_proxy(ATTACKER, forged=f"198.51.100.{n}").get("/verify/nothing-here/")
        assert response.status_code == 404
    assert via_proxy(ATTACKER, forged="198.51.100.50").get("/verify/x/").status_code == 429
    # Another client behind the same proxy is not held up by the first one.
    assert via_proxy("192.0.2.40").get("/verify/nothing-here/").status_code == 404


def test_without_a_configured_proxy_the_forwarded_header_is_ignored(world, settings):
    settings.PROXY_COUNT = 0
    settings.CERTIFICATE_VERIFY_RATE = (2, 60)
    for n in range(2):
        forged = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        assert forged.get("/verify/nothing-here/").status_code == 404
    forged = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert forged.get("/verify/nothing-here/").status_code == 429


def test_production_counts_the_limit_in_a_cache_every_process_shares():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "lms.example.org",
    }
    show = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES[settings.RATELIMIT_USE_CACHE]['BACKEND'])"
    )
    root = Path(__file__).resolve().parents[2]
    for extra, expected in (
        ({}, "django.core.cache.backends.db.DatabaseCache"),
        ({"REDIS_URL": "redis://cache.internal:6379/1"}, "lms.cache.RedisCache"),
    ):
        result = subprocess.run(
            [sys.executable, "-c", show],
            env=env | extra,
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip().splitlines()[-1] == expected


def test_a_per_process_rate_limit_cache_is_refused_where_required(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.RATELIMIT_REQUIRE_SHARED_CACHE = True
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.RATELIMIT_USE_CACHE = "ratelimit"
    with pytest.raises(SystemCheckError, match=r"certificates\.E001"):
        call_command("check")


def test_a_web_node_refuses_to_start_on_a_per_process_rate_limit_cache(settings):
    # The same refusal when gunicorn starts a node, not only in manage.py commands.
    import runpy
    from pathlib import Path

    conf = runpy.run_path(str(Path(__file__).parents[2] / "deploy" / "gunicorn.conf.py"))
    conf["on_starting"](None)  # the site's own settings: a shared cache, so it starts

    settings.RATELIMIT_REQUIRE_SHARED_CACHE = True
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.RATELIMIT_USE_CACHE = "ratelimit"
    with pytest.raises(SystemExit, match=r"certificates\.E001"):
        conf["on_starting"](None)
