"""Settings shared by every environment. Environment-specific files import from here."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# The site's folders (templates, static, locale, Bootstrap): beside the apps in a checkout, in
# lms_site/ when installed from the wheel (setup.py).
SITE_DIR = BASE_DIR if (BASE_DIR / "templates").is_dir() else BASE_DIR / "lms_site"
BOOTSTRAP_DIR = (
    BASE_DIR / "node_modules" / "bootstrap" / "dist"
    if SITE_DIR == BASE_DIR
    else SITE_DIR / "bootstrap"
)
# The roll call's live updates (htmx) and the card scanner's camera (html5-qrcode), from npm too.
HTMX_DIR = (
    BASE_DIR / "node_modules" / "htmx.org" / "dist" if SITE_DIR == BASE_DIR else SITE_DIR / "htmx"
)
HTML5_QRCODE_DIR = (
    BASE_DIR / "node_modules" / "html5-qrcode"
    if SITE_DIR == BASE_DIR
    else SITE_DIR / "html5_qrcode"
)

# The service worker's Workbox modules and the offline queue's IndexedDB wrapper (idb), from npm.
NODE_BUILDS = {
    name: (
        BASE_DIR / "node_modules" / name / "build" if SITE_DIR == BASE_DIR else SITE_DIR / folder
    )
    for name, folder in [
        ("workbox-core", "workbox_core"),
        ("workbox-routing", "workbox_routing"),
        ("workbox-strategies", "workbox_strategies"),
        ("workbox-precaching", "workbox_precaching"),
        ("idb", "idb"),
    ]
}

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    # Project apps first so their templates and static files win.
    "lms",
    "courses",
    "assessments",
    "certificates",
    "privacy",
    "workspace",
    "mentors",
    "indicators",
    "demo",
    # Wagtail
    "wagtail.contrib.forms",
    # Course content in every language: a page tree per language, translated in the admin.
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "django_tasks",
    # The task queue table (production runs it; its migrations exist in every environment).
    "django_tasks_db",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.middleware.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.middleware.IdleTimeoutMiddleware",
    "lms.uploads.UploadLimitMiddleware",
    "lms.middleware.PersonalDataNoStoreMiddleware",
    "lms.offline.namespace.OfflineUserHeaderMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "lms.site_frame.context",
                "lms.offline.context.context",
            ],
            # Dates and rates the reader's way in every template, e-mail and PDF (lms/formats.py).
            "builtins": ["lms.templatetags.formats"],
        },
    },
]

# The database comes from DATABASE_URL: an SQLite file by default, PostgreSQL in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out account and client before any password check.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, with a person's permissions read in one query (the person on every request).
    "lms.auth_backends.PermissionsBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "courses:dashboard"
# Where others land is given by the apps (lms.nav.landing_register): trainers on "Today",
# coordinators on their caseload.
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
]
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Rome")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
# Third-party front-end assets come from the npm registry at set-up (`npm ci`), never copied in.
STATICFILES_DIRS = [
    SITE_DIR / "static",
    ("vendor/bootstrap", BOOTSTRAP_DIR),
    ("vendor/htmx", HTMX_DIR),
    ("vendor/html5-qrcode", HTML5_QRCODE_DIR),
    *((f"vendor/{name}", folder) for name, folder in NODE_BUILDS.items()),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files that must never be served publicly (certificates, evidence): outside MEDIA_ROOT, and
# handed out only by views that check who is asking.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The site's public address, carried by every link sent out: e-mails, certificates and their QR
# codes, the admin. `make run PORT=8111` sets SITE_URL=http://127.0.0.1:8111; production must set
# it (lms/checks.py, docs/deployment.md).
SITE_URL = (os.environ.get("SITE_URL", "").strip() or "http://127.0.0.1:8000").rstrip("/")
SITE_URL_REQUIRED = False
WAGTAILADMIN_BASE_URL = SITE_URL
# The admin's title when no organisation name is set (Settings > Organisation); the admin shows
# that name once it is (lms/wagtail_hooks.py).
WAGTAIL_SITE_NAME = "LMS"
# No Gravatar: many sites have no internet, and a face from a third party tells it who looks.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Course content is translated page by page (wagtail.contrib.simple_translation): the tree of
# LANGUAGE_CODE holds the originals, which cohorts and certificates point at (lms/i18n.py).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Background work goes through Django's task framework (the django-tasks backport).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Called by `manage.py task_worker` before its first task: the certificate renderer loads its
# fonts and stylesheets then, not during the first certificate (certificates.pdf.warm_up).
TASK_WORKER_WARM_UP = ["certificates.pdf.warm_up"]

# Public certificate look-ups allowed per client address and window (seconds).
CERTIFICATE_VERIFY_RATE = (30, 60)

# Open Badges credentials (docs/credentials.md): the issuer's Ed25519 keys as a JWKS, from a file
# or inline; the signing key's kid (by default the last private key). Never in the database.
CREDENTIAL_SIGNING_KEYS_FILE = os.environ.get("CREDENTIAL_SIGNING_KEYS_FILE", "").strip()
CREDENTIAL_SIGNING_KEYS = os.environ.get("CREDENTIAL_SIGNING_KEYS", "")
CREDENTIAL_SIGNING_KID = os.environ.get("CREDENTIAL_SIGNING_KID", "").strip()
# Where development generates a key on first use; production has none, and refuses to issue.
CREDENTIAL_DEV_KEYS_DIR = None

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LMS <no-reply@localhost>")

# Session reminders by text message (assessments/attendance/reminders/sms.py, docs/deployment.md):
# a backend's dotted path; empty offers no text messages. Development prints them on the console.
SMS_BACKEND = os.environ.get(
    "SMS_BACKEND", "assessments.attendance.reminders.sms.ConsoleBackend"
).strip()
SMS_TIMEOUT_SECONDS = int(os.environ.get("SMS_TIMEOUT_SECONDS", "10"))
TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")
TWILIO_FROM = os.environ.get("TWILIO_FROM", "")

# `make bench` only: mounts /bench/bare/, a view with no database and no template, as the floor
# that the real pages' throughput is compared with (docs/performance.md). Off everywhere else.
BENCH_BARE_VIEW = False

# Uploads (lms/uploads.py): no file over UPLOAD_MAX_BYTES is read, and a request larger than
# the forms accept is refused on its Content-Length. Fields other than files: Django's default.
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_MAX_FILES = 5  # per request, for a logged-in person; anonymous requests carry one file
UPLOAD_FORM_OVERHEAD_BYTES = 256 * 1024  # the form's other fields and multipart boundaries
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "lms.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Idle timeout: learners often use shared phones and computers, so it is short by default.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN

# Login protection (django-axes): after AXES_FAILURE_LIMIT failures for one account from one client
# address, that pair is locked out for the cool-off period. The message never says whether the
# account exists.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# The client's address, for everything counted per client (the login lockout above, the
# certificate check's rate limit): the number of proxies we run in front of the site, each
# appending the address it saw to X-Forwarded-For (lms/client_ip.py, docs/deployment.md).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "lms.client_ip.client_ip"
RATELIMIT_IP_META_KEY = "lms.client_ip.client_ip"
# django-ratelimit counts in this cache. If it cannot be read (Redis down), the certificate
# check stays open rather than refusing everyone: it shows no name for a serial alone, and
# login lockouts are kept in the database, not in the cache.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = True

# Content-Security-Policy (django-csp): everything from the site itself. Inline style attributes are
# allowed (progress bars); inline scripts are not. Images may also be blob: URLs, which only the
# page's own scripts make (the thumbnails of the photos a trainer has just chosen). Lesson videos
# may be framed from the two common privacy-friendly players.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per task run and per page saved drowns out what matters.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Assessment evidence (photos, PDFs) is private: kept outside MEDIA_ROOT, with no public URL,
# and served only through a view that checks who asks.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))

# Personal data of people inactive for longer than this is erased by `manage.py privacy_retention
# --apply` (see docs/security.md). Six years by default: long enough to answer a funder's audit.
RETENTION_INACTIVE_DAYS = int(os.environ.get("RETENTION_INACTIVE_DAYS", str(6 * 365)))

# The site frame's fragments (organisation name, "Courses" link: nothing personal) are kept in
# the cache for this many seconds, per language, until a page, site or setting is saved
# (lms/site_frame.py). Only where every process shares the cache (production with Redis): a
# cache private to each process would not hear of a save made by another. 0 renders them afresh.
SITE_FRAME_CACHE_SECONDS = 0
# Mentors: how long before a mentor certificate's last valid day the refresher is due (and the
# mentor is told), and how many mentees per active mentor a region may have before it is flagged.
MENTOR_REFRESHER_NOTICE_DAYS = int(os.environ.get("MENTOR_REFRESHER_NOTICE_DAYS", "60"))
MENTOR_COVERAGE_MAX_RATIO = int(os.environ.get("MENTOR_COVERAGE_MAX_RATIO", "5"))
