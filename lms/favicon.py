"""/favicon.ico: browsers ask for it at the root whatever the page links to, so it answers there
(no 404 in every log line) with the site's own icon from static/."""

import functools
from pathlib import Path

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@functools.cache
def _icon() -> bytes | None:
    found = finders.find("favicon.ico")
    if found:
        return Path(found).read_bytes()
    if staticfiles_storage.exists("favicon.ico"):  # collected (production, the wheel)
        with staticfiles_storage.open("favicon.ico") as icon:
            return icon.read()
    return None


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    icon = _icon()
    if icon is None:
        raise Http404
    return HttpResponse(icon, content_type="image/x-icon")
