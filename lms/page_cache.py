"""A per-person cache of whole pages that people open far more often than what they show changes.

"My learning" is the page every learner opens first and comes back to: rebuilding it runs a dozen
queries and renders every course card, while what it shows changes only when somebody writes
something (a lesson marked done, a roll call, an enrolment, a course published). So the rendered
page is kept per person, with the site-wide *version* number it was rendered at: any write makes
the version move on, and a page kept with an older version is never served again (the cache
forgets it after `PAGE_CACHE_SECONDS`, or when the page is rendered anew). Correctness does not
depend on knowing which write touches which page.

The version moves on:
- after every request that may write (any method but GET, HEAD, OPTIONS, TRACE) and succeeded,
  whoever sent it: the people's pages, the admin, the CSV import, the login form;
- when a model is saved or deleted outside such a request (management commands, background
  tasks, the shell), except in the apps of `PAGE_CACHE_IGNORED_APPS`, which write on their own
  (sessions, login attempts, the task queue) and show nothing on people's pages;
- when a service whose writes send no model signal (`update()`, `bulk_create()`) says it changed
  something (`changed()`): the attendance-risk refresh (`manage.py attendance_risks_refresh`
  every night, and after a roll call or a changed schedule) when a learner's state or figures
  changed, `manage.py attendance_tallies_rebuild` when it corrected a tally, and the language
  remembered in a person's profile;
- with the date (pages show "today" and upcoming sessions), and with the person's language.

A page is served from the cache only to the same person, in the same language, with the same CSRF
secret (the page's forms carry a token made from it), on the same day, and never when messages
are waiting to be shown (they would be lost).

The cache must be shared by every process that serves pages (Redis in production): with a cache
private to each process, one process would not see the others' writes. Production turns the page
cache off when it has no Redis."""

import functools
import hashlib
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone, translation

VERSION_KEY = "page-cache:version"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def version() -> int:
    current = cache.get(VERSION_KEY)
    if current is None:
        # After a cache restart or eviction: a new number, never one used before.
        current = time.time_ns()
        cache.add(VERSION_KEY, current, timeout=None)
        current = cache.get(VERSION_KEY, current)
    return current


def bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there (first write since the cache started)
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def _key(request, name: str) -> str | None:
    secret = request.META.get("CSRF_COOKIE")
    if not secret or not request.user.is_authenticated:
        return None  # the page would set a new CSRF cookie: render it afresh
    fingerprint = hashlib.sha256(secret.encode()).hexdigest()[:16]
    return ":".join(
        [
            "page-cache",
            name,
            str(request.user.pk),
            translation.get_language() or "",
            fingerprint,
            timezone.localdate().isoformat(),
        ]
    )


def _has_messages(request) -> bool:
    storage = messages.get_messages(request)
    return len(storage) > 0  # len() reads without marking them as shown


