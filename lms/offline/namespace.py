"""Whose saved pages a phone holds. Phones are shared: the service worker keeps each person's
saved pages apart under a name the server gives (not the person's id), and wipes them when the
page or the server says someone else is now using the phone (docs/offline.md)."""

from django.utils.crypto import salted_hmac

ANONYMOUS = "anonymous"
HEADER = "Offline-User"


def user_namespace(user) -> str:
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    return salted_hmac("lms.offline.namespace", str(user.pk)).hexdigest()[:20]


class OfflineUserHeaderMiddleware:
    """Every answer says whose it is, so the service worker can wipe the previous person's saved
    pages at the first page after a logout or a login, whatever page that is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response[HEADER] = user_namespace(getattr(request, "user", None))
        return response
