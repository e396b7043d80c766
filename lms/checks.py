"""The site must know its public address where it matters: every certificate, QR code and e-mail
carries it, and a certificate printed with a wrong one cannot be verified by an employer."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


@checks.register("site")
def site_url_is_set(app_configs, **kwargs):
    if not getattr(settings, "SITE_URL_REQUIRED", False):
        return []
    url = getattr(settings, "SITE_URL", "")
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc and parts.path in ("", "/"):
        return []
    return [
        checks.Error(
            f"SITE_URL is {url!r}: it must be the site's public address, such as "
            "https://lms.example.org (no path).",
            hint="Set the environment variable SITE_URL (docs/deployment.md). Certificates, "
            "their QR codes and e-mails carry it.",
            id="lms.E001",
        )
    ]