def per_person(name: str):
    """Decorator for a GET view whose page depends only on the person, the data and the day."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not settings.PAGE_CACHE_SECONDS or request.method != "GET":
                return view(request, *args, **kwargs)
            key = _key(request, name)
            if key is None or _has_messages(request):
                return view(request, *args, **kwargs)
            # One round trip for both: the page is kept with the version it was rendered at,
            # and served only while that is still the current one.
            found = cache.get_many([VERSION_KEY, key])
            current = found.get(VERSION_KEY)
            if current is None:
                current = version()
            cached = found.get(key)
            if cached is not None and cached[0] == current:
                _version, content, content_type = cached
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if (
                response.status_code == 200
                and not response.streaming
                and not _has_messages(request)
            ):
                cache.set(
                    key,
                    (current, response.content, response["Content-Type"]),
                    settings.PAGE_CACHE_SECONDS,
                )
            return response

        return wrapped

    return decorator


class CachedUserBackend(ModelBackend):
    """Django's ModelBackend, with the person behind a session read from the shared cache.

    Every request of a logged-in person looks the person up again (`get_user`); from PostgreSQL
    that costs three times the CPU of a cache read. The row is kept with the site-wide version,
    like the pages: any write, a new password, a deactivated account, a changed group, moves
    the version on and the next request reads the row from the database again. Nothing else
    changes: the session's password hash is checked against the row as before, and inactive
    people are refused. Only the row is kept; permissions are worked out per request as ever."""

    def get_user(self, user_id):
        if not settings.USER_CACHE_SECONDS:
            return super().get_user(user_id)
        key = f"page-cache:user:{user_id}"
        found = cache.get_many([VERSION_KEY, key])
        current = found.get(VERSION_KEY)
        cached = found.get(key)
        if current is not None and cached is not None and cached[0] == current:
            user = cached[1]
            return user if self.user_can_authenticate(user) else None
        if current is None:
            current = version()
        user = super().get_user(user_id)
        if user is not None:
            # Read after the version: a write in between leaves it older than the row, not newer.
            cache.set(key, (current, user), settings.USER_CACHE_SECONDS)
        return user


class SiteFrameMiddleware:
    """What the frame of every page reads, from the shared cache: the Wagtail site of the host,
    its organisation settings (the name in the navigation bar, the title and the footer) and the
    course index's URL (the "Courses" link).

    Rendered afresh, those are three queries on every page, and their ORM work was a fifth of a
    roll call's CPU time. They are kept per host and port with the site-wide version, like the
    person's row: any write (a changed setting, a site or a course index saved, in the admin or
    elsewhere) moves the version on and the next request reads them from the database again.
    Wagtail finds them where this puts them (`Site.find_for_request` and `for_request` look on
    the request first); everything else about the page is worked out as before.
    `SITE_CACHE_SECONDS` = 0 turns it off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SITE_CACHE_SECONDS:
            _site_frame(request)
        return self.get_response(request)


def _site_frame(request) -> None:
    from wagtail.models import Site

    from lms.models import OrganisationSettings
    from lms.templatetags.lms_tags import course_index_url

    # The host as Wagtail reads it to find the site (`Site._find_for_request`).
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"page-cache:site:{hostname}:{request.get_port()}"
    found = cache.get_many([VERSION_KEY, key])
    current = found.get(VERSION_KEY)
    cached = found.get(key)
    if current is not None and cached is not None and cached[0] == current:
        _version, site, organisation, course_index_url = cached
        request._wagtail_site = site
        if organisation is not None:
            organisation._request = request
            setattr(request, OrganisationSettings.get_cache_attr_name(), organisation)
        request._course_index_url = course_index_url
        return
    if current is None:
        current = version()
    # Read after the version: a write in between leaves them older than the rows, not newer.
    site = Site.find_for_request(request)
    organisation = OrganisationSettings.for_request(request) if site is not None else None
    index_url = course_index_url({"request": request})  # and kept on the request, as the tag does
    cache.set(key, (current, site, organisation, index_url), settings.SITE_CACHE_SECONDS)


class WritesInvalidateMiddleware:
    """Moves the version on after every request that may have written something."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS and response.status_code < 500:
            bump()
        return response


def changed() -> None:
    """Say that something people's pages may show has changed: the version moves on now, and
    again once the current transaction commits (at once outside one). A page rendered in between
    still shows the old data, and would otherwise stay cached under the new version.

    The model signals call it for every save and delete (outside `PAGE_CACHE_IGNORED_APPS`). A
    service that writes what they do not see (`QuerySet.update()`, `bulk_create()`,
    `bulk_update()`, raw SQL), with nothing else saved in the same transaction, calls it itself
    when it changed something, and only then: a run that changes nothing keeps every page
    cached. Whoever calls the service (a view, a command, a task, the shell), the pages follow."""
    bump()
    transaction.on_commit(bump)


def _model_changed(sender, **kwargs) -> None:
    if sender._meta.app_label not in settings.PAGE_CACHE_IGNORED_APPS:
        changed()


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_model_changed, dispatch_uid=f"page_cache_{id(signal)}")
