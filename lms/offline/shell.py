"""The app shell the service worker keeps (static/js/sw.js): what every page needs to show
without a signal, each with a revision so that a new release replaces it."""

import functools
import hashlib

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static

# Loaded by the worker itself, in this order (each Workbox module needs the ones before it).
WORKER_SCRIPTS = [
    "vendor/workbox-core/workbox-core.prod.js",
    "vendor/workbox-routing/workbox-routing.prod.js",
    "vendor/workbox-strategies/workbox-strategies.prod.js",
    "vendor/workbox-precaching/workbox-precaching.prod.js",
    "vendor/idb/umd.js",
    "js/offline_db.js",
]
# What every page loads (templates/base.html), kept for pages read without a signal.
SHELL_FILES = [
    "vendor/bootstrap/css/bootstrap.min.css",
    "vendor/bootstrap/js/bootstrap.bundle.min.js",
    "css/lms.css",
    "js/offline.js",
    "js/offline_db.js",
    "vendor/idb/umd.js",
    "favicon.svg",
]


def static_bytes(path: str) -> bytes:
    found = finders.find(path)
    if found:
        with open(found, "rb") as handle:
            return handle.read()
    with staticfiles_storage.open(path) as handle:  # collected (production, the wheel)
        return handle.read()


def _revision(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:16]


def _shell() -> tuple[list[dict], list[str]]:
    entries = [
        {"url": static(path), "revision": _revision(static_bytes(path))} for path in SHELL_FILES
    ]
    # The offline page in each language: it changes with the shell or the catalogues' release.
    release = _revision("".join(e["revision"] for e in entries).encode())
    entries += [
        {"url": f"/offline/{code}/", "revision": release} for code, _name in settings.LANGUAGES
    ]
    return entries, [static(path) for path in WORKER_SCRIPTS]


_shell_cached = functools.cache(_shell)


def shell() -> tuple[list[dict], list[str]]:
    """(precache entries, worker scripts). Computed once per process, except while developing,
    where the files change under a running server."""
    return _shell() if settings.DEBUG else _shell_cached()
