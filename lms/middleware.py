"""Site-wide protections that no single view should have to remember."""

import time

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.cache import patch_cache_control

# Wagtail's admin still relies on inline scripts and styles in places; staff use it, learners never.
ADMIN_CSP_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}


class SiteCSPMiddleware(CSPMiddleware):
    """The strict policy everywhere, relaxed only for the Wagtail admin."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith("/admin/") and parts.update is None:
            parts.update = ADMIN_CSP_UPDATE
        return parts


class PersonalDataNoStoreMiddleware:
    """Pages shown to a logged-in person carry their personal data: never store them in a cache
    (a shared phone's browser, or a proxy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class IdleTimeoutMiddleware:
    """Log people out after SESSION_COOKIE_AGE seconds without activity (sliding expiry).

    The session is touched at most once a minute, so ordinary browsing does not write to the
    session store on every request."""

    TOUCH_EVERY_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get("last_seen", 0)
            if now - last_seen >= self.TOUCH_EVERY_SECONDS:
                request.session["last_seen"] = now
                request.session.set_expiry(settings.SESSION_COOKIE_AGE)
        return self.get_response(request)
