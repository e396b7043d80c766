"""PDF rendering with WeasyPrint: certificates and learning records, PDF/A-3b.

The renderer is fed HTML from our own templates, where Django escapes every learner-supplied
value, and it fetches nothing but `data:` URIs and files inside the project's static and media
folders (`RestrictedURLFetcher`). Images (logo, signature, QR code) are inlined as `data:` URIs.

Fonts come from fontconfig: DejaVu Sans (Debian's fonts-dejavu-core, installed by the Makefile)
covers accented Latin and Vietnamese names, and WeasyPrint embeds the subset it uses, as PDF/A
requires. Using fontconfig rather than an @font-face URL means no font file is fetched at all."""

import base64
import functools
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

PDF_VARIANT = "pdf/a-3b"
FONT_FAMILY = "DejaVu Sans"
QR_MASK = 0


def _allowed_roots() -> list[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
    for entry in settings.STATICFILES_DIRS:
        roots.append(Path(entry[1] if isinstance(entry, tuple) else entry))
    return [root.resolve() for root in roots]


class RestrictedURLFetcher(URLFetcher):
    """Serves `data:` URIs and files under the project's static and media folders; refuses
    everything else (http, ftp, other files). Every request is remembered, for tests."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=("data", "file"), **kwargs)
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        scheme = url.split(":", 1)[0].lower()
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in _allowed_roots()):
                self.refused.append(url)
                raise ValueError(f"Refused to read a file outside static and media: {url}")
        elif scheme != "data":
            self.refused.append(url)
            raise ValueError(f"Refused to fetch: {url}")
        return super().fetch(url, headers)


@functools.cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def _stylesheet(name: str) -> CSS:
    """Stylesheets are parsed once per worker process; a warm worker reuses them."""
    path = finders.find(f"certificates/{name}")
    return CSS(string=Path(path).read_text(encoding="utf-8"), font_config=_font_config())


def qr_data_uri(url: str) -> str:
    """A PNG QR code (so that tests can read it back out of the PDF and decode it).

    The mask pattern is fixed: every mask gives a valid code that any reader decodes, and
    scoring all eight to pick the "best" one took 60% of the QR's cost (20 ms a certificate)
    for no gain on a code printed this large with a quiet zone."""
    return segno.make(url, error="m", micro=False, mask=QR_MASK).png_data_uri(scale=6, border=4)


def image_data_uri(image, spec: str = "max-800x300") -> str | None:
    """A Wagtail image as a data: URI, read through its storage (never by URL)."""
    if image is None:
        return None
    rendition = image.get_rendition(spec)
    with rendition.file.open("rb") as handle:
        data = handle.read()
    mime = mimetypes.guess_type(rendition.file.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def html_to_pdf(
    html: str, *, stylesheets=(), fetcher: RestrictedURLFetcher | None = None, title: str = ""
) -> bytes:
    fetcher = fetcher or RestrictedURLFetcher()
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher)
    return document.write_pdf(
        stylesheets=[_stylesheet(name) for name in stylesheets],
        font_config=_font_config(),
        pdf_variant=PDF_VARIANT,
    )


def certificate_pdf(
    *, context: dict, language: str = "en", fetcher: RestrictedURLFetcher | None = None
) -> bytes:
    with translation.override(language):
        html = render_to_string("certificates/certificate_pdf.html", context)
    return html_to_pdf(html, stylesheets=["certificate.css"], fetcher=fetcher)


def learning_record_pdf(
    *, context: dict, language: str = "en", fetcher: RestrictedURLFetcher | None = None
) -> bytes:
    with translation.override(language):
        html = render_to_string("certificates/learning_record_pdf.html", context)
    return html_to_pdf(html, stylesheets=["learning_record.css"], fetcher=fetcher)


def minimal_pdf() -> bytes:
    """One paragraph, for the benchmark's baseline: same fonts, same PDF/A variant."""
    html = f"<p style=\"font-family: '{FONT_FAMILY}'\">A minimal page with one paragraph.</p>"
    return html_to_pdf(html)
