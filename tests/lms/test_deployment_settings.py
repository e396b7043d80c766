"""Production settings for several nodes (docs/deployment.md): each switch read from the
environment, in a fresh process as a server would start."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "lms.example.org"}
DEPLOYMENT_VARIABLES = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "INSECURE_LOCAL_HTTP",
    "REDIS_URL",
    "MEDIA_STORAGE",
    "MEDIA_ROOT",
    "PRIVATE_MEDIA_ROOT",
    "STATIC_ROOT",
)
# Only the settings are read: the S3 backend itself (django-storages) is an optional extra.
SHOW = """
import json
from django.conf import settings
print(json.dumps({
    "cookies_secure": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "session_engine": settings.SESSION_ENGINE,
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "tasks": settings.TASKS["default"]["BACKEND"],
    "media": settings.STORAGES["default"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "media_root": str(settings.MEDIA_ROOT),
    "private_media_root": str(settings.PRIVATE_MEDIA_ROOT),
    "whitenoise": settings.MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware"),
    "root_formatter": settings.LOGGING["handlers"]["stdout"]["formatter"],
    "site_frame_cache_seconds": settings.SITE_FRAME_CACHE_SECONDS,
    "backends": settings.AUTHENTICATION_BACKENDS,
}))
"""


def production(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in DEPLOYMENT_VARIABLES}
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        env={**clean, "DJANGO_SETTINGS_MODULE": "lms.settings.production", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def settings_with(**env: str) -> dict:
    result = production({**SECRETS, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_are_https_only_database_queue_and_static_files_from_the_node():
    shown = settings_with()
    assert shown["cookies_secure"] == [True, True]
    assert shown["ssl_redirect"] is True
    assert shown["tasks"] == "django_tasks_db.DatabaseBackend"
    assert shown["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert shown["whitenoise"] == 1  # right after SecurityMiddleware
    assert shown["media"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert shown["session_engine"] == "django.contrib.sessions.backends.db"
    assert shown["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert shown["root_formatter"] == "json"
    # A cache private to each process would serve a frame that another process changed.
    assert shown["site_frame_cache_seconds"] == 0
    # The logged-in person is read from the database on every request (issue 17, item 9).
    assert shown["backends"][-1] == "lms.auth_backends.PermissionsBackend"


def test_redis_gives_a_shared_cache_and_cached_sessions():
    shown = settings_with(REDIS_URL="redis://cache.internal:6379/2")
    assert shown["cache"] == "lms.cache.RedisCache"
    assert shown["cache_location"] == "redis://cache.internal:6379/2"
    assert shown["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert shown["site_frame_cache_seconds"] > 0


def test_media_folders_come_from_the_environment():
    shown = settings_with(MEDIA_ROOT="/srv/shared/media", PRIVATE_MEDIA_ROOT="/srv/shared/private")
    assert shown["media_root"] == "/srv/shared/media"
    assert shown["private_media_root"] == "/srv/shared/private"


def test_s3_media_needs_a_bucket():
    refused = production({**SECRETS, "MEDIA_STORAGE": "s3"})
    assert refused.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME must be set in production" in refused.stderr

    shown = settings_with(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="lms-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.org",
    )
    assert shown["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert shown["media"]["OPTIONS"]["bucket_name"] == "lms-media"
    assert shown["media"]["OPTIONS"]["endpoint_url"] == "https://objects.example.org"
    assert shown["media"]["OPTIONS"]["default_acl"] is None


def test_plain_http_is_allowed_on_loopback_only():
    local = settings_with(INSECURE_LOCAL_HTTP="1", ALLOWED_HOSTS="127.0.0.1,localhost")
    assert local["cookies_secure"] == [False, False]
    assert local["ssl_redirect"] is False

    public = production({**SECRETS, "INSECURE_LOCAL_HTTP": "1"})
    assert public.returncode != 0
    assert "INSECURE_LOCAL_HTTP is only allowed when ALLOWED_HOSTS lists loopback" in (
        public.stderr
    )
