"""Site-wide protections that no single view should have to remember."""

import time

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth import logout
from django.utils.cache import patch_cache_control

# Wagtail's admin still relies on inline scripts and styles in places; staff use it, learners never.
ADMIN_CSP_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
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
    """Log people out after SESSION_COOKIE_AGE seconds without activity, decided on the server.

    The cookie stays a browser-session cookie (SESSION_EXPIRE_AT_BROWSER_CLOSE): learners share
    phones, and a cookie with an expiry date would outlive the browser. So the idle limit is not
    the cookie's lifetime but a last-activity time kept in the session and checked on every
    request. It is rewritten at most once a minute, so ordinary browsing does not write to the
    session store on every request (each write also moves the stored session's own expiry)."""

    TOUCH_EVERY_SECONDS = 60
    SESSION_KEY = "last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(self.SESSION_KEY)
            if last_seen is not None and now - last_seen >= settings.SESSION_COOKIE_AGE:
                logout(request)
            elif last_seen is None or now - last_seen >= self.TOUCH_EVERY_SECONDS:
                request.session[self.SESSION_KEY] = now
        return self.get_response(request)
