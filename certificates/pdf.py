"""PDF rendering with WeasyPrint: certificates and learning records, PDF/A-3b.

The renderer is fed HTML from our own templates, where Django escapes every learner-supplied
value, and it fetches nothing but `data:` URIs and files inside the project's static and media
folders (`RestrictedURLFetcher`). Images (logo, signature, QR code) are inlined as `data:` URIs.

Fonts come from fontconfig: DejaVu Sans (Debian's fonts-dejavu-core, installed by the Makefile)
covers accented Latin and Vietnamese names, and WeasyPrint embeds the subset it uses, as PDF/A
requires. Using fontconfig rather than an @font-face URL means no font file is fetched at all."""

import base64
import functools
import gc
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.images import get_image_model
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


_per_thread = threading.local()


def _font_config() -> FontConfiguration:
    """One font configuration (fontconfig's fonts, Pango's font map and WeasyPrint's caches of
    line heights and font features) per thread, kept for the life of the process: building one
    costs a render's worth of time, and a Pango font map is not to be used by two threads at
    once (a gunicorn gthread worker renders learning records in several threads)."""
    config = getattr(_per_thread, "font_config", None)
    if config is None:
        config = _per_thread.font_config = FontConfiguration()
    return config


@functools.cache
def _stylesheet(name: str) -> CSS:
    """Stylesheets are parsed once per process and only read afterwards (they have no
    @font-face rule, so they do not depend on the thread's font configuration)."""
    path = finders.find(f"certificates/{name}")
    return CSS(string=Path(path).read_text(encoding="utf-8"), font_config=_font_config())


def warm_up() -> None:
    """Make this process a warm renderer, as a task worker is after its first certificate:
    WeasyPrint and its user-agent stylesheet loaded, our stylesheets parsed, the fonts found.
    Then everything alive so far (Django, Wagtail, WeasyPrint: some 200,000 objects) is moved
    out of the cyclic garbage collector's sight. Otherwise every tenth certificate or so pays a
    full collection that walks all of them (about 150 ms); rendering itself creates cycles of
    its own (the layout's boxes), which are still collected as usual."""
    minimal_pdf()
    _stylesheet("certificate.css")
    _stylesheet("learning_record.css")
    gc.collect()
    gc.freeze()


def qr_data_uri(url: str) -> str:
    """A PNG QR code (so that tests can read it back out of the PDF and decode it).

    The mask pattern is fixed: every mask gives a valid code that any reader decodes, and
    scoring all eight to pick the "best" one took 60% of the QR's cost (20 ms a certificate)
    for no gain on a code printed this large with a quiet zone."""
    return segno.make(url, error="m", micro=False, mask=QR_MASK).png_data_uri(scale=6, border=4)


def image_data_uri(image, spec: str = "max-800x300") -> str | None:
    """A Wagtail image as a data: URI, read through its storage (never by URL).

    The branding images are the same on every certificate: a worker reads each once (the
    rendition's query and the file) and keeps it by the image's id, content hash and spec, so
    an image replaced in the admin (a new file, a new hash) is read afresh."""
    if image is None:
        return None
    if not image.file_hash:
        return _image_data_uri(image, spec)
    return _image_data_uri_kept(image.pk, image.file_hash, spec)


@functools.lru_cache(maxsize=16)
def _image_data_uri_kept(pk: int, file_hash: str, spec: str) -> str:
    return _image_data_uri(get_image_model().objects.get(pk=pk), spec)


def _image_data_uri(image, spec: str) -> str:
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
