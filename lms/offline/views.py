"""The installable app: its manifest and icons, the service worker, the offline page and the
fresh CSRF token that a write sent later needs (docs/offline.md)."""

import functools
import io
import json

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from PIL import Image, ImageDraw, ImageFont

from lms.models import OrganisationSettings
from lms.offline.shell import shell, static_bytes

ICON_SIZES = (192, 512)
ICON_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _organisation(request) -> OrganisationSettings:
    return OrganisationSettings.for_request(request)


@require_GET
@never_cache
def service_worker(request):
    """The worker at the site's root, so that it may look after every page. Its source is our
    own static file (static/js/sw.js); the shell's list is filled in here, where the static
    files' names (hashed in production) are known."""
    entries, scripts = shell()
    source = static_bytes("js/sw.js").decode()
    source = source.replace("self.__WB_MANIFEST", json.dumps(entries)).replace(
        "self.__WORKER_SCRIPTS", json.dumps(scripts)
    )
    response = HttpResponse(source, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def manifest(request):
    organisation = _organisation(request)
    name = organisation.organisation_name
    data = {
        "name": name,
        "short_name": name if len(name) <= 12 else name.split()[0][:12],
        "start_url": "/learning/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": organisation.theme_colour,
        "icons": [
            {
                "src": f"/icons/{size}.png",
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for size in ICON_SIZES
        ]
        + [{"src": static("favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@functools.lru_cache(maxsize=16)
def icon_png(size: int, colour: str, letter: str) -> bytes:
    """A square of the organisation's colour with its initial: safe inside a maskable icon's
    circle (the letter stays in the middle 60%)."""
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype(ICON_FONT, int(size * 0.45))
    except OSError:
        font = ImageFont.load_default(size=int(size * 0.45))
    draw.text((size / 2, size / 2), letter, fill="white", font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


@require_GET
@cache_control(public=True, max_age=86400)
def icon(request, size: int):
    if size not in ICON_SIZES:
        raise Http404
    organisation = _organisation(request)
    letter = (organisation.organisation_name.strip()[:1] or "L").upper()
    return HttpResponse(icon_png(size, organisation.theme_colour, letter), content_type="image/png")


@require_GET
def offline_page(request, language: str):
    """What a page not saved on the phone shows without a signal, in each language: the worker
    keeps all four and shows the person's. Nothing personal is on it: everybody shares it."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    with translation.override(language):
        response = render(
            request,
            "lms/offline.html",
            {"organisation": _organisation(request), "language": language},
        )
    return response


@require_GET
@never_cache
def csrf_token(request):
    """A fresh token for the writes the phone sends later: the one in a saved page goes stale."""
    return JsonResponse({"token": get_token(request)})


@require_GET
def offline_help(request):
    """What works without a signal and how to know it was sent (docs/offline.md, for people)."""
    return render(request, "lms/offline_help.html")
