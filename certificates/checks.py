"""The certificate check's rate limit must count across every process serving the site."""

from django.conf import settings
from django.core import checks
from django.core.management import call_command

# Caches that each process keeps for itself (or that keep nothing): a limit counted in one of
# them lets every worker count alone, so N workers allow N times the limit.
PER_PROCESS_CACHES = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
        "django.core.cache.backends.filebased.FileBasedCache",
    }
)


@checks.register(checks.Tags.caches, deploy=False)
def rate_limit_cache_is_shared(app_configs, **kwargs):
    if not getattr(settings, "RATELIMIT_REQUIRE_SHARED_CACHE", False):
        return []
    alias = getattr(settings, "RATELIMIT_USE_CACHE", "default")
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES or not backend:
        return [
            checks.Error(
                f"The rate limit's cache {alias!r} ({backend or 'missing'}) is not shared by "
                "the processes serving the site, so each would count alone.",
                hint="Set REDIS_URL, or keep the database cache of lms/settings/production.py.",
                id="certificates.E001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def credential_signing_key(app_configs, **kwargs):
    """Production has no generated key: without a configured one, no credential (and so no
    certificate) can be issued."""
    from certificates.credentials import keys

    try:
        keys.signing_key()
    except Exception as error:  # a missing key, or a key file that cannot be read
        return [
            checks.Error(
                f"Credentials cannot be signed: {error}",
                hint="Set CREDENTIAL_SIGNING_KEYS_FILE (docs/credentials.md).",
                id="certificates.E002",
            )
        ]
    return []


def create_cache_tables(**kwargs) -> None:
    """`migrate` also creates the database cache's table (the rate limit's, without Redis), so
    that a deployment has one step, not two. Idempotent."""
    if any(
        cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
        for cache in settings.CACHES.values()
    ):
        call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)
