"""Production: every secret comes from the environment, and the site refuses to start without it."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _required("ALLOWED_HOSTS").split(",") if host.strip()]
# The public address every certificate, QR code and e-mail carries: no default here, and the
# system check lms.E001 refuses to run the site without it (lms/checks.py).
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
SITE_URL_REQUIRED = True
WAGTAILADMIN_BASE_URL = SITE_URL
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
# No text messages unless a provider is set (SMS_BACKEND, docs/deployment.md): the console
# backend would print learners' reminders to the log.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "").strip()

# Database connections are kept open between requests (one per worker thread) for
# DB_CONN_MAX_AGE seconds: opening one costs more than most of a page's queries (for PostgreSQL
# a round trip and authentication; for SQLite the schema read again). Each is checked before it
# is reused, so a restarted database costs one failed check, not an error page.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Running as several stateless nodes (docs/deployment.md) ---------------------------------

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

# The local cluster (`make cluster`) speaks plain HTTP on the loopback interface, where cookies
# marked Secure would never be sent back and nobody could log in. INSECURE_LOCAL_HTTP=1 lifts the
# HTTPS-only settings, and only when every allowed host is a loopback address, so it cannot be
# switched on by mistake on a server that the public reaches.
INSECURE_LOCAL_HTTP = os.environ.get("INSECURE_LOCAL_HTTP", "").lower() in ("1", "true")
if INSECURE_LOCAL_HTTP:
    if not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
        raise ImproperlyConfigured(
            "INSECURE_LOCAL_HTTP is only allowed when ALLOWED_HOSTS lists loopback addresses only."
        )
    SECURE_SSL_REDIRECT = False
    SESSION_COOKIE_SECURE = False
    CSRF_COOKIE_SECURE = False
    SECURE_HSTS_SECONDS = 0
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False
    SECURE_HSTS_PRELOAD = False

# The benchmark's bare view (docs/performance.md); the local cluster turns it on for `make bench`.
BENCH_BARE_VIEW = os.environ.get("BENCH_BARE_VIEW", "").lower() in ("1", "true")

# A load balancer probes /health/ over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# Static files are served by each web node itself (WhiteNoise), compressed and with hashed names
# that can be cached for a year; no front proxy has to know where they are.
MIDDLEWARE = [
    *MIDDLEWARE[:1],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", STATIC_ROOT))

# Uploads: a folder every node mounts (NFS, a shared volume), or S3-compatible object storage.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", MEDIA_ROOT))
# Evidence and certificate PDFs: never served as public media; on the shared volume too.
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("PRIVATE_MEDIA_ROOT")
    or globals().get("PRIVATE_MEDIA_ROOT")
    or BASE_DIR / "private_media"
)
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem").lower()
if MEDIA_STORAGE == "s3":
    # django-storages with boto3: `pip install -e .[s3]`.
    MEDIA_STORAGE_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _required("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            # Objects are private and reached through short-lived signed URLs.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE == "filesystem":
    MEDIA_STORAGE_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'filesystem' or 's3'.")
STORAGES = {
    "default": MEDIA_STORAGE_BACKEND,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background work: the task queue lives in PostgreSQL (django-tasks-db); run
# `manage.py task_worker --worker-id <unique id>` on one or more machines.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# A cache shared by every node when REDIS_URL is set; without it each process keeps its own small
# cache, which is safe because nothing that must be shared (sessions, lockouts, tasks) lives there.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "lms.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "lms"),
            # A Redis that is down or unreachable must cost a request little (lms/cache.py).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Sessions are read from Redis and written through to the database, so a Redis restart
    # logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SITE_FRAME_CACHE_SECONDS = int(os.environ.get("SITE_FRAME_CACHE_SECONDS", "600"))
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The certificate check's rate limit counts per client across every process: in Redis when
# there is one, else in a table of the database (created by `migrate`), never in a cache private
# to each process (certificates/checks.py refuses one).
CACHES["ratelimit"] = (
    CACHES["default"]
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lms_rate_limit",
    }
)
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_REQUIRE_SHARED_CACHE = True

# Logs: one JSON object per line on stdout, for the container runtime or journald to collect.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "INFO"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
