"""The site frame's fragments in the cache: what every page shows around its content and what
nobody's own data changes (the organisation's name, the "Courses" link, per language).

templates/base.html and templates/includes/navbar.html keep them with Django's `{% cache %}` tag,
keyed by the language, the host and the frame's *version*. The version moves on whenever a page,
a site, a locale or the organisation settings are saved or deleted, or a page is moved, in this
process or any other sharing the cache: the next page renders the fragments afresh. Nothing
personal is in them, so nothing about a person can leak between people through them.

The fragments are kept only where `SITE_FRAME_CACHE_SECONDS` is more than 0: in production with
Redis (a cache private to each process would not hear of a save made by another process) and in
tests. Elsewhere they are rendered on every page, as they would be on a cache miss. A write that
sends no model signal (`QuerySet.update()`, SQL) is seen after `SITE_FRAME_CACHE_SECONDS`."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.functional import SimpleLazyObject

VERSION_KEY = "site-frame:version"


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
    except ValueError:  # not there: the next page starts a new number
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def changed() -> None:
    """The frame may show something else: a new version now, and again once the transaction
    commits (a page rendered in between would keep the old frame under the new version)."""
    bump()
    transaction.on_commit(bump)


def _saved(sender, instance, **kwargs) -> None:
    from wagtail.models import Locale, Page, Site

    from lms.models import OrganisationSettings

    if isinstance(instance, OrganisationSettings) and kwargs.get("created"):
        # Made with its defaults by the first page that reads it (Wagtail's `for_request`): no
        # frame kept so far showed another row, since any frame rendered would have made it.
        return
    if isinstance(instance, Page | Site | Locale | OrganisationSettings):
        changed()


def _moved(sender, **kwargs) -> None:
    changed()


def connect_signals() -> None:
    from wagtail.signals import post_page_move

    post_save.connect(_saved, dispatch_uid="site_frame_saved")
    post_delete.connect(_saved, dispatch_uid="site_frame_deleted")
    post_page_move.connect(_moved, dispatch_uid="site_frame_moved")


def context(request) -> dict:
    """Context processor: how long the fragments are kept and the version in their keys (read
    from the cache only by a template that uses it)."""
    seconds = settings.SITE_FRAME_CACHE_SECONDS
    return {
        "site_frame_seconds": seconds,
        "site_frame_version": SimpleLazyObject(version if seconds else int),
    }
