import tempfile
from pathlib import Path

from .base import *

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "assessments.attendance.reminders.sms.MemoryBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests do not search; indexing every page saved would triple the time to build a course.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The test client's `login()` authenticates without a request, which django-axes refuses; the
# lockout tests switch it back on (tests/lms/test_security.py).
AXES_ENABLED = False

# One process and one cache: the site frame's fragments are kept (lms/site_frame.py), as in
# production with Redis, so that the query budgets and its tests see what production does.
SITE_FRAME_CACHE_SECONDS = 600

# A signing key for credentials, generated once for the machine's test runs, outside the tree.
CREDENTIAL_DEV_KEYS_DIR = Path(tempfile.gettempdir()) / "lms-test-credential-keys"
